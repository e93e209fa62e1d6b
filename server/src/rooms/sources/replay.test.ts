import { describe, expect, it } from 'vitest';
import type { ReplayMeta } from '@futian/shared';
import { ManualClock } from '../../platform/clock.js';
import type { RawReportRow, Store } from '../../store/types.js';
import type { Room } from '../room.js';
import { StoredReportsFeed } from './replay.js';

const ROWS: RawReportRow[] = Array.from({ length: 20_000 }, (_, i) => ({ ts: 1_000 + i, device: i % 50, status: 1, busy: null, powerKw: null, sensors: null, source: 1 }));

/** The store's page contract over an array: (ts, device) order, after a key, at most `limit`. */
const store = {
  async reportsPage(from: number, to: number, after: { ts: number; device: number } | null, limit: number) {
    return ROWS.filter((r) => r.ts >= from && r.ts < to && (!after || r.ts > after.ts || (r.ts === after.ts && r.device > after.device))).slice(0, limit);
  },
} as unknown as Store;

function fakeRoom(clock: ManualClock, seen: number[], work: () => void): Room {
  return {
    clock,
    advanceTo: (t: number) => {
      if (t > clock.now()) clock.set(t);
    },
    observeRow: (row: RawReportRow) => {
      seen.push(row.ts);
      work();
    },
    pipeline: { publisher: { setReplay: () => undefined } },
  } as unknown as Room;
}

describe('StoredReportsFeed', () => {
  it('applies a tick of many rows in slices, yielding to the event loop between them, in order', async () => {
    const meta: ReplayMeta = { id: 'replay:t', from: 1_000, to: 21_000, speed: 3600, cursor: 1_000, state: 'running' };
    const clock = new ManualClock(meta.from);
    const seen: number[] = [];
    // About 2 µs of work per row: 20,000 rows is ~40 ms, far more than one 1 ms slice.
    const work = () => {
      const end = performance.now() + 0.002;
      while (performance.now() < end);
    };
    let ended: string | null = null;
    const feed = new StoredReportsFeed({ store, meta, tickMs: 100, sliceMs: 1, onEnd: (s) => (ended = s) });
    let turns = 0;
    let longest = 0;
    let last = performance.now();
    const tick = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      turns++;
    }, 0);
    try {
      const out = await feed.step(fakeRoom(clock, seen, work));
      expect(out).toBe('ended');
    } finally {
      clearInterval(tick);
    }
    expect(ended).toBe('finished');
    expect(seen).toEqual(ROWS.map((r) => r.ts));
    // Timers ran while the step worked: it gave the loop back between slices.
    expect(turns).toBeGreaterThan(5);
    expect(longest).toBeLessThan(30);
  });

  it('stops between slices when the replay is stopped', async () => {
    const meta: ReplayMeta = { id: 'replay:s', from: 1_000, to: 21_000, speed: 3600, cursor: 1_000, state: 'running' };
    const clock = new ManualClock(meta.from);
    const seen: number[] = [];
    const feed = new StoredReportsFeed({ store, meta, tickMs: 100, sliceMs: 1, onEnd: () => undefined });
    const work = () => {
      const end = performance.now() + 0.002;
      while (performance.now() < end);
    };
    setImmediate(() => (meta.state = 'stopped'));
    expect(await feed.step(fakeRoom(clock, seen, work))).toBe('ended');
    expect(seen.length).toBeLessThan(ROWS.length);
  });
});
