import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceRegistry } from '../devices/registry.js';
import { MemoryDeviceRepo } from '../devices/memory-repo.js';
import { ManualClock } from '../platform/clock.js';
import { silentLogger } from '../platform/logger.js';
import { RoomHub, type RelayMessage, type WallServer } from './hub.js';

/** A driving hub whose relay collects what it sends, and a second hub (another node) fed from it. */
function pair() {
  const sent: RelayMessage[] = [];
  const relay = { keyframeMs: 60_000, publish: (m: RelayMessage) => void sent.push(structuredClone(m)) };
  const ioA = new Server() as WallServer;
  const ioB = new Server() as WallServer;
  const owner = new RoomHub(ioA, { log: silentLogger, relay });
  const other = new RoomHub(ioB, { log: silentLogger, relay: { keyframeMs: 60_000, publish: () => {} } });
  const clock = new ManualClock(1_000_000);
  const room = owner.create({
    id: 'live',
    kind: 'live',
    clock,
    pipeline: { registry: new DeviceRegistry(new MemoryDeviceRepo()) },
    source: { step: () => {} },
    tickMs: 60_000,
    sweepMs: 1_000,
    sampleMs: 10_000,
    catchUp: false,
  });
  owner.register(room);
  return { sent, owner, other, room, clock, close: () => [owner, other].forEach((h) => h.dispose()) };
}

describe('RoomHub relay (cluster mode)', () => {
  let close = () => {};
  afterEach(() => close());

  it('sends nothing until activated, then a fresh snapshot and deltas another node mirrors gaplessly', () => {
    const p = pair();
    close = p.close;
    p.room.pipeline.publisher.pushSeries('faults', [1, 1]);
    p.room.tick();
    expect(p.sent).toEqual([]);
    expect(p.owner.drives('live')).toBe(false);

    expect(p.owner.activate('live', 7)).toBe(true);
    expect(p.owner.drives('live')).toBe(true);
    expect(p.sent.map((m) => m.t)).toEqual(['snapshot']);
    p.room.pipeline.publisher.pushSeries('faults', [2, 2]);
    p.room.tick();
    p.room.pipeline.publisher.pushSeries('faults', [3, 3]);
    p.room.tick();
    for (const m of p.sent) p.other.receive(m);
    const mirror = p.other.snapshot('live')!;
    expect(mirror.seq).toBe(p.room.pipeline.publisher.seq);
    expect(mirror.series.faults).toEqual(p.room.pipeline.publisher.snapshot().series.faults);
  });

  it('ignores an older epoch (a stalled former owner) and takes a newer owner fresh snapshot whole', () => {
    const p = pair();
    close = p.close;
    p.owner.activate('live', 7);
    p.room.pipeline.publisher.pushSeries('faults', [2, 2]);
    p.room.tick();
    for (const m of p.sent) p.other.receive(m);
    const seq = p.other.snapshot('live')!.seq;

    const stale = p.sent.find((m) => m.t === 'delta')! as Extract<RelayMessage, { t: 'delta' }>;
    p.other.receive({ ...stale, epoch: 6, delta: { ...stale.delta, seq: seq + 1 } });
    expect(p.other.snapshot('live')!.seq).toBe(seq);

    // The former owner's keyframe, sent before it noticed it had lost the lease, would roll walls back.
    const fresh = p.sent[0] as Extract<RelayMessage, { t: 'snapshot' }>;
    p.other.receive({ ...fresh, epoch: 6, snapshot: { ...fresh.snapshot, seq: 99 } });
    expect(p.other.snapshot('live')!.seq).toBe(seq);

    p.other.receive({ ...fresh, epoch: 8, snapshot: { ...fresh.snapshot, seq: 0 } });
    expect(p.other.snapshot('live')!.seq).toBe(0);
  });

  it('after a missed delta waits for the next keyframe instead of applying out of line', () => {
    const p = pair();
    close = p.close;
    p.owner.activate('live', 7);
    for (const v of [2, 3, 4]) {
      p.room.pipeline.publisher.pushSeries('faults', [v, v]);
      p.room.tick();
    }
    const [snap, d1, , d3] = p.sent;
    p.other.receive(snap!);
    p.other.receive(d1!);
    p.other.receive(d3!);
    const seqAfterGap = p.other.snapshot('live')!.seq;
    expect(seqAfterGap).toBe((d1 as Extract<RelayMessage, { t: 'delta' }>).delta.seq);
    p.other.receive({ t: 'snapshot', room: 'live', epoch: 7, fresh: false, snapshot: structuredClone(p.room.pipeline.publisher.snapshot()) });
    expect(p.other.snapshot('live')!.seq).toBe(p.room.pipeline.publisher.seq);
  });
});
