/**
 * The page side of `pnpm bench charts` (tests/bench/charts.ts builds this file on
 * its own; no wall page imports it, so none of it ships). It sits outside src/ so
 * the apps' import rules and bundles never see it; it uses only the widgets'
 * builders, painters and fixtures.
 *
 * Why it exists: the wall bench sees single chart redraws of 50–135 ms at 4K and
 * cannot tell whether a chart is that expensive or the redraw was stalled (GC, JIT,
 * another process on the core). This runs each shipped option builder with its
 * fixture, at the size its tile has on a 4K wall, and times what the wall's flush
 * does: build the option and setOption (non-lazy, so the canvas repaints inside
 * the call). Every case is compared with a bare line chart of the same size
 * measured in the same page, so a slow machine shows up in both.
 */
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import type { ComposeOption } from 'echarts/core';
import { FUTIAN_MAP } from '../src/kit/charts/geo';
import { echarts, type WallExtraChartOption } from '../src/kit/charts/echarts-extra';
import type { ChartSize } from '../src/kit/charts/types';
import { darkTheme } from '../src/kit/theme/theme';
import { buildBarRankOption, type BarRankData } from '../src/kit/widgets/bar-rank/option';
import { growthFixture as barGrowth, sectorFixture } from '../src/kit/widgets/bar-rank/fixture';
import { buildMapLayers } from '../src/kit/widgets/district-map/layers';
import { buildMapOption, frameOf } from '../src/kit/widgets/district-map/option';
import { paintFills, paintOver } from '../src/kit/widgets/district-map/paint-layers';
import { fixture as mapFixture } from '../src/kit/widgets/district-map/fixture';
import { buildTreemapOption } from '../src/kit/widgets/hier-treemap/option';
import { fixture as treemapFixture } from '../src/kit/widgets/hier-treemap/fixture';
import { buildQuarterOption, type QuarterData } from '../src/kit/widgets/quarter-chart/option';
import { buildQuarterPlot } from '../src/kit/widgets/quarter-chart/plot';
import { growthFixture as quarterGrowth, valueFixture as quarterValue } from '../src/kit/widgets/quarter-chart/fixture';
import { buildChoroplethOption } from '../src/kit/widgets/region-choropleth/option';
import { fixture as choroFixture } from '../src/kit/widgets/region-choropleth/fixture';
import { paintPlot } from '../src/kit/charts/paint-plot';
import { estimateText } from '../src/kit/charts/plot';
import { buildTrendPlot, type TrendData } from '../src/kit/widgets/trend-line/option';
import { fixture as trendFixture } from '../src/kit/widgets/trend-line/fixture';
import { SERIES_STEP_MS, type SeriesPoint } from '@futian/shared';

// The wall registers no line chart (kit/charts/echarts.ts); the bare baseline needs one.
echarts.use([LineChart]);

/** What this page hands ECharts: the wall's parts plus the baseline's line chart. */
type BenchChartOption = WallExtraChartOption | ComposeOption<LineSeriesOption>;

export interface CaseResult {
  name: string;
  width: number;
  height: number;
  /** 'canvas': built and painted by the widget's own painter (no ECharts). */
  kind: 'echarts' | 'canvas';
  /** Milliseconds per build + setOption (or build + paint), in run order. */
  ms: number[];
}

type Build = (i: number, size: ChartSize) => BenchChartOption;

/** Live-like data: the i-th update of a case differs from the one before, as on the wall. */
const nudge = (v: number, i: number, k: number): number => v * (1 + 0.01 * Math.sin(i * 0.7 + k));

/**
 * The window i steps on: every point moves forward by i series steps with its value
 * nudged, keeping the count of a full one-hour buffer, so each update redraws a whole
 * new line as a live trend does.
 */
function shifted(data: TrendData, i: number): TrendData {
  return {
    ...data,
    series: data.series.map((s, k) => ({
      ...s,
      points: s.points.map(([t, v]) => [t + i * SERIES_STEP_MS, nudge(v, i, k)] as SeriesPoint),
    })),
  };
}

/** Bars with their values nudged per update. */
function bars(data: BarRankData, i: number, size: ChartSize): WallExtraChartOption {
  return buildBarRankOption({ ...data, items: data.items.map((x, k) => ({ ...x, value: x.value === null ? null : nudge(x.value, i, k) })) }, darkTheme, size);
}

/** Quarterly figures with their values nudged per update. */
function nudgedQuarters(data: QuarterData, i: number): QuarterData {
  return { ...data, series: data.series.map((s, k) => ({ ...s, values: s.values.map((v) => (v === null ? null : nudge(v, i, k))) })) };
}

/** The ranking tile's ten sub-districts, from the choropleth fixture's modelled growth. */
const ranking: BarRankData = {
  ...barGrowth,
  items: choroFixture.regions.map((r) => ({ id: r.name, name: r.label ?? r.name, value: r.value ?? 0 })),
};

const BUILDS: Record<string, Build> = {
  // The floor: one two-point line, no axes, no labels. What any setOption costs.
  bare: (i) => ({
    animation: false,
    grid: { left: 0, right: 0, top: 0, bottom: 0 },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'value', show: false },
    series: [{ type: 'line', data: [[0, i % 7], [1, (i + 3) % 7]], showSymbol: false }],
  }),
  'bar-12': (i, size) => bars(sectorFixture, i, size),
  // Four bars: the categories 01–04 and the enterprise tiers have about that many.
  'bar-4': (i, size) => bars({ ...sectorFixture, items: sectorFixture.items.slice(0, 4) }, i, size),
  'bar-ranking': (i, size) => bars(ranking, i, size),
  'quarter-bars': (i, size) => buildQuarterOption(nudgedQuarters(quarterValue, i), darkTheme, size),
  treemap: (i, size) =>
    buildTreemapOption(
      { ...treemapFixture, groups: treemapFixture.groups.map((g) => ({ ...g, children: g.children.map((c, k) => ({ ...c, value: nudge(c.value ?? 0, i, k) })) })) },
      darkTheme,
      size,
    ),
  choropleth: (i, size) =>
    buildChoroplethOption({ ...choroFixture, regions: choroFixture.regions.map((r, k) => ({ ...r, value: r.value === null ? null : nudge(r.value, i, k) })) }, darkTheme, size),
  // The map's ECharts frame (boundaries, rings, parks) redraws on a drill-down: each update selects another region.
  map: (i, size) => buildMapOption(frameOf({ ...mapFixture, selected: mapFixture.regions[i % mapFixture.regions.length]!.name }), darkTheme, size),
};

/** The map's live layers at the fixture's extent fitted to the canvas, values and fault ages moving as on the wall. */
function mapLayersAt(i: number, size: ChartSize) {
  const [[w, n], [e, s]] = mapFixture.view;
  const sx = size.width / (e - w);
  const sy = -size.height / (n - s);
  const data = {
    ...mapFixture,
    regions: mapFixture.regions.map((r, k) => ({ ...r, value: r.value === null ? null : nudge(r.value, i, k) })),
    faults: mapFixture.faults.map((f) => ({ ...f, ageMs: f.ageMs + i * 500 })),
  };
  return buildMapLayers(data, darkTheme, size, { sx, sy, tx: -sx * w, ty: -sy * n });
}

/** Charts drawn by their own painter on a plain canvas (kit/charts/paint-plot.ts). */
const PLOTS: Record<string, (ctx: CanvasRenderingContext2D, i: number, size: ChartSize) => void> = {
  trend: (ctx, i, size) => paintPlot(ctx, buildTrendPlot(shifted(trendFixture, i), darkTheme, size, measureText()), 1),
  'quarter-lines': (ctx, i, size) => paintPlot(ctx, buildQuarterPlot(nudgedQuarters(quarterGrowth, i), darkTheme, size, measureText()), 1),
  // Both of the map's canvases' paints, on one canvas: the cost is the sum (the second clears the first's picture).
  'map-layers': (ctx, i, size) => {
    const layers = mapLayersAt(i, size);
    paintFills(ctx, layers, 1);
    paintOver(ctx, layers, 1);
  },
};

/** The wall measures labels with its canvas; the bench does the same, once. */
let measurer: ((text: string, px: number) => number) | null = null;
function measureText(): (text: string, px: number) => number {
  if (measurer) return measurer;
  const ctx = document.createElement('canvas').getContext('2d');
  measurer = ctx
    ? (text, px) => {
        ctx.font = `${px}px ${darkTheme.font}`;
        return ctx.measureText(text).width;
      }
    : estimateText;
  return measurer;
}

export const CASES = [...Object.keys(BUILDS), ...Object.keys(PLOTS)];

/** The boundary file, as the wall registers it after fetching /api/v1/geo/subdistricts. */
export function registerGeo(geojson: unknown): void {
  echarts.registerMap(FUTIAN_MAP, geojson as Parameters<typeof echarts.registerMap>[1]);
}

/** A canvas-painted chart: build the plot and paint it, as useCanvasPlot's flush does. */
async function runPlot(
  name: string,
  draw: (typeof PLOTS)[string],
  width: number,
  height: number,
  u: number,
  warmup: number,
  n: number,
): Promise<CaseResult> {
  const canvas = document.createElement('canvas');
  canvas.style.cssText = `position:absolute;left:0;top:0;width:${width}px;height:${height}px`;
  canvas.width = width;
  canvas.height = height;
  document.body.append(canvas);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  const size: ChartSize = { width, height, u };
  const ms: number[] = [];
  try {
    draw(ctx, 0, size);
    for (let i = 1; i <= warmup + n; i++) {
      await yieldToLoop();
      const t0 = performance.now();
      draw(ctx, i, size);
      const dt = performance.now() - t0;
      if (i > warmup) ms.push(dt);
    }
  } finally {
    canvas.remove();
  }
  return { name, kind: 'canvas', width, height, ms };
}

const yieldToLoop = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/**
 * `warmup` untimed updates (V8 tiers the code up meanwhile), then `n` timed ones,
 * each in its own task as the wall's frame queue runs them, with the same
 * setOption flags as useEChart.
 */
export async function runCase(name: string, width: number, height: number, u: number, warmup: number, n: number): Promise<CaseResult> {
  const plot = PLOTS[name];
  if (plot) return runPlot(name, plot, width, height, u, warmup, n);
  const build = BUILDS[name];
  if (!build) throw new Error(`unknown case ${name}; known: ${CASES.join(', ')}`);
  const el = document.createElement('div');
  el.style.cssText = `position:absolute;left:0;top:0;width:${width}px;height:${height}px`;
  document.body.append(el);
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  const size: ChartSize = { width, height, u };
  chart.setOption(build(0, size), { notMerge: true, silent: true });
  const ms: number[] = [];
  try {
    for (let i = 1; i <= warmup + n; i++) {
      await yieldToLoop();
      const t0 = performance.now();
      chart.setOption(build(i, size), { replaceMerge: ['series'], silent: true });
      const dt = performance.now() - t0;
      if (i > warmup) ms.push(dt);
    }
  } finally {
    chart.dispose();
    el.remove();
  }
  return { name, kind: 'echarts', width, height, ms };
}
