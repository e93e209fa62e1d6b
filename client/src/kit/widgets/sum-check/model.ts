/**
 * Reconciliation: do the parts add up to the published total? Money figures are
 * compared in integer units of the last printed decimal (cents of 亿元 for value
 * added), because summing twelve floats like 52.21 + 49.11 + … drifts by 1e-14
 * and a wall must never print "624.92 ≠ 624.92".
 */
export interface SumCheck {
  /** Sum of the parts, or null when a part is missing. */
  sum: number | null;
  total: number | null;
  /** sum − total; null when either side is unknown. */
  diff: number | null;
  ok: boolean;
  /** How many parts had no value. */
  missing: number;
  parts: number;
  decimals: number;
}

/** Integer units of 10^-decimals; Math.round absorbs the float noise of a value like 624.92. */
export function toUnits(v: number, decimals: number): number {
  return Math.round(v * 10 ** decimals);
}

export function reconcile(
  parts: readonly (number | null | undefined)[],
  total: number | null | undefined,
  decimals = 2,
): SumCheck {
  let units = 0;
  let missing = 0;
  for (const p of parts) {
    if (p === null || p === undefined || !Number.isFinite(p)) missing++;
    else units += toUnits(p, decimals);
  }
  const scale = 10 ** decimals;
  const t = total === null || total === undefined || !Number.isFinite(total) ? null : toUnits(total, decimals);
  const sum = missing > 0 || parts.length === 0 ? null : units / scale;
  const diff = sum === null || t === null ? null : (units - t) / scale;
  return {
    sum,
    total: t === null ? null : t / scale,
    diff,
    ok: diff === 0,
    missing,
    parts: parts.length,
    decimals,
  };
}

/** Adds values exactly at the given decimals; null if any is missing. */
export function exactSum(values: readonly (number | null | undefined)[], decimals = 2): number | null {
  let units = 0;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v)) return null;
    units += toUnits(v, decimals);
  }
  return units / 10 ** decimals;
}
