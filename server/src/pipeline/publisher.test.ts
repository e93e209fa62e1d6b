import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyDelta, FAULTS_MAX, type WallDelta } from '@futian/shared';
import { FleetState } from '../devices/fleet.js';
import type { DeviceRegistry } from '../devices/registry.js';
import { dev, FT, registryWith, tempStore, XMH } from '../testing/fixtures.js';
import { Publisher } from './publisher.js';

describe('Publisher', () => {
  let t: ReturnType<typeof tempStore>;
  let reg: DeviceRegistry;
  let fleet: FleetState;
  let emitted: WallDelta[];
  let pub: Publisher;
  let now = 0;

  beforeEach(async () => {
    t = tempStore();
    reg = await registryWith(t.store, [
      ...Array.from({ length: 50 }, (_, i) => dev(`B${i}`, 'bs5g', i % 2 ? XMH : FT)),
      dev('P1', 'pile', FT, { siteId: 'S1' }),
    ]);
    fleet = new FleetState(reg);
    emitted = [];
    pub = new Publisher({ room: 'live', fleet, now: () => now, emit: (d) => emitted.push(JSON.parse(JSON.stringify(d))) });
  });
  afterEach(() => t.cleanup());

  it('emits nothing when nothing changed', () => {
    expect(pub.tick()).toBeNull();
    expect(emitted).toHaveLength(0);
  });

  it('coalesces many reports into one delta per tick with gapless seq', () => {
    for (let i = 0; i < 50; i++) fleet.observe(reg.get(`B${i}`)!, { status: 'online' }, 1, 1, false);
    for (let i = 0; i < 50; i++) fleet.observe(reg.get(`B${i}`)!, { status: i < 5 ? 'fault' : 'online' }, 2, 2, false);
    now = 100;
    const d1 = pub.tick()!;
    expect(emitted).toHaveLength(1);
    expect(d1.seq).toBe(1);
    // 100 reports touched 3 cells: bs5g × {XMH, FT, district}.
    expect(d1.infra).toHaveLength(3);
    expect(d1.infra!.find((p) => p.scope === 'district')!.cell).toMatchObject({ online: 45, fault: 5 });
    fleet.observe(reg.get('P1')!, { status: 'online' }, 3, 3, false);
    pub.pushSeries('pile.utilisation', [100, 12.5]);
    const d2 = pub.tick()!;
    expect(d2.seq).toBe(2);
    expect(d2.series).toEqual([{ key: 'pile.utilisation', point: [100, 12.5] }]);
    expect(pub.tick()).toBeNull();
    expect(pub.seq).toBe(2);
  });

  it('serves a snapshot that equals the initial snapshot plus every delta', () => {
    const initial = JSON.parse(JSON.stringify(pub.snapshot()));
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 50; i += 1 + (round % 3)) {
        fleet.observe(reg.get(`B${i}`)!, { status: (['online', 'offline', 'fault'] as const)[(i + round) % 3]! }, round + 1, round + 1, false);
      }
      if (round % 4 === 0) fleet.sweep(round * 1_000_000);
      pub.pushSeries('faults', [round, round]);
      pub.pushFault({ id: round, ts: round, deviceId: 'B1', kind: 'bs5g', scope: XMH, lng: null, lat: null, from: 'online', to: 'fault' });
      pub.setExt('notice', { text: `n${round}` });
      now = round;
      pub.tick();
    }
    let state = initial;
    for (const d of emitted) state = applyDelta(state, d);
    expect(state).toEqual(JSON.parse(JSON.stringify(pub.snapshot())));
    expect(state.seq).toBe(20);
  });

  it('bounds fault bursts in one delta', () => {
    for (let i = 0; i < 1000; i++) {
      pub.pushFault({ id: i, ts: i, deviceId: 'B1', kind: 'bs5g', scope: XMH, lng: null, lat: null, from: 'online', to: 'silent' });
    }
    const d = pub.tick()!;
    expect(d.faults!.length).toBe(FAULTS_MAX);
    expect(d.faults!.at(-1)!.id).toBe(999);
  });
});
