import type { LineSeriesOption } from 'echarts/charts';
import type { SeriesPoint } from '@futian/shared';
import { valueAxisFrame } from '../../charts/axis';
import type { WallChartOption } from '../../charts/echarts';
import { seriesColor, seriesLegend, type ChartLegend } from '../../charts/legend';
import { designPx, type ChartSize, type OptionBuilder } from '../../charts/types';
import type { Theme } from '../../theme/theme';

export interface TrendSeries {
  id: string;
  name: string;
  points: readonly SeriesPoint[];
  /** Index into theme.series; defaults to the series' position. */
  colorIndex?: number;
  area?: boolean;
}

export interface TrendData {
  series: readonly TrendSeries[];
  /** Printed after axis values, e.g. '%' or 'kW'. */
  unit: string;
  /** Decimals on the value axis: 0 for 0–100 %, 1 for online rates near 99 %. */
  axisDecimals: number;
  yMin?: number;
  yMax?: number;
  /** Width of the time window; the axis stays this wide even while history fills up. */
  windowMs: number;
  /** Right edge of the window; defaults to the newest point. */
  end?: number | null;
  /** Threshold line, e.g. the catalogue's warn level for an online rate. */
  threshold?: { value: number; label: string };
  /**
   * Smallest value range the axis shows, in data units. Online rates hover within
   * a few hundredths of a percent; without a floor the axis would zoom into noise
   * and every tick would print the same rounded label.
   */
  minSpan?: number;
}

export interface ValueAxis {
  min: number;
  max: number;
  interval: number;
  /** Label decimals: at least the requested ones, and enough to tell ticks apart. */
  decimals: number;
}

const NICE_STEPS = [1, 2, 2.5, 5, 10] as const;

/** Decimals needed to print multiples of `step` without two ticks rounding alike. */
export function stepDecimals(step: number): number {
  for (let d = 0; d <= 6; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6) return d;
  }
  return 6;
}

/**
 * A value axis with an explicit nice interval, so label decimals follow the tick
 * spacing. Left to ECharts, an axis over 99.02–99.06 % ticks every 0.01 while the
 * labels print one decimal: "99.0 %" three times.
 */
export function valueAxis(
  values: readonly number[],
  opts: { floor?: number; ceil?: number; minSpan?: number; splitNumber?: number; decimals: number },
): ValueAxis | null {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return null;
  if (opts.floor !== undefined) lo = Math.min(lo, opts.floor);
  const minSpan = Math.max(opts.minSpan ?? 0, Math.abs(hi) * 1e-6, 1e-9);
  if (hi - lo < minSpan) {
    const mid = (hi + lo) / 2;
    lo = mid - minSpan / 2;
    hi = mid + minSpan / 2;
    if (opts.ceil !== undefined && hi > opts.ceil) {
      lo -= hi - opts.ceil;
      hi = opts.ceil;
    }
    if (opts.floor !== undefined && lo < opts.floor) lo = opts.floor;
  }
  const raw = (hi - lo) / (opts.splitNumber ?? 4);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = (NICE_STEPS.find((n) => n * mag >= raw - 1e-12) ?? 10) * mag;
  const decimals = Math.max(opts.decimals, stepDecimals(step));
  const round = (v: number): number => Number(v.toFixed(decimals + 2));
  let min = round(Math.floor(lo / step + 1e-9) * step);
  let max = round(Math.ceil(hi / step - 1e-9) * step);
  if (opts.ceil !== undefined && max > opts.ceil) max = opts.ceil;
  if (opts.floor !== undefined && min < opts.floor) min = opts.floor;
  if (max <= min) max = round(min + step);
  return { min, max, interval: round(step), decimals };
}

/** Design-px sizes; every one is multiplied by size.u. */
export const DESIGN = {
  axisFont: 13,
  legendFont: 14,
  line: 2.5,
  gridTop: 34,
  gridSide: 10,
  gridBottom: 6,
} as const;

const timeLabel = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Axis time labels in Beijing time, like the header clock. */
export function formatTime(t: number): string {
  return timeLabel.format(t);
}

function latest(series: readonly TrendSeries[]): number | null {
  let t: number | null = null;
  for (const s of series) {
    const last = s.points[s.points.length - 1];
    if (last && (t === null || last[0] > t)) t = last[0];
  }
  return t;
}

/** The values an axis must show: the data, plus the threshold once there is data (no data, no axis). */
function withThreshold(values: number[], threshold: TrendData['threshold']): number[] {
  return threshold && values.length > 0 ? [...values, threshold.value] : values;
}

function alpha(hex: string, a: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

/** The legend over the plot's top right: only when there are lines to tell apart. */
export function buildTrendLegend(data: TrendData, theme: Theme, size: ChartSize): ChartLegend | null {
  return seriesLegend(data.series, theme, size.u, { align: 'right', side: DESIGN.gridSide, font: DESIGN.legendFont, markWidth: 18, markHeight: 4, gap: 20 });
}

export const buildTrendOption: OptionBuilder<TrendData, WallChartOption> = (
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
        // The warning level is in range too: the point of drawing it is to show how far
        // the lines are from it. Left out, a 97 % warning on rates at 98.7–99.1 % fell
        // outside the axis and no line was drawn.
        withThreshold(data.series.flatMap((s) => s.points.map((p) => p[1])), data.threshold),
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
      ...valueAxisFrame(theme, px),
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
