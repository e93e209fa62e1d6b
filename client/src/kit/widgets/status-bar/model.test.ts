import { describe, expect, it } from 'vitest';
import { statusSegments } from './model';
import { fixture } from './fixture';

describe('statusSegments', () => {
  it('keeps true shares and counts, in a fixed status order', () => {
    const s = statusSegments(fixture);
    expect(s.map((x) => x.status)).toEqual(['online', 'offline', 'fault', 'silent']);
    expect(s.map((x) => x.count)).toEqual([9310, 95, 41, 53]);
    expect(s[0]!.pct).toBeCloseTo((100 * 9310) / 9499, 6);
  });

  it('gives small non-zero segments a visible width and still fills exactly 100 %', () => {
    const s = statusSegments(fixture, 1.5);
    expect(s[2]!.pct).toBeLessThan(1);
    expect(s[2]!.width).toBe(1.5);
    expect(s.reduce((a, x) => a + x.width, 0)).toBeCloseTo(100, 9);
  });

  it('draws nothing for zero counts and an empty fleet', () => {
    const s = statusSegments({ online: 10, offline: 0, fault: 0, silent: 0 });
    expect(s.map((x) => x.width)).toEqual([100, 0, 0, 0]);
    expect(statusSegments({ online: 0, offline: 0, fault: 0, silent: 0 }).every((x) => x.width === 0)).toBe(true);
  });
});
