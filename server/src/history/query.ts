import type { Retention } from '../config/config.js';
import type { RollupRow, RollupTier, Store } from '../store/types.js';

export type Tier = 'raw' | RollupTier;

export interface HistoryPoint {
  ts: number;
  avg: number;
  min: number;
  max: number;
  last: number;
  n: number;
}

export interface HistoryAnswer {
  tier: Tier;
  step: number;
  points: HistoryPoint[];
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * Picks the finest tier that both resolves the requested step and still holds
 * data as old as `from`: raw 10-second samples (48 h), then 1-minute rollups
 * (30 days), then 1-hour rollups (2 years).
 */
export function chooseTier(from: number, step: number, now: number, r: Retention): Tier {
  if (step < MINUTE && from >= now - r.rawMs) return 'raw';
  if (step < HOUR && from >= now - r.rollup1mMs) return '1m';
  return '1h';
}

/** Folds finer points into `step`-wide buckets aligned to the epoch. */
export function bucket(points: HistoryPoint[], step: number): HistoryPoint[] {
  const out: HistoryPoint[] = [];
  let cur: HistoryPoint | null = null;
  let sum = 0;
  for (const p of points) {
    const ts = Math.floor(p.ts / step) * step;
    if (!cur || cur.ts !== ts) {
      if (cur) out.push({ ...cur, avg: sum / cur.n });
      cur = { ts, avg: 0, min: p.min, max: p.max, last: p.last, n: 0 };
      sum = 0;
    }
    sum += p.avg * p.n;
    cur.n += p.n;
    cur.min = Math.min(cur.min, p.min);
    cur.max = Math.max(cur.max, p.max);
    cur.last = p.last;
  }
  if (cur) out.push({ ...cur, avg: sum / cur.n });
  return out;
}

const fromRollup = (r: RollupRow): HistoryPoint => ({ ts: r.ts, avg: r.avg, min: r.min, max: r.max, last: r.last, n: r.n });

export async function queryHistory(
  store: Store,
  q: { metric: string; scope: string; from: number; to: number; step: number },
  now: number,
  retention: Retention,
): Promise<HistoryAnswer> {
  const tier = chooseTier(q.from, q.step, now, retention);
  let points: HistoryPoint[];
  if (tier === 'raw') {
    const rows = await store.querySamples(q.metric, q.scope, q.from, q.to);
    points = rows.map((s) => ({ ts: s.ts, avg: s.value, min: s.value, max: s.value, last: s.value, n: 1 }));
  } else {
    const width = tier === '1m' ? MINUTE : HOUR;
    // Include the bucket that starts before `from` but overlaps it.
    const rows = await store.queryRollups(tier, q.metric, q.scope, Math.floor(q.from / width) * width, q.to);
    points = rows.map(fromRollup);
  }
  return { tier, step: q.step, points: bucket(points, q.step) };
}
