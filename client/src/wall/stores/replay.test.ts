import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { ReplayMeta } from '@futian/shared';
import { connectTestWall, snap, TestLink } from './wall.testkit';

const NOW = 1_800_000_000_000;
const WEEK_AGO = NOW - 7 * 86_400_000;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
  setActivePinia(createPinia());
});
afterEach(() => {
  vi.useRealTimers();
});

function replayMeta(cursor: number, state: ReplayMeta['state'] = 'running'): ReplayMeta {
  return { id: 'replay:abc', from: WEEK_AGO, to: WEEK_AGO + 3_600_000, speed: 60, cursor, state };
}

describe('wall store in a replay room', () => {
  it('keeps the wall clock real while the room stamps its messages with replay time', async () => {
    const { store, link } = await connectTestWall(new TestLink(() => Date.now()));
    link.handlers.snapshot(snap(1, 5, NOW));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.serverOffsetMs).toBe(0);
    // Moved into a replay of last week: its messages carry the replay's virtual time.
    link.handlers.snapshot({ ...snap(1, 5, WEEK_AGO), room: 'replay:abc', replay: replayMeta(WEEK_AGO) });
    for (let i = 1; i <= 40; i++) {
      vi.advanceTimersByTime(10_000);
      link.handlers.delta({ seq: 1 + i, at: WEEK_AGO + i * 600_000, room: 'replay:abc', replay: replayMeta(WEEK_AGO + i * 600_000) });
    }
    // Over five minutes of "latency" a week long: the drift rule would have pulled the offset to the replay.
    expect(store.serverOffsetMs).toBe(0);
    expect(store.replayAt(Date.now(), false)?.at).toBe(WEEK_AGO + 40 * 600_000);
  });

  it('reads the replay from snapshot and deltas, and nothing once back on live', async () => {
    const { store, link } = await connectTestWall();
    expect(store.replayAt()).toBeNull();
    link.handlers.snapshot({ ...snap(1, 5, WEEK_AGO), room: 'replay:abc', replay: replayMeta(WEEK_AGO) });
    expect(store.replayAt()).toMatchObject({ at: WEEK_AGO, speed: 60, state: 'running' });
    link.handlers.delta({ seq: 2, at: WEEK_AGO + 6_000, room: 'replay:abc', replay: replayMeta(WEEK_AGO + 6_000) });
    expect(store.replayAt(Date.now(), false)?.at).toBe(WEEK_AGO + 6_000);
    link.handlers.delta({ seq: 3, at: WEEK_AGO + 6_000, room: 'replay:abc', replay: replayMeta(WEEK_AGO + 6_000, 'stopped') });
    expect(store.replayAt()?.state).toBe('stopped');
    link.handlers.snapshot(snap(50, 5, NOW));
    expect(store.replayAt()).toBeNull();
  });
});
