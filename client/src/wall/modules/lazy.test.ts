import { describe, expect, it } from 'vitest';
import { backoffMs, loadUntilDone } from './lazy';

describe('lazy module code', () => {
  it('backs off 1, 2, 4, 8 s, then retries every 15 s for good', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(backoffMs)).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000]);
  });

  it('keeps loading through failures, repairing and waiting between attempts, and resolves with the code', async () => {
    const log: string[] = [];
    let calls = 0;
    const code = { default: 'GrowthModule' };
    const got = await loadUntilDone(
      async () => {
        calls++;
        log.push(`load ${calls}`);
        if (calls <= 3) throw new TypeError('Unable to preload CSS for /assets/GrowthModule.css');
        return code;
      },
      {
        wait: async (ms) => void log.push(`wait ${ms}`),
        repair: async () => void log.push('repair'),
        failed: (n) => void log.push(`failed ${n}`),
      },
    );
    expect(got).toBe(code);
    expect(log).toEqual([
      'load 1', 'failed 1', 'wait 1000', 'repair',
      'load 2', 'failed 2', 'wait 2000', 'repair',
      'load 3', 'failed 3', 'wait 4000', 'repair',
      'load 4',
    ]);
  });
});
