import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../platform/logger.js';
import { dev, FT, registryWith, tempStore } from '../testing/fixtures.js';
import { Pruner } from './retention.js';

const HOUR = 3_600_000;

describe('Pruner', () => {
  let t: ReturnType<typeof tempStore>;
  beforeEach(() => {
    t = tempStore();
  });
  afterEach(() => t.cleanup());

  it('deletes only rows past each tier retention, in slices', async () => {
    const reg = await registryWith(t.store, [dev('B1', 'bs5g', FT)]);
    const idx = reg.get('B1')!.idx;
    const now = 100 * 24 * HOUR;
    // 5,000 raw reports: half older than 48 h.
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      ts: i < 2500 ? now - 49 * HOUR - i : now - HOUR - i,
      device: idx,
      status: 1,
      busy: null,
      powerKw: null,
      sensors: null,
      source: 1,
    }));
    await t.store.insertReports(rows);
    await t.store.writeHistory({
      transitions: [],
      samples: [
        { ts: now - 49 * HOUR, metric: 'm', scope: 'district', value: 1 },
        { ts: now - HOUR, metric: 'm', scope: 'district', value: 2 },
      ],
      rollups: [
        { tier: '1m', row: { ts: now - 31 * 24 * HOUR, metric: 'm', scope: 'district', avg: 1, min: 1, max: 1, last: 1, n: 1 } },
        { tier: '1m', row: { ts: now - 29 * 24 * HOUR, metric: 'm', scope: 'district', avg: 1, min: 1, max: 1, last: 1, n: 1 } },
        { tier: '1h', row: { ts: now - 29 * 24 * HOUR, metric: 'm', scope: 'district', avg: 1, min: 1, max: 1, last: 1, n: 1 } },
      ],
    });
    const pruner = new Pruner(t.store, { rawMs: 48 * HOUR, rollup1mMs: 30 * 24 * HOUR, rollup1hMs: 730 * 24 * HOUR }, () => now, silentLogger, 700);
    const deleted = await pruner.run();
    expect(deleted).toBe(2500 + 1 + 1);
    expect(await t.store.countReports()).toBe(2500);
    expect(await t.store.querySamples('m', 'district', 0, now)).toHaveLength(1);
    expect(await t.store.queryRollups('1m', 'm', 'district', 0, now)).toHaveLength(1);
    expect(await t.store.queryRollups('1h', 'm', 'district', 0, now)).toHaveLength(1);
    expect(await pruner.run()).toBe(0);
  });
});
