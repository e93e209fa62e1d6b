import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alarm } from '@futian/shared';
import { ManualClock } from '../platform/clock.js';
import { Pipeline } from '../pipeline/pipeline.js';
import type { DeviceRegistry } from '../devices/registry.js';
import type { OpsRepo } from '../store/ops-types.js';
import { registryWith, tempStore, XMH } from '../testing/fixtures.js';
import { AlarmService } from './service.js';

const alarm = (id: number, over: Partial<Alarm>): Alarm => ({
  id,
  ruleId: 'r',
  subject: `s${id}`,
  subdistrict: XMH,
  severity: 'minor',
  title: { zh: 't', en: 't' },
  message: { zh: 'm', en: 'm' },
  state: 'active',
  raisedAt: id,
  clearedAt: null,
  ackedAt: null,
  ackedBy: null,
  ackComment: null,
  value: null,
  ...over,
});

describe('AlarmService board', () => {
  let t: ReturnType<typeof tempStore>;
  let reg: DeviceRegistry;
  beforeEach(async () => {
    t = tempStore();
    reg = await registryWith(t.store, []);
  });
  afterEach(() => t.cleanup());

  it('keeps every active alarm on a capped board, ahead of cleared ones still waiting for an acknowledgement', async () => {
    const clock = new ManualClock(1_000_000);
    const restored = [
      // A night of flapping: 60 cleared alarms nobody acknowledged yet, newer than the active ones.
      ...Array.from({ length: 60 }, (_, i) => alarm(100 + i, { state: 'cleared', clearedAt: 500 + i, raisedAt: 400 + i })),
      alarm(1, { ackedAt: 50, ackedBy: 'duty', severity: 'major' }),
      alarm(2, { ackedAt: 60, ackedBy: 'duty' }),
      alarm(3, {}),
    ];
    const repo = { openAlarms: async () => restored } as unknown as OpsRepo;
    const pipeline = new Pipeline({ room: 'x', registry: reg, clock, emit: () => {} });
    const svc = new AlarmService({ rules: [], pipeline, registry: reg, repo, clock, log: { info() {}, warn() {}, error() {} } as never });
    await svc.load();
    const b = svc.board();
    expect(b.open).toHaveLength(50);
    expect(b.open.slice(0, 3).map((a) => a.id)).toEqual([3, 1, 2]);
    expect(b.counts).toMatchObject({ active: 3, unacked: 61, major: 1, minor: 2 });
    svc.dispose();
  });
});
