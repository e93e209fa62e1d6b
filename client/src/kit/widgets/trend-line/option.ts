import type { SeriesPoint } from '@futian/shared';
import { seriesColor, seriesLegend, type ChartLegend } from '../../charts/legend';
import { alpha, estimateText, layoutPlot, plotFrame, referenceLine, smoothControls, valueAxis, type MeasureText, type Plot, type PlotLine, type ValueAxis } from '../../charts/plot';
import { designPx, type ChartSize } from '../../charts/types';
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

/** Design-px sizes; every one is multiplied by size.u. */
export const DESIGN = {
  axisFont: 14,
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

/** The newest point's time across the series: the window's right edge unless `end` pins it. */
function latest(series: readonly TrendSeries[]): number | null {
  let t: number | null = null;
  for (const s of series) {
    const last = s.points[s.points.length - 1];
    if (last && (t === null || last[0] > t)) t = last[0];
  }
  return t;
}

/** The legend over the plot's top right: only when there are lines to tell apart. */
export function buildTrendLegend(data: TrendData, theme: Theme, size: ChartSize): ChartLegend | null {
  return seriesLegend(data.series, theme, size.u, { align: 'right', side: DESIGN.gridSide, font: DESIGN.legendFont, markWidth: 18, markHeight: 4, gap: 20 });
}

/** Beijing is UTC+8 all year: time ticks fall on round local minutes and hours. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const MINUTE = 60_000;
const TIME_STEPS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 360, 720, 1440].map((m) => m * MINUTE);

/** Round local-time ticks across [min, max], about `count` of them. */
export function timeTicks(min: number, max: number, count: number): number[] {
  if (!(max > min)) return [];
  const raw = (max - min) / count;
  const step = TIME_STEPS.find((s) => s >= raw) ?? TIME_STEPS[TIME_STEPS.length - 1]!;
  const out: number[] = [];
  for (let t = Math.ceil((min + BEIJING_OFFSET_MS) / step) * step - BEIJING_OFFSET_MS; t <= max; t += step) out.push(t);
  return out;
}

/** The ECharts version's smoothing, kept so the lines look as they did. */
const SMOOTH = 0.25;

/**
 * The trend chart as a drawing: a pure function of the data, the theme, the size and
 * a text measurer. Why not an ECharts option: the live trends are the charts that
 * redraw all day, and ECharts' per-draw code path (1,200 functions, 60,000 calls)
 * kept V8 compiling optimised code for hours at the wall's few draws a minute
 * (PERFORMANCE.md, Heap). This draws the same chart with a few dozen functions.
 */
export function buildTrendPlot(data: TrendData, theme: Theme, size: ChartSize, measure: MeasureText = estimateText): Plot {
  const u = size.u;
  const px = designPx(u);
  const fontPx = px(DESIGN.axisFont);
  const end = data.end ?? latest(data.series);
  const fixed = data.yMin !== undefined && data.yMax !== undefined;
  const values: number[] = [];
  for (const s of data.series) for (const p of s.points) values.push(p[1]);
  // The warning level is in range too: the point of drawing it is to show how far
  // the lines are from it. (The ECharts version left it off a free axis, so a rate
  // at 98.7 % with a warning at 97 % showed no line at all.)
  if (data.threshold && values.length) values.push(data.threshold.value);
  // No more gridlines than their labels have room for (1.6 lines each): a short tile
  // printed 0% over 10% over 20% (issue #41).
  const room = (size.height - px(DESIGN.gridTop) - px(DESIGN.gridBottom) - fontPx * 1.25 - px(6)) / (fontPx * 1.6);
  const bands = room >= 4 ? 4 : room >= 2 ? 2 : 1;
  const free = fixed
    ? null
    : valueAxis(values, { floor: data.yMin, ceil: data.yMax, minSpan: data.minSpan, decimals: data.axisDecimals, splitNumber: Math.min(4, Math.max(1, Math.floor(room))) });
  // A fixed range gets exactly four bands, so the top label is never a "nice" 90
  // crowding a forced 100; a free range gets the interval valueAxis() chose, so its
  // labels carry the decimals the ticks need.
  const axis: ValueAxis | null = fixed
    ? { min: data.yMin!, max: data.yMax!, interval: (data.yMax! - data.yMin!) / bands, decimals: data.axisDecimals }
    : free;
  const fmt = (v: number): string => `${v.toFixed(axis?.decimals ?? data.axisDecimals)}${data.unit}`;

  const labelGap = px(6);
  const { box, plotW, yTicks, yOf } = layoutPlot({
    axis,
    tickText: fmt,
    size,
    measure,
    fontPx,
    labelGap,
    margin: { left: px(DESIGN.gridSide), top: px(DESIGN.gridTop), right: px(DESIGN.gridSide * 2), bottom: px(DESIGN.gridBottom) },
  });
  const xMin = end === null ? null : end - data.windowMs;
  const xOf = (t: number): number => (xMin === null ? box.left : box.left + ((t - xMin) / (data.windowMs || 1)) * plotW);

  // Time labels: round local times, dropped where they would overlap the last one
  // kept, reach under the value labels or run off the canvas (ECharts' hideOverlap).
  const xLabels: Plot['xLabels'] = [];
  if (xMin !== null && end !== null) {
    let lastRight = -Infinity;
    // As many round times as fit with a wide gap between them: ten-minute ticks on an
    // hour at 1080p and 4K alike (ECharts crowded 4K with five-minute ones), and
    // fewer on a narrow tile instead of labels that touch.
    const count = Math.max(2, Math.floor(plotW / (measure('00:00', fontPx) + px(40))));
    for (const t of timeTicks(xMin, end, count)) {
      const x = xOf(t);
      const text = formatTime(t);
      const half = measure(text, fontPx) / 2;
      // Not under the value labels either: on a short tile "0%" sits just above the time labels.
      if (x - half < lastRight + px(8) || x - half < box.left - labelGap || x + half > size.width) continue;
      xLabels.push({ x, text });
      lastRight = x + half;
    }
  }

  const lines: PlotLine[] = data.series.map((s, i) => {
    const color = seriesColor(theme, s, i);
    const xy: number[] = [];
    for (const [t, v] of s.points) if (Number.isFinite(v)) xy.push(xOf(t), yOf(v));
    return {
      color,
      width: px(DESIGN.line),
      xy,
      controls: smoothControls(xy, SMOOTH),
      area: s.area ? { top: alpha(color, 0.38), bottom: alpha(color, 0.02) } : null,
    };
  });

  const t = data.threshold;
  return {
    width: size.width,
    height: size.height,
    box,
    font: { px: fontPx, family: theme.font, color: theme.textMuted },
    yTicks,
    xLabels,
    ...plotFrame(theme, px),
    labelGap,
    lines,
    threshold: t && axis ? referenceLine(theme, px, yOf(t.value), t.label, 'right') : null,
    marks: [],
    labels: [],
    labelFont: { px: fontPx, family: theme.font, weight: 400, color: theme.textMuted, halo: null },
  };
}
