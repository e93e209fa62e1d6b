/**
 * The trend chart as an ECharts option, as the wall drew it until 2026-12-03. Used
 * only by `pnpm bench charts`, as the same-run baseline for the canvas trend that
 * replaced it (widgets/trend-line/option.ts explains why); no wall page imports it.
 */
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import type { ComposeOption } from 'echarts/core';
import { echarts, type WallExtraChartOption } from '../charts/echarts-extra';
import { seriesColor } from '../charts/legend';
import { designPx, type ChartSize, type OptionBuilder } from '../charts/types';
import type { Theme } from '../theme/theme';
import { alpha, valueAxis } from '../charts/plot';
import { DESIGN, formatTime, latest, type TrendData } from '../widgets/trend-line/option';

// The wall registers no line chart (charts/echarts.ts); this bench page's baselines need one.
echarts.use([LineChart]);

/** What the bench page may hand ECharts: the wall's parts plus the line chart. */
export type BenchChartOption = WallExtraChartOption | ComposeOption<LineSeriesOption>;

export const buildTrendOption: OptionBuilder<TrendData, BenchChartOption> = (
  data: TrendData,
  theme: Theme,
  size: ChartSize,
) => {
  const u = size.u;
  const px = designPx(u);
  const end = data.end ?? latest(data.series);
  const fixed = data.yMin !== undefined && data.yMax !== undefined;
  const axis = fixed
    ? null
    : valueAxis(
        data.series.flatMap((s) => s.points.map((p) => p[1])),
        { floor: data.yMin, ceil: data.yMax, minSpan: data.minSpan, decimals: data.axisDecimals },
      );
  const decimals = axis?.decimals ?? data.axisDecimals;
  const fmt = (v: number): string => `${v.toFixed(decimals)}${data.unit}`;

  const series: LineSeriesOption[] = data.series.map((s, i) => {
    const color = seriesColor(theme, s, i);
    const out: LineSeriesOption = {
      type: 'line',
      id: s.id,
      name: s.name,
      // A copy: builders never hand ECharts a buffer the store keeps mutating.
      data: s.points.map(([t, v]) => [t, v]),
      showSymbol: false,
      symbol: 'none',
      smooth: 0.25,
      lineStyle: { width: px(DESIGN.line), color },
      itemStyle: { color },
      emphasis: { disabled: true },
    };
    if (s.area) {
      out.areaStyle = {
        color: {
          type: 'linear',
          x: 0,
          y: 0,
          x2: 0,
          y2: 1,
          colorStops: [
            { offset: 0, color: alpha(color, 0.38) },
            { offset: 1, color: alpha(color, 0.02) },
          ],
        },
      };
    }
    if (i === 0 && data.threshold) {
      out.markLine = {
        silent: true,
        symbol: 'none',
        lineStyle: { color: theme.stale, type: 'dashed', width: px(1.5) },
        label: {
          formatter: data.threshold.label,
          color: theme.stale,
          fontSize: px(DESIGN.axisFont),
          position: 'insideEndTop',
        },
        data: [{ yAxis: data.threshold.value }],
      };
    }
    return out;
  });

  return {
    backgroundColor: 'transparent',
    // Redrawing a moving window with animation makes lines wobble; walls want stillness.
    animation: false,
    textStyle: { fontFamily: theme.font, fontSize: px(DESIGN.axisFont), color: theme.textDim },
    grid: {
      top: px(DESIGN.gridTop),
      left: px(DESIGN.gridSide),
      right: px(DESIGN.gridSide * 2),
      bottom: px(DESIGN.gridBottom),
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    xAxis: {
      type: 'time',
      min: end === null ? undefined : end - data.windowMs,
      max: end ?? undefined,
      splitNumber: 6,
      axisLine: { lineStyle: { color: theme.grid, width: px(1) } },
      axisTick: { show: false },
      splitLine: { show: false },
      axisLabel: {
        color: theme.textMuted,
        fontSize: px(DESIGN.axisFont),
        fontFamily: theme.font,
        hideOverlap: true,
        formatter: (v: number) => formatTime(v),
      },
    },
    yAxis: {
      type: 'value',
      // A fixed range gets exactly four bands, so the top label is never a
      // "nice" 90 crowding a forced 100; a free range gets the interval that
      // valueAxis() chose, so its labels carry the decimals the ticks need.
      ...(fixed
        ? { min: data.yMin, max: data.yMax, interval: ((data.yMax ?? 0) - (data.yMin ?? 0)) / 4 }
        : axis
          ? { min: axis.min, max: axis.max, interval: axis.interval }
          : { min: data.yMin, max: data.yMax, scale: data.yMin === undefined, splitNumber: 4 }),
      axisLine: { show: false },
      axisTick: { show: false },
      splitLine: { lineStyle: { color: theme.grid, type: 'dashed', width: px(1) } },
      axisLabel: {
        color: theme.textMuted,
        fontSize: px(DESIGN.axisFont),
        fontFamily: theme.font,
        formatter: (v: number) => fmt(v),
      },
    },
    series,
  };
};
