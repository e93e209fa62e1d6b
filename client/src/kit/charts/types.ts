import type { Theme } from '../theme/theme';

/** What an option builder knows about where it draws: real px, plus the design unit. */
export interface ChartSize {
  /** Element size in CSS px. */
  width: number;
  height: number;
  /** CSS px per design px; multiply every design-px font size and gap by this. */
  u: number;
}

/** The house signature: pure, so it can be unit-tested without a DOM. */
export type OptionBuilder<D, O> = (data: D, theme: Theme, size: ChartSize) => O;

/**
 * Design px to real CSS px at scale `u`, kept to two decimals: every builder sizes
 * fonts, gaps and line widths this way so text stays crisp at 4K (no CSS scaling).
 */
export function designPx(u: number): (v: number) => number {
  return (v) => Math.round(v * u * 100) / 100;
}
