import type { TreemapSeriesOption } from 'echarts/charts';
import type { WallExtraChartOption } from '../../charts/echarts-extra';
import { designPx, type ChartSize, type OptionBuilder } from '../../charts/types';
import { formatNumber } from '../../format/format';
import type { Lang } from '../../i18n';
import type { Theme } from '../../theme/theme';

export interface TreeLeaf {
  id: string;
  name: string;
  value: number | null;
}

export interface TreeGroup {
  id: string;
  name: string;
  children: readonly TreeLeaf[];
}

export interface TreemapData {
  groups: readonly TreeGroup[];
  unit: string;
  decimals: number;
  lang: Lang;
  /** Leaves show their share of this total (the district's 624.92). */
  shareOf?: number | null;
}

export const DESIGN = {
  groupFont: 16,
  leafFont: 15,
  valueFont: 14,
  upperHeight: 30,
  gap: 3,
} as const;

/**
 * Six boards need six hues; the theme's line palette has five, so a sixth blue is
 * added here rather than in the theme, where it would change every line chart.
 */
export function groupColors(theme: Theme): string[] {
  return [...theme.series, '#60a5fa', theme.accent2];
}

function alpha(hex: string, a: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

/** Exact sum in units of the last decimal; null when a member is missing. */
export function groupValue(g: TreeGroup, decimals: number): number | null {
  const scale = 10 ** decimals;
  let units = 0;
  for (const c of g.children) {
    if (c.value === null || !Number.isFinite(c.value)) return null;
    units += Math.round(c.value * scale);
  }
  return units / scale;
}

export const buildTreemapOption: OptionBuilder<TreemapData, WallExtraChartOption> = (
  data: TreemapData,
  theme: Theme,
  size: ChartSize,
) => {
  const u = size.u;
  const px = designPx(u);
  const colors = groupColors(theme);
  const share = data.shareOf && data.shareOf > 0 ? data.shareOf : null;
  const num = (v: number | null): string => formatNumber(v, data.decimals, data.lang);
  const pct = (v: number | null): string =>
    share === null || v === null ? '' : `${formatNumber((v / share) * 100, 1, data.lang)}%`;

  const nodes = data.groups.map((g, i) => {
    const color = colors[i % colors.length] ?? theme.accent;
    const total = groupValue(g, data.decimals);
    return {
      id: g.id,
      name: g.name,
      // A treemap cannot size a box with no value; a group with a missing member is drawn from the known ones.
      value: total ?? g.children.reduce((a, c) => a + (c.value ?? 0), 0),
      groupTotal: total,
      itemStyle: { color: alpha(color, 0.2), borderColor: color, borderWidth: px(1.5), gapWidth: px(DESIGN.gap) },
      children: g.children
        .filter((c) => c.value !== null && c.value > 0)
        .map((c) => ({
          id: `${g.id}/${c.id}`,
          name: c.name,
          value: c.value ?? 0,
          itemStyle: { color: alpha(color, 0.42), borderColor: 'rgba(4, 11, 26, 0.9)', borderWidth: px(1.5) },
        })),
    };
  });

  const series: TreemapSeriesOption = {
    type: 'treemap',
    id: 'tree',
    roam: false,
    nodeClick: false,
    breadcrumb: { show: false },
    left: 0,
    right: 0,
    top: 0,
    bottom: 0,
    squareRatio: 1.2,
    // Small boxes still carry a label: a wall has no tooltip to fall back on.
    visibleMin: 1,
    animation: false,
    data: nodes,
    upperLabel: {
      show: true,
      height: px(DESIGN.upperHeight),
      padding: [0, px(8)],
      color: theme.text,
      fontSize: px(DESIGN.groupFont),
      fontWeight: 600,
      fontFamily: theme.font,
      overflow: 'truncate',
      formatter: (p: { name?: string; data?: unknown }) => {
        const t = (p.data as { groupTotal?: number | null } | undefined)?.groupTotal ?? null;
        return `${p.name ?? ''}  ${num(t)}`;
      },
    },
    label: {
      show: true,
      position: 'insideTopLeft',
      padding: [px(6), px(8)],
      // Truncate, never wrap: a wrapped box splits a number in two ("45.9 / 6").
      overflow: 'truncate',
      ellipsis: '…',
      formatter: (p: { name?: string; value?: unknown }) => {
        const v = typeof p.value === 'number' ? p.value : null;
        const s = pct(v);
        return `{n|${p.name ?? ''}}\n{v|${num(v)}}${s ? `\n{s|${s}}` : ''}`;
      },
      rich: {
        n: { color: theme.text, fontSize: px(DESIGN.leafFont), fontFamily: theme.font, lineHeight: px(DESIGN.leafFont * 1.35) },
        v: { color: theme.text, fontSize: px(DESIGN.valueFont), fontWeight: 600, fontFamily: theme.numFont },
        s: { color: theme.textDim, fontSize: px(DESIGN.valueFont), fontFamily: theme.numFont, lineHeight: px(DESIGN.valueFont * 1.3) },
      },
    },
    // levels[0] is the invisible root: no header bar and no fill of its own.
    levels: [
      { itemStyle: { borderWidth: 0, gapWidth: px(DESIGN.gap), color: 'transparent' }, upperLabel: { show: false } },
      { itemStyle: { gapWidth: px(2) } },
      {},
    ],
    emphasis: { disabled: true },
  };

  return {
    backgroundColor: 'transparent',
    animation: false,
    textStyle: { fontFamily: theme.font, fontSize: px(DESIGN.leafFont), color: theme.textDim },
    series: [series],
  };
};
