/**
 * The pure half of the wall's canvas charts: plot types and the layout helpers the
 * plot builders share (value axes, text widths, smoothing). Why canvas at all: the
 * charts that redraw all day kept V8 compiling ECharts' per-draw code path for hours
 * (PERFORMANCE.md, Heap); a plot and a painter draw the same chart with a few dozen
 * functions.
 */
import type { Theme } from '../theme/theme';

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

/** How wide a text is in CSS px at a font size: the canvas's measureText on the wall, an estimate in unit tests. */
export type MeasureText = (text: string, fontPx: number) => number;

/** Rough widths for tests and the first layout: CJK one em, everything else 0.56 em. */
export const estimateText: MeasureText = (text, fontPx) => {
  let em = 0;
  for (const ch of text) em += /[\u2e80-\uffff]/.test(ch) ? 1 : 0.56;
  return em * fontPx;
};

/** '#rrggbb' at an opacity, for the area gradient. */
export function alpha(hex: string, a: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

/**
 * The wall's plot frame: dashed gridlines and a solid axis line in the theme's grid
 * colour, one design px wide. Shared so the trends and the quarterly lines, which sit
 * side by side on the 4K wall, read as one family (and as the ECharts bar charts do).
 */
export function plotFrame(theme: Pick<Theme, 'grid'>, px: (v: number) => number): Pick<Plot, 'grid' | 'axisLine'> {
  return {
    grid: { color: theme.grid, width: px(1), dash: [px(4), px(3)] },
    axisLine: { color: theme.grid, width: px(1) },
  };
}

/** Where a plot's value axis puts things: the box, the gridlines with their labels, and value → y. */
export interface PlotLayout {
  box: Plot['box'];
  plotW: number;
  yTicks: Plot['yTicks'];
  yOf: (v: number) => number;
}

/**
 * Lays a value axis into a chart of `size`: one gridline per interval from min to
 * max, the box's left edge moved right of the widest value label, and room under the
 * box for one line of category or time labels. `margin` is in CSS px. Both plot
 * builders lay out this way, so their axes line up side by side on a wall.
 */
export function layoutPlot(opts: {
  axis: ValueAxis | null;
  tickText: (v: number) => string;
  size: { width: number; height: number };
  measure: MeasureText;
  fontPx: number;
  labelGap: number;
  margin: { left: number; top: number; right: number; bottom: number };
}): PlotLayout {
  const { axis, tickText, size, measure, fontPx, labelGap, margin } = opts;
  const ticks: number[] = [];
  if (axis && axis.interval > 0) {
    const n = Math.round((axis.max - axis.min) / axis.interval);
    for (let k = 0; k <= n; k++) ticks.push(Number((axis.min + k * axis.interval).toFixed(axis.decimals + 2)));
  }
  const texts = ticks.map(tickText);
  const labelWidth = Math.max(0, ...texts.map((t) => measure(t, fontPx)));
  const box = {
    left: margin.left + (ticks.length ? labelWidth + labelGap : 0),
    top: margin.top,
    right: size.width - margin.right,
    bottom: size.height - margin.bottom - Math.ceil(fontPx * 1.25) - labelGap,
  };
  const plotW = Math.max(1, box.right - box.left);
  const plotH = Math.max(1, box.bottom - box.top);
  const yOf = (v: number): number => (axis ? box.bottom - ((v - axis.min) / (axis.max - axis.min || 1)) * plotH : box.bottom);
  return { box, plotW, yTicks: ticks.map((v, i) => ({ y: yOf(v), text: texts[i]! })), yOf };
}

/** A dashed reference line (a warning level, a city average) in the theme's stale colour, labelled at one end. */
export function referenceLine(
  theme: Pick<Theme, 'stale'>,
  px: (v: number) => number,
  y: number,
  label: string,
  align: 'left' | 'right',
): NonNullable<Plot['threshold']> {
  return { y, color: theme.stale, width: px(1.5), dash: [px(5), px(4)], label, align };
}

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
 * Everything the painter draws, in CSS px: the pure half of a canvas chart (the live
 * trends, the quarterly lines). The painter (paint-plot.ts) only turns this into
 * canvas calls.
 */
export interface Plot {
  width: number;
  height: number;
  /** The plot box: lines are clipped to it, gridlines span it. */
  box: { left: number; top: number; right: number; bottom: number };
  font: { px: number; family: string; color: string };
  /** Horizontal gridlines with their value labels, right-aligned left of the box. */
  yTicks: Array<{ y: number; text: string }>;
  /** Category or time labels centred under the box; overlapping ones are already dropped. */
  xLabels: Array<{ x: number; text: string }>;
  grid: { color: string; width: number; dash: [number, number] };
  axisLine: { color: string; width: number };
  labelGap: number;
  lines: PlotLine[];
  /** A dashed reference line across the box, its label above it at the left or right end. */
  threshold: { y: number; color: string; width: number; dash: [number, number]; label: string; align: 'left' | 'right' } | null;
  /** Filled circles on the lines' points (the quarterly chart's symbols), drawn over the lines. */
  marks: Array<{ x: number; y: number; r: number; color: string }>;
  /** Value labels centred above points, in `labelFont`. */
  labels: Array<{ x: number; y: number; text: string }>;
  /** `halo`: a stroke in the background colour behind each label, so it stays legible over other lines. */
  labelFont: { px: number; family: string; weight: number; color: string; halo: string | null };
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
