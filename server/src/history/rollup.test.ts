import { describe, expect, it } from 'vitest';
import type { RollupRow, RollupTier } from '../store/types.js';
import { bucket } from './query.js';
import { RollupAccumulator } from './rollup.js';

describe('RollupAccumulator', () => {
  it('closes a minute when the next minute starts, with avg/min/max/last', () => {
    const acc = new RollupAccumulator();
    const out: Array<{ tier: RollupTier; row: RollupRow }> = [];
    // 6 samples in minute 0 (values 0..5), then one in minute 1.
    for (let i = 0; i < 6; i++) acc.add({ ts: i * 10_000, metric: 'm', scope: 's', value: i }, out);
    expect(out).toEqual([]);
    acc.add({ ts: 60_000, metric: 'm', scope: 's', value: 100 }, out);
    expect(out).toEqual([{ tier: '1m', row: { ts: 0, metric: 'm', scope: 's', avg: 2.5, min: 0, max: 5, last: 5, n: 6 } }]);
  });

  it('folds minutes into hours, weighting by sample count', () => {
    const acc = new RollupAccumulator();
    const out: Array<{ tier: RollupTier; row: RollupRow }> = [];
    // Minute 0: one sample of 10; minute 1: three samples of 20; then the next hour.
    acc.add({ ts: 0, metric: 'm', scope: 's', value: 10 }, out);
    for (const ts of [60_000, 70_000, 80_000]) acc.add({ ts, metric: 'm', scope: 's', value: 20 }, out);
    acc.add({ ts: 3_600_000, metric: 'm', scope: 's', value: 0 }, out);
    acc.add({ ts: 3_660_000, metric: 'm', scope: 's', value: 0 }, out);
    const hour = out.find((o) => o.tier === '1h')!.row;
    expect(hour).toEqual({ ts: 0, metric: 'm', scope: 's', avg: 17.5, min: 10, max: 20, last: 20, n: 4 });
  });

  it('exposes open buckets so the current minute and hour are queryable', () => {
    const acc = new RollupAccumulator();
    const out: Array<{ tier: RollupTier; row: RollupRow }> = [];
    acc.add({ ts: 120_000, metric: 'm', scope: 's', value: 4 }, out);
    acc.add({ ts: 130_000, metric: 'm', scope: 's', value: 8 }, out);
    const open = acc.openRows();
    expect(open).toContainEqual({ tier: '1m', row: { ts: 120_000, metric: 'm', scope: 's', avg: 6, min: 4, max: 8, last: 8, n: 2 } });
    expect(open.find((o) => o.tier === '1h')!.row).toMatchObject({ ts: 0, avg: 6, n: 2 });
  });
});

describe('bucket', () => {
  it('re-buckets finer points into a coarser step', () => {
    const pts = [0, 10_000, 20_000, 60_000].map((ts, i) => ({ ts, avg: i, min: i, max: i, last: i, n: 1 }));
    expect(bucket(pts, 60_000)).toEqual([
      { ts: 0, avg: 1, min: 0, max: 2, last: 2, n: 3 },
      { ts: 60_000, avg: 3, min: 3, max: 3, last: 3, n: 1 },
    ]);
  });
});
