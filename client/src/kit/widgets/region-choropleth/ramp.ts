/**
 * One colour ramp for the map and the bars beside it, so a sub-district has the
 * same colour in both. Linear RGB interpolation, which is also what the map's
 * visualMap does, so the two agree to the pixel.
 */
export const GROWTH_RAMP = ['#1d4ed8', '#0891b2', '#2dd4bf', '#fbbf24', '#f97316'] as const;

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hex(c: readonly number[]): string {
  return `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

export function rampColor(value: number, min: number, max: number, colors: readonly string[] = GROWTH_RAMP): string {
  if (colors.length === 0) return '#000000';
  if (colors.length === 1 || !(max > min)) return colors[colors.length - 1]!;
  const t = Math.min(1, Math.max(0, (value - min) / (max - min))) * (colors.length - 1);
  const i = Math.min(colors.length - 2, Math.floor(t));
  const f = t - i;
  const a = rgb(colors[i]!);
  const b = rgb(colors[i + 1]!);
  return hex(a.map((v, k) => v + (b[k]! - v) * f));
}

/** Scale bounds on a step of 5, so the legend reads "0 … 30" rather than "4.09 … 25.23". */
export function niceBounds(values: readonly number[], step = 5): { min: number; max: number } {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { min: 0, max: step };
  const min = Math.floor(Math.min(...finite) / step) * step;
  let max = Math.ceil(Math.max(...finite) / step) * step;
  if (max <= min) max = min + step;
  return { min, max };
}
