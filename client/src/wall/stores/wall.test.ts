import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { computed } from 'vue';
import type { Ack, WallSnapshot } from '@futian/shared';
import { OFFLINE_AFTER_MS, RESYNC_BACKOFF_MS, RESYNC_TIMEOUT_MS } from './wall';
import { connectTestWall, delta, snap } from './wall.testkit';

async function setup() {
  const { store, link } = await connectTestWall();
  const pileOnline = computed(() => store.snapshot?.infra.pile.district?.online ?? null);
  return { store, link, pileOnline };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
  setActivePinia(createPinia());
});
afterEach(() => {
  vi.useRealTimers();
});

describe('wall store', () => {
  it('applies a snapshot, then in-order deltas, and reactive readers see each one', async () => {
    const { store, link, pileOnline } = await setup();
    expect(store.connection).toBe('connected');
    link.handlers.snapshot(snap(10, 5));
    expect(pileOnline.value).toBe(5);
    link.handlers.delta(delta(11, 6));
    expect(pileOnline.value).toBe(6);
    link.handlers.delta(delta(12, 7));
    expect(pileOnline.value).toBe(7);
    expect(store.counters.deltasApplied).toBe(2);
    expect(store.snapshot?.seq).toBe(12);
  });

  it('bumps only the revisions of the slots a delta touched', async () => {
    const { store, link } = await setup();
    link.handlers.snapshot(snap(10, 5));
    let runs = 0;
    const utilPoints = computed(() => {
      runs++;
      void store.revs.series;
      return store.peek()?.series['pile.utilisation'].length ?? 0;
    });
    expect(utilPoints.value).toBe(0);
    link.handlers.delta(delta(11, 6)); // infra only
    expect(utilPoints.value).toBe(0);
    expect(runs).toBe(1);
    link.handlers.delta({ seq: 12, at: 1_012, room: 'live', series: [{ key: 'pile.utilisation', point: [1, 40] }] });
    expect(utilPoints.value).toBe(1);
    expect(runs).toBe(2);
    expect(store.revs.infra).toBeGreaterThan(store.revs.stats);
  });

  it('ignores duplicates and deltas for another room', async () => {
    const { store, link, pileOnline } = await setup();
    link.handlers.snapshot(snap(10, 5));
    link.handlers.delta(delta(11, 6));
    link.handlers.delta(delta(11, 99));
    link.handlers.delta(delta(9, 99));
    link.handlers.delta(delta(12, 99, 'replay-1'));
    expect(pileOnline.value).toBe(6);
    expect(store.counters.duplicates).toBe(2);
    expect(store.counters.foreignRoom).toBe(1);
  });

  it('resyncs on a gap, buffers meanwhile, and replays only what is newer than the answer', async () => {
    const { store, link, pileOnline } = await setup();
    let answer!: (a: Ack<WallSnapshot>) => void;
    link.answers.push(() => new Promise((r) => (answer = r)));
    link.handlers.snapshot(snap(10, 5));
    link.handlers.delta(delta(12, 50)); // 11 went missing
    expect(store.counters.gaps).toBe(1);
    expect(store.resyncing).toBe(true);
    expect(link.resyncs).toEqual([{ lastSeq: 10 }]);
    link.handlers.delta(delta(13, 60));
    link.handlers.delta(delta(14, 70));
    expect(pileOnline.value).toBe(5); // nothing painted while the state is known to be wrong
    answer({ ok: true, data: snap(13, 60) });
    await vi.runAllTicks();
    await Promise.resolve();
    expect(store.resyncing).toBe(false);
    expect(store.snapshot?.seq).toBe(14);
    expect(pileOnline.value).toBe(70);
    expect(store.counters.duplicates).toBe(2); // 12 and 13 were already in the answer
  });

  it('retries a failed resync with backoff and keeps the last values on screen', async () => {
    const { store, link, pileOnline } = await setup();
    link.handlers.snapshot(snap(10, 5));
    link.handlers.delta(delta(15, 50));
    await vi.advanceTimersByTimeAsync(RESYNC_TIMEOUT_MS);
    expect(store.counters.resyncFailures).toBe(1);
    expect(link.resyncs).toHaveLength(1);
    link.answers.push(() => Promise.resolve({ ok: true, data: snap(20, 9) }));
    await vi.advanceTimersByTimeAsync(RESYNC_BACKOFF_MS[0] - 1);
    expect(link.resyncs).toHaveLength(1);
    expect(pileOnline.value).toBe(5);
    await vi.advanceTimersByTimeAsync(1);
    expect(link.resyncs).toHaveLength(2);
    expect(store.snapshot?.seq).toBe(20);
    expect(store.resyncing).toBe(false);
  });

  it('voids a late resync answer once a pushed snapshot has landed', async () => {
    const { store, link } = await setup();
    let answer!: (a: Ack<WallSnapshot>) => void;
    link.answers.push(() => new Promise((r) => (answer = r)));
    link.handlers.snapshot(snap(10));
    link.handlers.delta(delta(12, 1));
    link.handlers.snapshot(snap(30));
    answer({ ok: true, data: snap(11) });
    await Promise.resolve();
    await Promise.resolve();
    expect(store.snapshot?.seq).toBe(30);
  });

  it('accepts a restarted server whose seq starts again from zero', async () => {
    const { store, link, pileOnline } = await setup();
    link.handlers.snapshot(snap(5_000, 5));
    link.handlers.snapshot(snap(0, 1));
    link.handlers.delta(delta(1, 2));
    expect(store.snapshot?.seq).toBe(1);
    expect(pileOnline.value).toBe(2);
  });

  it('goes reconnecting, then offline, keeping the snapshot; and back', async () => {
    const { store, link, pileOnline } = await setup();
    link.handlers.snapshot(snap(10, 5));
    link.connected = false;
    link.handlers.status('disconnected', 'transport close');
    expect(store.connection).toBe('reconnecting');
    link.handlers.status('reconnecting');
    await vi.advanceTimersByTimeAsync(OFFLINE_AFTER_MS);
    expect(store.connection).toBe('offline');
    expect(pileOnline.value).toBe(5);
    link.connected = true;
    link.handlers.status('connected');
    expect(store.connection).toBe('connected');
  });

  it('keeps a server-clock offset from the hello round trip', async () => {
    const { store } = await setup();
    await Promise.resolve();
    expect(store.serverOffsetMs).toBe(60_000);
    expect(store.serverNow(1_000)).toBe(61_000);
  });

  it('dispose closes the link and later events from it are ignored', async () => {
    const { store, link } = await setup();
    link.handlers.snapshot(snap(10));
    store.dispose();
    expect(link.closed).toBe(true);
    expect(store.connection).toBe('idle');
    link.handlers.delta(delta(11, 3));
    expect(store.snapshot?.seq).toBe(10);
  });

  it('keeps the console control through a link loss and follows the room of a moved snapshot', async () => {
    const { store, link } = await setup();
    link.handlers.snapshot(snap(10));
    const control = { scene: { module: 'map' as const }, tour: null, notice: null, room: 'demo', serverTime: 1_000_000 };
    link.handlers.control(control);
    expect(store.control).toBe(control);
    link.handlers.status('disconnected');
    expect(store.control).toBe(control);
    // The server moves a screen to another room with that room's snapshot.
    link.handlers.snapshot({ ...snap(3), room: 'demo' });
    expect(store.room).toBe('demo');
    link.handlers.delta(delta(4, 2, 'demo'));
    expect(store.snapshot?.seq).toBe(4);
    store.reportState('tour 1/7 · headline');
    expect(link.states).toEqual(['tour 1/7 · headline']);
  });
});
