import type { BarSeriesOption } from 'echarts/charts';
import type { WallChartOption } from '../../charts/echarts';
import { seriesColor, seriesLegend, type ChartLegend } from '../../charts/legend';
import { designPx, type ChartSize, type OptionBuilder } from '../../charts/types';
import { formatNumber } from '../../format/format';
import type { Lang } from '../../i18n';
import type { Theme } from '../../theme/theme';

export interface QuarterSeries {
  id: string;
  name: string;
  /** One value per category; null where the quarter has no figure. */
  values: readonly (number | null)[];
  /** Index into theme.series. */
  colorIndex?: number;
  /** Lines: the district line, thicker and labelled at every point. */
  primary?: boolean;
  /** Bars: the categories drawn dim (e.g. the base year). */
  dimmed?: readonly number[];
}

export interface QuarterData {
  /**
   * Lines (painted on a plain canvas, plot.ts) or bars (an ECharts option, below).
   * One chart is one or the other for its whole life: the wall never mixes them,
   * and the renderer is chosen once, when the chart mounts.
   */
  kind: 'line' | 'bar';
  /** Axis labels, e.g. '2021 Q1' / '21Q1'. */
  categories: readonly string[];
  series: readonly QuarterSeries[];
  unit: string;
  decimals: number;
  lang: Lang;
  signed?: boolean;
  /** Horizontal reference line, e.g. the city's annual average. */
  refLine?: { value: number; label: string } | null;
}

export const DESIGN = {
  axisFont: 14,
  legendFont: 14,
  labelFont: 14,
  line: 2,
  primaryLine: 4,
  symbol: 7,
} as const;

/** The legend over the plot's top left, when there are several series. */
export function buildQuarterLegend(data: QuarterData, theme: Theme, size: ChartSize): ChartLegend | null {
  return seriesLegend(data.series, theme, size.u, { align: 'left', side: 0, font: DESIGN.legendFont, markWidth: 16, markHeight: 5, gap: 14 });
}

/**
 * Quarterly bars as an ECharts option. Bars change only when the statistics are
 * revised; the quarterly lines are painted on a canvas (buildQuarterPlot), so
 * ECharts' line chart is not in the wall's JS at all.
 */
export const buildQuarterOption: OptionBuilder<QuarterData, WallChartOption> = (
  data: QuarterData,
  theme: Theme,
  size: ChartSize,
) => {
  const u = size.u;
  const px = designPx(u);
  const fmt = (v: number | null): string => `${formatNumber(v, data.decimals, data.lang, data.signed)}${data.unit}`;
  const multi = data.series.length > 1;
  const n = data.categories.length;
  const pad = <T>(vs: readonly (T | null)[]): (T | '-')[] =>
    Array.from({ length: n }, (_, i) => {
      const v = vs[i];
      return v === null || v === undefined ? '-' : v;
    });

  const series: BarSeriesOption[] = data.series.map((s, i) => {
    const color = seriesColor(theme, s, i);
    const dim = new Set(s.dimmed ?? []);
    // Only the highlighted bars are labelled. Where a label at the wall's 14 design px
    // would run into its neighbour's (a narrow tile, many quarters), every other one is
    // (or every third), counted back from the latest quarter: shrinking them collided
    // anyway at 5760×1080 and left figures too small to read (issue #41).
    const widest = Math.max(1, ...s.values.map((v) => (v === null ? 1 : fmt(v).length)));
    const fit = ((size.width / (u || 1) - 50) / Math.max(1, n)) * 0.9 / (widest * 0.6);
    const barFont = DESIGN.labelFont;
    const every = Math.max(1, Math.ceil(barFont / Math.max(1, fit)));
    return {
      type: 'bar',
      id: s.id,
      name: s.name,
      barMaxWidth: px(34),
      data: pad(s.values).map((v, j) => ({
        value: v,
        itemStyle: { color: dim.has(j) ? 'rgba(113, 144, 184, 0.45)' : color, borderRadius: [px(3), px(3), 0, 0] },
        label: { show: !dim.has(j) && (n - 1 - j) % every === 0 },
      })),
      label: {
        show: true,
        position: 'top',
        distance: px(6),
        color: theme.text,
        fontSize: px(barFont),
        fontWeight: 600,
        fontFamily: theme.numFont,
        formatter: (p: { value?: unknown }) => (typeof p.value === 'number' ? fmt(p.value) : ''),
      },
      emphasis: { disabled: true },
    };
  });

  const first = series[0];
  if (first && data.refLine) {
    first.markLine = {
      silent: true,
      symbol: 'none',
      lineStyle: { color: theme.stale, type: 'dashed', width: px(1.5) },
      label: {
        formatter: data.refLine.label,
        // Left end: growth was highest early in the year, so the lines are furthest from the label there.
        position: 'insideStartTop',
        color: theme.stale,
        fontSize: px(DESIGN.axisFont),
        fontFamily: theme.font,
      },
      data: [{ yAxis: data.refLine.value }],
    };
  }

  const gridTop = multi ? 40 : 28;
  // The plot's height less the x axis's labels: a short tile (a dense slot) gets fewer
  // y ticks, whose labels were drawn over each other at three (issue #41).
  const plotHeight = size.height / (u || 1) - gridTop - 4 - DESIGN.axisFont * 1.4 - 8;
  const splitNumber = plotHeight >= DESIGN.axisFont * 5 ? 3 : plotHeight >= DESIGN.axisFont * 3 ? 2 : 1;
  return {
    backgroundColor: 'transparent',
    animation: false,
    textStyle: { fontFamily: theme.font, fontSize: px(DESIGN.axisFont), color: theme.textDim },
    grid: {
      top: px(gridTop),
      left: px(6),
      right: px(14),
      bottom: px(4),
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    xAxis: {
      type: 'category',
      data: [...data.categories],
      axisLine: { lineStyle: { color: theme.grid, width: px(1) } },
      axisTick: { show: false },
      axisLabel: { color: theme.textMuted, fontSize: px(DESIGN.axisFont), fontFamily: theme.font, margin: px(8) },
    },
    yAxis: {
      type: 'value',
      splitNumber,
      axisLine: { show: false },
      axisTick: { show: false },
      // Dashed, one design px: the canvas plots' frame (charts/plot.ts plotFrame).
      splitLine: { lineStyle: { color: theme.grid, type: 'dashed', width: px(1) } },
      axisLabel: {
        color: theme.textMuted,
        fontSize: px(DESIGN.axisFont),
        fontFamily: theme.numFont,
        formatter: (v: number) => `${formatNumber(v, 0, data.lang)}${data.unit}`,
      },
    },
    series,
  };
};
