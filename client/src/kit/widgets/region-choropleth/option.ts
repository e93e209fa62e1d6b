import type { MapSeriesOption } from 'echarts/charts';
import type { WallExtraChartOption } from '../../charts/echarts-extra';
import { designPx, type ChartSize, type OptionBuilder } from '../../charts/types';
import { formatNumber } from '../../format/format';
import type { Lang } from '../../i18n';
import type { Theme } from '../../theme/theme';
import { fitBox } from './fit';
import { GROWTH_RAMP, rampColor } from './ramp';

export interface RegionValue {
  /** The region's name in the boundary file, which is what ECharts matches (e.g. 香蜜湖街道). */
  name: string;
  /** What the wall prints on the polygon (e.g. 香蜜湖). */
  label: string;
  value: number | null;
}

export interface ChoroplethData {
  /** Name the boundaries were registered under. */
  map: string;
  regions: readonly RegionValue[];
  unit: string;
  decimals: number;
  lang: Lang;
  signed?: boolean;
  min: number;
  max: number;
  colors?: readonly string[];
  /**
   * The boundary file's width ÷ height (with ASPECT applied, see fit.ts). With it
   * the map keeps its shape in any tile; without it the map fills the box.
   */
  aspect?: number | null;
  /**
   * Regions whose label is left off because it would be drawn over another's. The
   * component works them out from where the drawn chart put each region
   * (labelsToHide): ECharts' labelLayout.hideOverlap does not act on a map series'
   * labels, which were drawn over each other in a small map (issue #41).
   */
  hideLabels?: readonly string[];
}

/** A label's box in px: centred on its region's anchor, as ECharts places it. */
export interface LabelBox {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Which labels to leave off so that no two are drawn over each other: those that
 * collide with the fewest others are kept first (most labels shown), ties in the
 * given order. The ranking beside the map names every region, so dropping a
 * label loses nothing; printing it smaller than 14 design px or on top of another
 * would.
 */
export function labelsToHide(boxes: readonly LabelBox[], gap = 2): string[] {
  const hit = (a: LabelBox, b: LabelBox): boolean =>
    Math.abs(a.x - b.x) * 2 < a.width + b.width + 2 * gap && Math.abs(a.y - b.y) * 2 < a.height + b.height + 2 * gap;
  const conflicts = boxes.map((a) => boxes.filter((b) => b !== a && hit(a, b)).length);
  const order = boxes.map((_, i) => i).sort((i, j) => conflicts[i]! - conflicts[j]! || i - j);
  const kept: LabelBox[] = [];
  const hidden: string[] = [];
  for (const i of order) {
    const b = boxes[i]!;
    if (kept.some((k) => hit(k, b))) hidden.push(b.name);
    else kept.push(b);
  }
  return hidden.sort();
}

/** A region's label: its name over its value. */
export function labelLines(data: ChoroplethData, r: RegionValue): [string, string] {
  const v = r.value === null ? '—' : `${formatNumber(r.value, data.decimals, data.lang, data.signed)}${data.unit}`;
  return [r.label, v];
}

/** The labels' font sizes and name line height in px, as the option sets them for this size. */
export function labelFonts(data: ChoroplethData, size: ChartSize): { name: number; value: number; nameLine: number } {
  const px = designPx(size.u);
  const box = data.aspect && data.aspect > 0 ? fitBox(size.width, size.height, mapPad(px), data.aspect) : null;
  const k = labelScale(box, px);
  return { name: px(DESIGN.nameFont * k), value: px(DESIGN.valueFont * k), nameLine: px(DESIGN.nameFont * k * 1.3) };
}

/** Room on the left for the colour legend. */
function mapPad(px: (v: number) => number): { left: number; right: number; top: number; bottom: number } {
  return {
    left: px(DESIGN.pad + DESIGN.legendWidth + 44),
    right: px(DESIGN.pad),
    top: px(DESIGN.pad),
    bottom: px(DESIGN.pad),
  };
}

/**
 * A map squeezed into a short tile (a column of a spliced wall) gets smaller
 * labels: at full size the names of the four small eastern sub-districts would
 * sit on top of each other. Never below the wall's 14 design px: where even those
 * would collide, the label is left off (labelsToHide) rather than printed too small.
 */
function labelScale(box: { size: number } | null, px: (v: number) => number): number {
  return box ? Math.min(1, Math.max(MIN_FONT / Math.min(DESIGN.nameFont, DESIGN.valueFont), box.size / px(DESIGN.fullLabelsAt))) : 1;
}

/** The smallest text the wall draws, in design px. */
const MIN_FONT = 14;

export const DESIGN = {
  nameFont: 15,
  valueFont: 16,
  legendFont: 14,
  border: 1.2,
  pad: 12,
  legendWidth: 14,
  legendHeight: 150,
  /** Longer side of the drawn map (design px) at and above which labels are full size. */
  fullLabelsAt: 560,
} as const;

/**
 * Futian lies at 22.5° N: one degree of longitude is cos(22.5°) ≈ 0.92 of a degree
 * of latitude. ECharts' default 0.75 would squash the district sideways.
 */
export const ASPECT = 0.92;

/** A region without a value: neutral, so it never reads as a low value on the ramp. */
export const NO_VALUE_FILL = 'rgba(148, 163, 184, 0.18)';

/**
 * The colour scale beside the map, drawn by the component as DOM: a CSS gradient
 * through the same stops (sRGB interpolation, like rampColor), and the bounds as
 * text, so it stays crisp at any size. Positions are real px on the chart's box.
 */
export interface ChoroplethLegend {
  gradient: string;
  top: string;
  bottom: string;
  left: number;
  /** From the box's bottom edge to the bar's bottom. */
  bottomOffset: number;
  width: number;
  height: number;
  font: number;
  gap: number;
  color: string;
  fontFamily: string;
}

export function buildChoroplethLegend(data: ChoroplethData, theme: Theme, size: ChartSize): ChoroplethLegend {
  const u = size.u;
  const px = designPx(u);
  const fmt = (v: number): string => `${formatNumber(v, data.decimals, data.lang, data.signed)}${data.unit}`;
  const colors = data.colors ?? GROWTH_RAMP;
  return {
    gradient: `linear-gradient(to top, ${colors.join(', ')})`,
    top: fmt(data.max),
    bottom: fmt(data.min),
    left: px(DESIGN.pad),
    // Room under the bar for its lower bound, as visualMap left it.
    bottomOffset: px(DESIGN.pad + DESIGN.legendFont + 6),
    width: px(DESIGN.legendWidth),
    // A short tile gets a shorter scale: its end labels must stay inside the box.
    height: px(Math.max(40, Math.min(DESIGN.legendHeight, size.height / (u || 1) - 2 * DESIGN.pad - 44))),
    font: px(DESIGN.legendFont),
    gap: px(6),
    color: theme.textDim,
    fontFamily: theme.numFont,
  };
}

export const buildChoroplethOption: OptionBuilder<ChoroplethData, WallExtraChartOption> = (
  data: ChoroplethData,
  theme: Theme,
  size: ChartSize,
) => {
  const u = size.u;
  const px = designPx(u);
  const labels = new Map(data.regions.map((r) => [r.name, r]));
  const colors = [...(data.colors ?? GROWTH_RAMP)];

  const pad = mapPad(px);
  const box = data.aspect && data.aspect > 0 ? fitBox(size.width, size.height, pad, data.aspect) : null;
  const k = labelScale(box, px);
  const hide = new Set(data.hideLabels ?? []);

  const series: MapSeriesOption = {
    type: 'map',
    id: 'regions',
    map: data.map,
    roam: false,
    aspectScale: ASPECT,
    ...(box ? { layoutCenter: box.center, layoutSize: box.size } : pad),
    selectedMode: false,
    // Each region carries its own fill from the shared ramp: the same colour the bars
    // beside the map use, without ECharts' visualMap component (15 KB gzip of JS).
    data: data.regions.map((r) => ({
      name: r.name,
      ...(r.value === null
        ? { value: '-' as const }
        : { value: r.value, itemStyle: { areaColor: rampColor(r.value, data.min, data.max, colors) } }),
      ...(hide.has(r.name) ? { label: { show: false } } : {}),
    })),
    itemStyle: {
      areaColor: NO_VALUE_FILL,
      borderColor: 'rgba(226, 242, 255, 0.75)',
      borderWidth: px(DESIGN.border),
    },
    label: {
      show: true,
      formatter: (p: { name?: string }) => {
        const r = labels.get(p.name ?? '');
        if (!r) return '';
        const [n, v] = labelLines(data, r);
        return `{n|${n}}\n{v|${v}}`;
      },
      // A dark halo keeps white text legible on every fill of the ramp.
      textBorderColor: 'rgba(2, 7, 20, 0.85)',
      textBorderWidth: px(3 * k),
      rich: {
        n: { color: theme.text, fontSize: px(DESIGN.nameFont * k), fontFamily: theme.font, lineHeight: px(DESIGN.nameFont * k * 1.3) },
        v: { color: '#ffffff', fontSize: px(DESIGN.valueFont * k), fontWeight: 700, fontFamily: theme.numFont },
      },
    },
    emphasis: { disabled: true },
    select: { disabled: true },
  };

  return {
    backgroundColor: 'transparent',
    animation: false,
    textStyle: { fontFamily: theme.font, fontSize: px(DESIGN.nameFont), color: theme.textDim },
    series: [series],
  };
};
