import { seriesColor } from '../../charts/legend';
import { estimateText, layoutPlot, plotFrame, referenceLine, smoothControls, valueAxis, type MeasureText, type Plot, type PlotLine } from '../../charts/plot';
import { designPx, type ChartSize } from '../../charts/types';
import { formatNumber } from '../../format/format';
import type { Theme } from '../../theme/theme';
import { DESIGN, type QuarterData } from './option';

/**
 * Bands on the value axis: five gives the 10 % steps ECharts chose for growth of
 * 10–40 % (its splitNumber is only a hint; valueAxis keeps to the count asked for).
 */
const SPLIT = 5;

/**
 * The quarterly lines as a drawing (painted by charts/paint-plot.ts): a pure function
 * of the data, the theme, the size and a text measurer.
 *
 * Why not ECharts: with the live trends on a canvas, this was the last ECharts line
 * chart on the wall, and it redraws only when the statistics are revised. Such rare
 * draws run ECharts' per-element code hundreds of times each, which is what makes V8
 * keep optimising it in the heap window (PERFORMANCE.md, Heap). Off ECharts, the line
 * chart's code also leaves the wall's JS.
 *
 * Laid out like the ECharts version: categories in equal bands with each point at
 * its band's centre, a value axis that includes zero, points as filled circles, the
 * primary line thicker and labelled at every point (every line when there is only
 * one), gaps where a quarter has no figure, the reference line dashed with its label
 * at the left end, where growth was highest and the lines are furthest from it.
 */
export function buildQuarterPlot(data: QuarterData, theme: Theme, size: ChartSize, measure: MeasureText = estimateText): Plot {
  const px = designPx(size.u);
  const fontPx = px(DESIGN.axisFont);
  const labelPx = px(DESIGN.labelFont);
  const multi = data.series.length > 1;
  const n = data.categories.length;

  const values: number[] = [0];
  for (const s of data.series) for (const v of s.values) if (v !== null && Number.isFinite(v)) values.push(v);
  const any = values.length > 1;
  if (any && data.refLine) values.push(data.refLine.value);
  // No more gridlines than their labels have room for (1.6 lines each): in a short
  // tile five of them printed 50 over 100 over 150 (issue #41).
  const room = (size.height - px(multi ? 40 : 28) - px(4) - fontPx * 1.25 - px(8)) / (fontPx * 1.6);
  const split = Math.max(1, Math.min(SPLIT, Math.floor(room)));
  const axis = any ? valueAxis(values, { splitNumber: split, decimals: 0 }) : null;
  const tickText = (v: number): string => `${formatNumber(v, axis?.decimals ?? 0, data.lang)}${data.unit}`;
  const pointText = (v: number): string => `${formatNumber(v, data.decimals, data.lang, data.signed)}${data.unit}`;

  const labelGap = px(8);
  const { box, plotW, yTicks, yOf } = layoutPlot({
    axis,
    tickText,
    size,
    measure,
    fontPx,
    labelGap,
    // Room above the plot for the legend (several lines) and the top point's label.
    margin: { left: px(6), top: px(multi ? 40 : 28), right: px(14), bottom: px(4) },
  });
  const band = plotW / Math.max(1, n);
  const xOf = (i: number): number => box.left + (i + 0.5) * band;

  // Category labels at the band centres, dropped where they would overlap the last one kept.
  const xLabels: Plot['xLabels'] = [];
  let lastRight = -Infinity;
  data.categories.forEach((text, i) => {
    const x = xOf(i);
    const half = measure(text, fontPx) / 2;
    if (x - half < lastRight + px(6)) return;
    xLabels.push({ x, text });
    lastRight = x + half;
  });

  const lines: PlotLine[] = [];
  const marks: Plot['marks'] = [];
  const labels: Plot['labels'] = [];
  // The primary line last, so it is drawn over the comparison lines (ECharts' z).
  const order = data.series.map((s, i) => ({ s, i })).sort((a, b) => Number(a.s.primary === true) - Number(b.s.primary === true));
  for (const { s, i } of order) {
    const color = seriesColor(theme, s, i);
    const width = px(s.primary ? DESIGN.primaryLine : DESIGN.line);
    const r = px(s.primary ? DESIGN.symbol + 2 : DESIGN.symbol) / 2;
    const labelled = s.primary === true || !multi;
    let run: number[] = [];
    const flush = (): void => {
      if (run.length >= 4) lines.push({ color, width, xy: run, controls: smoothControls(run, 0), area: null });
      run = [];
    };
    for (let k = 0; k < n; k++) {
      const v = s.values[k];
      if (v === null || v === undefined || !Number.isFinite(v)) {
        flush();
        continue;
      }
      const x = xOf(k);
      const y = yOf(v);
      run.push(x, y);
      marks.push({ x, y, r, color });
      if (labelled) labels.push({ x, y: y - r - px(6), text: pointText(v) });
    }
    flush();
  }

  const ref = data.refLine;
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
    threshold: ref && axis ? referenceLine(theme, px, yOf(ref.value), ref.label, 'left') : null,
    marks,
    labels,
    // The district's labels cross the comparison lines; a halo in the background colour keeps them legible.
    labelFont: { px: labelPx, family: theme.numFont, weight: 600, color: theme.text, halo: theme.bg },
  };
}
