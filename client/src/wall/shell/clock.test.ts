import { describe, expect, it } from 'vitest';
import { clockParts } from './clock';

describe('clockParts', () => {
  it('shows Beijing time regardless of the host timezone', () => {
    // 2026-11-22 16:10:05 UTC is 2026-11-23 00:10:05 in Shanghai, a Monday.
    const t = Date.UTC(2026, 10, 22, 16, 10, 5);
    expect(clockParts(t, 'zh')).toEqual({ date: '2026-11-23', weekday: '星期一', time: '00:10:05' });
    expect(clockParts(t, 'en')).toEqual({ date: '2026-11-23', weekday: 'Mon', time: '00:10:05' });
  });
});
