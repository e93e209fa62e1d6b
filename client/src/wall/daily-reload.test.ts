import { describe, expect, it } from 'vitest';
import { nextOccurrence, parseClockTime, scheduleDailyReload, type ReloadDeps } from './daily-reload';

describe('parseClockTime', () => {
  it('reads HH:MM and HH:MM:SS on a 24-hour clock', () => {
    expect(parseClockTime('04:00')).toEqual({ h: 4, m: 0, s: 0 });
    expect(parseClockTime('23:59:30')).toEqual({ h: 23, m: 59, s: 30 });
  });
  it('ignores anything else', () => {
    for (const v of [null, '', '4:00', '24:00', '12:60', '12:00:60', '04:00pm', 'tomorrow']) expect(parseClockTime(v)).toBeNull();
  });
});

describe('nextOccurrence', () => {
  const at = { h: 4, m: 0, s: 0 };
  it('is later today when the time has not come yet, tomorrow when it has', () => {
    expect(nextOccurrence(new Date(2026, 10, 22, 3, 59, 59), at)).toBe(new Date(2026, 10, 22, 4, 0, 0).getTime());
    expect(nextOccurrence(new Date(2026, 10, 22, 4, 0, 0), at)).toBe(new Date(2026, 10, 23, 4, 0, 0).getTime());
    expect(nextOccurrence(new Date(2026, 11, 31, 22, 0, 0), at)).toBe(new Date(2027, 0, 1, 4, 0, 0).getTime());
  });
});

/** A fake clock with timers, driven by advance(). */
function harness(start: Date, overrides: Partial<ReloadDeps> = {}) {
  let t = start.getTime();
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let nextId = 1;
  const log = { reloads: 0, reachableCalls: 0, longestTimer: 0 };
  const deps: ReloadDeps = {
    now: () => new Date(t),
    setTimer: (fn, ms) => {
      log.longestTimer = Math.max(log.longestTimer, ms);
      const id = nextId++;
      timers.push({ at: t + ms, fn, id });
      return id;
    },
    clearTimer: (id) => void (timers = timers.filter((x) => x.id !== id)),
    busy: () => false,
    reachable: async () => {
      log.reachableCalls++;
      return true;
    },
    reload: () => void log.reloads++,
    ...overrides,
  };
  async function advance(ms: number): Promise<void> {
    const end = t + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > end) break;
      timers.shift();
      t = next.at;
      next.fn();
      // Let the async attempt settle before the clock moves on.
      for (let i = 0; i < 5; i++) await Promise.resolve();
    }
    t = end;
  }
  return { deps, log, advance, pending: () => timers.length };
}

describe('scheduleDailyReload', () => {
  const at = { h: 4, m: 0, s: 0 };
  const start = new Date(2026, 10, 22, 22, 0, 0);

  it('reloads once, at the next 04:00, never before', async () => {
    const h = harness(start);
    scheduleDailyReload(at, h.deps);
    await h.advance(6 * 3_600_000 - 1_000); // 03:59:59
    expect(h.log.reloads).toBe(0);
    await h.advance(1_000);
    expect(h.log.reloads).toBe(1);
    await h.advance(3_600_000);
    expect(h.log.reloads).toBe(1);
  });

  it('re-checks the clock at least every 10 minutes instead of trusting one long timer', async () => {
    const h = harness(start);
    scheduleDailyReload(at, h.deps);
    await h.advance(3_600_000);
    expect(h.log.longestTimer).toBeLessThanOrEqual(10 * 60_000);
    expect(h.pending()).toBe(1);
  });

  it('waits while busy (a visit tour) and goes at the first retry after it ends', async () => {
    let busy = true;
    const h = harness(start, { busy: () => busy });
    scheduleDailyReload(at, h.deps);
    await h.advance(6 * 3_600_000 + 12 * 60_000); // 04:12: refused at 04:00, 04:05 and 04:10
    expect(h.log.reloads).toBe(0);
    busy = false;
    await h.advance(2 * 60_000); // 04:14: not yet, the next try is 04:15
    expect(h.log.reloads).toBe(0);
    await h.advance(60_000);
    expect(h.log.reloads).toBe(1);
  });

  it('does not swap the last picture for an error page when the server does not answer', async () => {
    let up = false;
    const h = harness(start, { reachable: async () => up });
    scheduleDailyReload(at, h.deps);
    await h.advance(6 * 3_600_000 + 30 * 60_000);
    expect(h.log.reloads).toBe(0);
    up = true;
    await h.advance(5 * 60_000);
    expect(h.log.reloads).toBe(1);
  });

  it('treats a failing reachability check as unreachable', async () => {
    const h = harness(start, { reachable: () => Promise.reject(new Error('network')) });
    scheduleDailyReload(at, h.deps);
    await h.advance(7 * 3_600_000);
    expect(h.log.reloads).toBe(0);
    expect(h.pending()).toBe(1);
  });

  it('stops when disarmed (the wall unmounts)', async () => {
    const h = harness(start);
    const stop = scheduleDailyReload(at, h.deps);
    stop();
    expect(h.pending()).toBe(0);
    await h.advance(24 * 3_600_000);
    expect(h.log.reloads).toBe(0);
  });
});
