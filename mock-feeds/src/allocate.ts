/**
 * Largest-remainder (Hamilton) allocation: integer parts proportional to the
 * weights that add up exactly to `total`. Ties go to the lower index, so the
 * result depends on the weights alone.
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0) throw new Error(`total must be a non-negative integer, got ${total}`);
  if (weights.length === 0) throw new Error('no weights');
  if (weights.some((w) => !(w >= 0) || !Number.isFinite(w))) throw new Error('weights must be finite and >= 0');
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new Error('weights sum to zero');
  const quotas = weights.map((w) => (w / sum) * total);
  const parts = quotas.map((q) => Math.floor(q));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, i) => ({ i, r: q - Math.floor(q) }))
    .sort((x, y) => y.r - x.r || x.i - y.i);
  for (let k = 0; left > 0; k++, left--) {
    const slot = order[k % order.length];
    if (slot) parts[slot.i] = (parts[slot.i] ?? 0) + 1;
  }
  return parts;
}

/** Like largestRemainder, but every part gets at least `min` first. */
export function allocateWithMin(total: number, weights: readonly number[], min: number): number[] {
  const floor = min * weights.length;
  if (floor > total) throw new Error(`cannot give ${weights.length} parts at least ${min} from ${total}`);
  return largestRemainder(total - floor, weights).map((p) => p + min);
}

/** Exact sum in integer cents of values given to 0.01. */
export function toCents(v: number): number {
  return Math.round(v * 100);
}
