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
