import type { Theme } from '../theme/theme';
import { designPx } from './types';

/**
 * A chart's series legend, drawn by ChartFrame as DOM over the plot instead of by
 * ECharts' legend component: the wall's legends only name coloured lines (no
 * toggling, there is no pointer), and DOM text is as crisp as the tile titles at
 * any scale. The component was 6 KB gzip of initial JS (PERFORMANCE.md).
 * Builders return one of these beside their option; all sizes are real px.
 */
export interface ChartLegend {
  items: ReadonlyArray<{ name: string; color: string }>;
  /** Which top corner the row sits in. */
  align: 'left' | 'right';
  /** Inset from that side. */
  side: number;
  font: number;
  markWidth: number;
  markHeight: number;
  /** Between items. */
  gap: number;
  color: string;
  fontFamily: string;
}

/** A series' colour from the theme's palette: builders and legends must agree. */
export function seriesColor(theme: Pick<Theme, 'series' | 'accent'>, s: { colorIndex?: number }, i: number): string {
  return theme.series[(s.colorIndex ?? i) % theme.series.length] ?? theme.accent;
}

/** Where a widget puts its legend and how large it draws it, in design px. */
export interface LegendLook {
  align: ChartLegend['align'];
  side: number;
  font: number;
  markWidth: number;
  markHeight: number;
  gap: number;
}

/**
 * The legend of a multi-series chart: one item per series, in the series' colour,
 * sized for the chart's u. None for a single series: there is nothing to tell apart.
 */
export function seriesLegend(
  series: ReadonlyArray<{ name: string; colorIndex?: number }>,
  theme: Theme,
  u: number,
  look: LegendLook,
): ChartLegend | null {
  if (series.length < 2) return null;
  const px = designPx(u);
  return {
    items: series.map((s, i) => ({ name: s.name, color: seriesColor(theme, s, i) })),
    align: look.align,
    side: px(look.side),
    font: px(look.font),
    markWidth: px(look.markWidth),
    markHeight: px(look.markHeight),
    gap: px(look.gap),
    color: theme.textDim,
    fontFamily: theme.font,
  };
}
