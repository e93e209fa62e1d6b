import type { SeriesPoint } from '@futian/shared';
import { seriesColor, seriesLegend, type ChartLegend } from '../../charts/legend';
import type { ChartSize } from '../../charts/types';
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

/** The newest point's time across the series: the window's right edge unless `end` pins it. */
export function latest(series: readonly TrendSeries[]): number | null {
  let t: number | null = null;
  for (const s of series) {
    const last = s.points[s.points.length - 1];
    if (last && (t === null || last[0] > t)) t = last[0];
  }
  return t;
}

/** '#rrggbb' at an opacity, for the area gradient. */
export function alpha(hex: string, a: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

/** The legend over the plot's top right: only when there are lines to tell apart. */
export function buildTrendLegend(data: TrendData, theme: Theme, size: ChartSize): ChartLegend | null {
  return seriesLegend(data.series, theme, size.u, { align: 'right', side: DESIGN.gridSide, font: DESIGN.legendFont, markWidth: 18, markHeight: 4, gap: 20 });
}

/** How wide a text is in CSS px at a font size: the canvas's measureText on the wall, an estimate in unit tests. */
export type MeasureText = (text: string, fontPx: number) => number;

/** Rough widths for tests and the first layout: CJK one em, everything else 0.56 em. */
export const estimateText: MeasureText = (text, fontPx) => {
  let em = 0;
  for (const ch of text) em += /[\u2e80-\uffff]/.test(ch) ? 1 : 0.56;
  return em * fontPx;
};

/** One line to draw, in CSS px, clipped to the plot box. */
export interface PlotLine {
  color: string;
  width: number;
  /** x0, y0, x1, y1, … */
  xy: number[];
  /** Bezier control points per segment (cp1x, cp1y, cp2x, cp2y, …), from `smoothControls`. */
  controls: number[];
  /** The area under the line, as a vertical gradient from the line's top to the plot's bottom. */
  area: { top: string; bottom: string } | null;
}

/**
 * Everything the painter draws, in CSS px: the pure half of the trend chart. The
 * painter (paint.ts) only turns this into canvas calls.
 */
export interface TrendPlot {
  width: number;
  height: number;
  /** The plot box: lines are clipped to it, gridlines span it. */
  box: { left: number; top: number; right: number; bottom: number };
  font: { px: number; family: string; color: string };
  /** Horizontal gridlines with their value labels, right-aligned left of the box. */
  yTicks: Array<{ y: number; text: string }>;
  /** Time labels centred under the box; overlapping ones are already dropped. */
  xLabels: Array<{ x: number; text: string }>;
  grid: { color: string; width: number; dash: [number, number] };
  axisLine: { color: string; width: number };
  labelGap: number;
  lines: PlotLine[];
  threshold: { y: number; color: string; width: number; dash: [number, number]; label: string } | null;
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

/**
 * Control points that bend a polyline through its points, as ECharts' `smooth`
 * does (zrender's smoothBezier): each point's tangent follows its neighbours, split
 * by the distances to them, and no control point leaves the points' bounding box,
 * so the curve never overshoots the data.
 */
export function smoothControls(xy: readonly number[], smooth: number): number[] {
  const n = xy.length / 2;
  if (n < 3 || smooth <= 0) {
    // Straight segments: control points on the segment ends.
    const out: number[] = [];
    for (let i = 0; i + 1 < n; i++) out.push(xy[2 * i]!, xy[2 * i + 1]!, xy[2 * i + 2]!, xy[2 * i + 3]!);
    return out;
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, xy[2 * i]!);
    maxX = Math.max(maxX, xy[2 * i]!);
    minY = Math.min(minY, xy[2 * i + 1]!);
    maxY = Math.max(maxY, xy[2 * i + 1]!);
  }
  const clampX = (v: number): number => Math.min(maxX, Math.max(minX, v));
  const clampY = (v: number): number => Math.min(maxY, Math.max(minY, v));
  // Per point: the control point before it and the one after it.
  const before: number[] = new Array<number>(2 * n);
  const after: number[] = new Array<number>(2 * n);
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i]!;
    const y = xy[2 * i + 1]!;
    if (i === 0 || i === n - 1) {
      before[2 * i] = after[2 * i] = x;
      before[2 * i + 1] = after[2 * i + 1] = y;
      continue;
    }
    const px = xy[2 * i - 2]!;
    const py = xy[2 * i - 1]!;
    const nx = xy[2 * i + 2]!;
    const ny = xy[2 * i + 3]!;
    const vx = (nx - px) * smooth;
    const vy = (ny - py) * smooth;
    const d0 = Math.hypot(x - px, y - py);
    const d1 = Math.hypot(nx - x, ny - y);
    const sum = d0 + d1;
    const f0 = sum > 0 ? d0 / sum : 0;
    const f1 = sum > 0 ? d1 / sum : 0;
    before[2 * i] = clampX(x - vx * f0);
    before[2 * i + 1] = clampY(y - vy * f0);
    after[2 * i] = clampX(x + vx * f1);
    after[2 * i + 1] = clampY(y + vy * f1);
  }
  const out: number[] = [];
  for (let i = 0; i + 1 < n; i++) out.push(after[2 * i]!, after[2 * i + 1]!, before[2 * i + 2]!, before[2 * i + 3]!);
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
export function buildTrendPlot(data: TrendData, theme: Theme, size: ChartSize, measure: MeasureText = estimateText): TrendPlot {
  const u = size.u;
  const px = (v: number): number => Math.round(v * u * 100) / 100;
  const fontPx = px(DESIGN.axisFont);
  const end = data.end ?? latest(data.series);
  const fixed = data.yMin !== undefined && data.yMax !== undefined;
  const values: number[] = [];
  for (const s of data.series) for (const p of s.points) values.push(p[1]);
  // The warning level is in range too: the point of drawing it is to show how far
  // the lines are from it. (The ECharts version left it off a free axis, so a rate
  // at 98.7 % with a warning at 97 % showed no line at all.)
  if (data.threshold && values.length) values.push(data.threshold.value);
  const free = fixed ? null : valueAxis(values, { floor: data.yMin, ceil: data.yMax, minSpan: data.minSpan, decimals: data.axisDecimals });
  // A fixed range gets exactly four bands, so the top label is never a "nice" 90
  // crowding a forced 100; a free range gets the interval valueAxis() chose, so its
  // labels carry the decimals the ticks need.
  const axis: ValueAxis | null = fixed
    ? { min: data.yMin!, max: data.yMax!, interval: (data.yMax! - data.yMin!) / 4, decimals: data.axisDecimals }
    : free;
  const fmt = (v: number): string => `${v.toFixed(axis?.decimals ?? data.axisDecimals)}${data.unit}`;

  const tickValues: number[] = [];
  if (axis && axis.interval > 0) {
    const n = Math.round((axis.max - axis.min) / axis.interval);
    for (let k = 0; k <= n; k++) tickValues.push(Number((axis.min + k * axis.interval).toFixed(axis.decimals + 2)));
  }
  const labelGap = px(6);
  const yLabelWidth = Math.max(0, ...tickValues.map((v) => measure(fmt(v), fontPx)));
  const box = {
    left: px(DESIGN.gridSide) + (tickValues.length ? yLabelWidth + labelGap : 0),
    top: px(DESIGN.gridTop),
    right: size.width - px(DESIGN.gridSide * 2),
    bottom: size.height - px(DESIGN.gridBottom) - Math.ceil(fontPx * 1.25) - labelGap,
  };
  const plotW = Math.max(1, box.right - box.left);
  const plotH = Math.max(1, box.bottom - box.top);
  const yOf = (v: number): number => (axis ? box.bottom - ((v - axis.min) / (axis.max - axis.min || 1)) * plotH : box.bottom);
  const xMin = end === null ? null : end - data.windowMs;
  const xOf = (t: number): number => (xMin === null ? box.left : box.left + ((t - xMin) / (data.windowMs || 1)) * plotW);

  // Time labels: round local times, dropped where they would overlap the last one
  // kept, reach under the value labels or run off the canvas (ECharts' hideOverlap).
  const xLabels: TrendPlot['xLabels'] = [];
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
    yTicks: tickValues.map((v) => ({ y: yOf(v), text: fmt(v) })),
    xLabels,
    grid: { color: theme.grid, width: px(1), dash: [px(4), px(3)] },
    axisLine: { color: theme.grid, width: px(1) },
    labelGap,
    lines,
    threshold: t && axis ? { y: yOf(t.value), color: theme.stale, width: px(1.5), dash: [px(5), px(4)], label: t.label } : null,
  };
}
