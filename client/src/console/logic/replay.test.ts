import { describe, expect, it } from 'vitest';
import { presetWindow } from './replay';

const MIN = 60_000;

describe('presetWindow', () => {
  // 12:00:30 (a time not on a minute), as the form holds whole minutes.
  const now = 1_800_000_000_000 - (1_800_000_000_000 % MIN) + 30_000;

  it('gives the last 30 minutes, in whole minutes, when that much is stored', () => {
    expect(presetWindow({ from: now - 3 * 3_600_000, to: now }, now, 30 * MIN)).toEqual({ from: now - 30_000 - 29 * MIN, to: now - 30_000, clipped: false });
  });

  it('starts at the first whole minute after the oldest stored report when less is stored, and says so', () => {
    const oldest = now - 12 * MIN - 10_000;
    const w = presetWindow({ from: oldest, to: now }, now, 30 * MIN)!;
    expect(w.from).toBeGreaterThanOrEqual(oldest);
    expect(w.from % MIN).toBe(0);
    expect(w.from - oldest).toBeLessThan(MIN);
    expect(w).toMatchObject({ to: now - 30_000, clipped: true });
  });

  it('offers nothing while nothing (or under a whole minute) is stored', () => {
    expect(presetWindow(null, now, 30 * MIN)).toBeNull();
    expect(presetWindow({ from: now - 80_000, to: now }, now, 30 * MIN)).toBeNull();
  });
});
