import type { RollupRow, RollupTier, SampleRow } from '../store/types.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;

interface Bucket {
  ts: number;
  sum: number;
  min: number;
  max: number;
  last: number;
  lastTs: number;
  n: number;
}

function open(ts: number, v: number, weight: number): Bucket {
  return { ts, sum: v * weight, min: v, max: v, last: v, lastTs: ts, n: weight };
}

function toRow(metric: string, scope: string, b: Bucket): RollupRow {
  return { ts: b.ts, metric, scope, avg: b.sum / b.n, min: b.min, max: b.max, last: b.last, n: b.n };
}

/**
 * Folds samples into 1-minute buckets and minutes into 1-hour buckets, emitting a
 * row when its bucket closes (the first sample of the next bucket arrives), and
 * on flush for the open buckets so a query sees the current minute too. Rows are
 * written with upsert semantics, so re-emitting an open bucket is harmless.
 */
export class RollupAccumulator {
  private readonly minute = new Map<string, Bucket>();
  private readonly hour = new Map<string, Bucket>();

  add(s: SampleRow, out: Array<{ tier: RollupTier; row: RollupRow }>): void {
    const key = `${s.metric}\u0000${s.scope}`;
    const mts = Math.floor(s.ts / MINUTE) * MINUTE;
    const m = this.minute.get(key);
    if (!m || m.ts !== mts) {
      if (m && mts > m.ts) {
        out.push({ tier: '1m', row: toRow(s.metric, s.scope, m) });
        this.foldHour(key, s.metric, s.scope, m, out);
      }
      // Samples older than the open bucket (clock step back) start a fresh bucket
      // rather than corrupting the open one.
      this.minute.set(key, open(mts, s.value, 1));
      return;
    }
    m.sum += s.value;
    m.n += 1;
    if (s.value < m.min) m.min = s.value;
    if (s.value > m.max) m.max = s.value;
    if (s.ts >= m.lastTs) {
      m.last = s.value;
      m.lastTs = s.ts;
    }
  }

  private foldHour(key: string, metric: string, scope: string, m: Bucket, out: Array<{ tier: RollupTier; row: RollupRow }>): void {
    const hts = Math.floor(m.ts / HOUR) * HOUR;
    const h = this.hour.get(key);
    if (!h || h.ts !== hts) {
      if (h && hts > h.ts) out.push({ tier: '1h', row: toRow(metric, scope, h) });
      const b = open(hts, m.sum / m.n, m.n);
      b.sum = m.sum;
      b.min = m.min;
      b.max = m.max;
      b.last = m.last;
      this.hour.set(key, b);
      return;
    }
    h.sum += m.sum;
    h.n += m.n;
    if (m.min < h.min) h.min = m.min;
    if (m.max > h.max) h.max = m.max;
    h.last = m.last;
  }

  /** Current open buckets as rows (for the periodic flush). */
  openRows(): Array<{ tier: RollupTier; row: RollupRow }> {
    const out: Array<{ tier: RollupTier; row: RollupRow }> = [];
    for (const [key, b] of this.minute) {
      const [metric, scope] = key.split('\u0000') as [string, string];
      out.push({ tier: '1m', row: toRow(metric, scope, b) });
      // The open hour includes the open minute, so partial hours are queryable.
      const h = this.hour.get(key);
      const hts = Math.floor(b.ts / HOUR) * HOUR;
      if (h && h.ts === hts) {
        out.push({
          tier: '1h',
          row: {
            ts: h.ts,
            metric,
            scope,
            avg: (h.sum + b.sum) / (h.n + b.n),
            min: Math.min(h.min, b.min),
            max: Math.max(h.max, b.max),
            last: b.last,
            n: h.n + b.n,
          },
        });
      } else {
        out.push({ tier: '1h', row: { ...toRow(metric, scope, b), ts: hts } });
      }
    }
    return out;
  }
}
