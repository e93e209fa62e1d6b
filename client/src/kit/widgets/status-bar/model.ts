import { EFFECTIVE_STATUSES, type EffectiveStatus } from '@futian/shared';

export type StatusCounts = Record<EffectiveStatus, number>;

export interface Segment {
  status: EffectiveStatus;
  count: number;
  /** True share of the fleet, 0–100. */
  pct: number;
  /** Drawn width, 0–100: a handful of faults in 9,499 piles must still be visible. */
  width: number;
}

export function statusSegments(c: StatusCounts, minWidthPct = 1.5): Segment[] {
  const total = EFFECTIVE_STATUSES.reduce((a, s) => a + Math.max(0, c[s]), 0);
  if (total === 0) return EFFECTIVE_STATUSES.map((status) => ({ status, count: 0, pct: 0, width: 0 }));
  const segs = EFFECTIVE_STATUSES.map((status) => {
    const count = Math.max(0, c[status]);
    const pct = (100 * count) / total;
    return { status, count, pct, width: count > 0 ? Math.max(pct, minWidthPct) : 0 };
  });
  // The widest segment gives up what the small ones were topped up by.
  const excess = segs.reduce((a, s) => a + s.width, 0) - 100;
  if (excess > 0) {
    const widest = segs.reduce((a, b) => (b.width > a.width ? b : a));
    widest.width -= excess;
  }
  return segs;
}
