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
export function seriesColor(theme: { series: readonly string[]; accent: string }, s: { colorIndex?: number }, i: number): string {
  return theme.series[(s.colorIndex ?? i) % theme.series.length] ?? theme.accent;
}
