import { describe, expect, it } from 'vitest';
import { replayLine } from './replayLine';

describe('replayLine', () => {
  it('prints the replayed time in Beijing time with the speed', () => {
    // 06:32:10 UTC is 14:32:10 in Shanghai.
    const at = Date.UTC(2026, 11, 7, 6, 32, 10);
    expect(replayLine({ id: 'r', at, speed: 60, state: 'running' }, 'zh')).toBe('回放 2026-12-07 14:32:10 · 60×');
    expect(replayLine({ id: 'r', at, speed: 60, state: 'running' }, 'en')).toBe('Replay 2026-12-07 14:32:10 · 60×');
    expect(replayLine({ id: 'r', at, speed: 10, state: 'finished' }, 'zh')).toBe('回放结束 2026-12-07 14:32:10 · 10×');
  });
});
