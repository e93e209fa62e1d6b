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
}

export const DESIGN = {
  nameFont: 15,
  valueFont: 16,
  legendFont: 13,
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
  const fmt = (v: number | null): string =>
    v === null ? '—' : `${formatNumber(v, data.decimals, data.lang, data.signed)}${data.unit}`;
  const colors = [...(data.colors ?? GROWTH_RAMP)];

  // Room on the left for the colour legend.
  const pad = {
    left: px(DESIGN.pad + DESIGN.legendWidth + 44),
    right: px(DESIGN.pad),
    top: px(DESIGN.pad),
    bottom: px(DESIGN.pad),
  };
  const box = data.aspect && data.aspect > 0 ? fitBox(size.width, size.height, pad, data.aspect) : null;

  // A map squeezed into a short tile (a column of a spliced wall) gets smaller
  // labels: at full size the names of the four small eastern sub-districts
  // would sit on top of each other. Never below 60 %, to stay legible.
  const k = box ? Math.min(1, Math.max(0.6, box.size / px(DESIGN.fullLabelsAt))) : 1;

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
    data: data.regions.map((r) =>
      r.value === null
        ? { name: r.name, value: '-' }
        : { name: r.name, value: r.value, itemStyle: { areaColor: rampColor(r.value, data.min, data.max, colors) } },
    ),
    itemStyle: {
      areaColor: NO_VALUE_FILL,
      borderColor: 'rgba(226, 242, 255, 0.75)',
      borderWidth: px(DESIGN.border),
    },
    label: {
      show: true,
      formatter: (p: { name?: string }) => {
        const r = labels.get(p.name ?? '');
        return r ? `{n|${r.label}}\n{v|${fmt(r.value)}}` : '';
      },
      // A dark halo keeps white text legible on every fill of the ramp.
      textBorderColor: 'rgba(2, 7, 20, 0.85)',
      textBorderWidth: px(3 * k),
      rich: {
        n: { color: theme.text, fontSize: px(DESIGN.nameFont * k), fontFamily: theme.font, lineHeight: px(DESIGN.nameFont * k * 1.3) },
        v: { color: '#ffffff', fontSize: px(DESIGN.valueFont * k), fontWeight: 700, fontFamily: theme.numFont },
      },
    },
    labelLayout: { hideOverlap: true },
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
