import type { BarSeriesOption } from 'echarts/charts';
import type { WallChartOption } from '../../charts/echarts';
import { designPx, type ChartSize, type OptionBuilder } from '../../charts/types';
import { formatNumber } from '../../format/format';
import type { Lang } from '../../i18n';
import type { Theme } from '../../theme/theme';

export interface BarItem {
  id: string;
  name: string;
  value: number | null;
  /** Per-bar colour, e.g. from the choropleth's ramp so bar and map agree. */
  color?: string;
}

export interface RefLine {
  value: number;
  label: string;
  tone: 'accent' | 'warn' | 'muted';
}

export interface BarRankData {
  items: readonly BarItem[];
  /** Printed after each value: '亿元', '%', '家'. */
  unit: string;
  decimals: number;
  lang: Lang;
  /** 'desc' ranks; 'none' keeps a classification's own order (01–04). */
  sort: 'desc' | 'none';
  /** When set, each label also shows the bar's share of this total. */
  shareOf?: number | null;
  /** Vertical reference lines: the district figure, the city average. */
  refLines?: readonly RefLine[];
  /** '+17.8%' rather than '17.8%'. */
  signed?: boolean;
}

/** Design px; each is multiplied by size.u. Read from across a room, so larger than a desktop chart. */
export const DESIGN = {
  nameFont: 15,
  valueFont: 15,
  shareFont: 14,
  refFont: 14,
  barMax: 24,
  /** Stacked layout: the bar under its name line. */
  stackedBar: 10,
  side: 8,
  nameGap: 10,
  refTop: 30,
} as const;

/** The smallest text the wall draws, in design px: read from across a room. */
export const MIN_FONT = 14;

/** Below this share of the width left for bars, names go above the bars instead of beside them. */
export const MIN_PLOT_SHARE = 0.36;

/** Rough text width in em: CJK glyphs are square, Latin about half as wide. */
export function textEm(s: string): number {
  let em = 0;
  for (const ch of s) em += /[\u2e80-\uffff]/.test(ch) ? 1 : 0.56;
  return em;
}

export interface RefPlacement {
  align: 'center' | 'left' | 'right';
  /** 0: the line just above the plot; 1: one text line higher. */
  row: 0 | 1;
}

/**
 * Where each reference line's label goes, so that none runs into another or off the
 * canvas (issue #41: the district and city labels were drawn over each other when
 * the two lines were close). Each label is centred on its line if it can be, else
 * set to one side of it (text ending or starting at the line), else lifted a row.
 * `xs` and `widths` are in design px, in the refs' order; the answer is too.
 */
export function placeRefLabels(xs: readonly number[], widths: readonly number[], canvasWidth: number, gap = 6): RefPlacement[] {
  const n = xs.length;
  const span = (i: number, a: RefPlacement['align']): [number, number] => {
    const x = xs[i]!;
    const w = widths[i]!;
    return a === 'center' ? [x - w / 2, x + w / 2] : a === 'left' ? [x, x + w] : [x - w, x];
  };
  const inside = ([l, r]: [number, number]): boolean => l >= 0 && r <= canvasWidth;
  const aligns = ['center', 'right', 'left'] as const;
  let best: RefPlacement['align'][] | null = null;
  let bestCost = Infinity;
  // Three labels at most in practice: every combination of alignments, fewest off-centre.
  const walk = (i: number, chosen: RefPlacement['align'][]): void => {
    if (i === n) {
      const cost = chosen.filter((a) => a !== 'center').length;
      if (cost < bestCost) [best, bestCost] = [[...chosen], cost];
      return;
    }
    for (const a of aligns) {
      const s = span(i, a);
      if (!inside(s)) continue;
      if (chosen.some((b, j) => { const t = span(j, b); return s[0] < t[1] + gap && t[0] < s[1] + gap; })) continue;
      walk(i + 1, [...chosen, a]);
    }
  };
  if (n <= 4) walk(0, []);
  if (best) return (best as RefPlacement['align'][]).map((align) => ({ align, row: 0 }));
  // No row holds them all: alternate rows, each label kept on the canvas.
  return xs.map((_, i) => ({
    align: aligns.find((a) => inside(span(i, a))) ?? 'center',
    row: (i % 2) as 0 | 1,
  }));
}

function toneColor(theme: Theme, tone: RefLine['tone']): string {
  return tone === 'accent' ? theme.accent : tone === 'warn' ? theme.stale : theme.textMuted;
}

export const buildBarRankOption: OptionBuilder<BarRankData, WallChartOption> = (
  data: BarRankData,
  theme: Theme,
  size: ChartSize,
) => {
  const u = size.u;
  const px = designPx(u);
  const rows =
    data.sort === 'desc'
      ? [...data.items].sort((a, b) => (b.value ?? Number.NEGATIVE_INFINITY) - (a.value ?? Number.NEGATIVE_INFINITY))
      : [...data.items];
  const share = data.shareOf && data.shareOf > 0 ? data.shareOf : null;
  const valueText = (v: number | null): string =>
    v === null || !Number.isFinite(v) ? '—' : `${formatNumber(v, data.decimals, data.lang, data.signed)}${data.unit}`;
  const shareText = (v: number | null): string =>
    share === null || v === null ? '' : `${formatNumber((v / share) * 100, 1, data.lang)}%`;
  // Everything below is in design px; the option multiplies by u at the end.
  const designWidth = size.width / (u || 1);
  const nameEm = Math.max(0, ...rows.map((r) => textEm(r.name)));
  const nameWidth = Math.min(nameEm * DESIGN.nameFont + 4, Math.max(80, designWidth * 0.5));
  const labelWidth = Math.max(
    0,
    ...rows.map((r) => textEm(valueText(r.value)) * DESIGN.valueFont + textEm(shareText(r.value)) * DESIGN.shareFont),
  );
  const shareRoom = share ? DESIGN.valueFont * 0.4 : 0;
  const right = labelWidth + shareRoom + 14;
  const plot = designWidth - DESIGN.side - nameWidth - DESIGN.nameGap - right;
  const refs = data.refLines ?? [];
  // Stacked rows: the name line (1.2 em) above a bar, then a gap before the next row's name.
  const nameLine = DESIGN.nameFont * 1.2;
  const lift = -(nameLine + 2);
  const refTop = refs.length > 0 ? DESIGN.refTop : 0;
  const stackedTop = -lift + refTop;
  const rowHeight = (size.height / (u || 1) - stackedTop - DESIGN.side) / Math.max(1, rows.length);
  /**
   * 'inline': name | bar | value. 'stacked': a narrow tile gives the name a line
   * above its bar. 'tight': narrow and short, so inline again, without shares and
   * with names cut, which still beats rows drawn over each other.
   */
  const mode: 'inline' | 'stacked' | 'tight' =
    rows.length === 0 || plot >= designWidth * MIN_PLOT_SHARE ? 'inline' : rowHeight >= nameLine + 9 ? 'stacked' : 'tight';
  const stacked = mode === 'stacked';
  const showShare = share !== null && mode !== 'tight';
  const label = (v: number | null): string => {
    const s = showShare ? shareText(v) : '';
    return s ? `{v|${valueText(v)}} {s|${s}}` : `{v|${valueText(v)}}`;
  };
  const inlineRight =
    mode === 'tight' ? Math.max(0, ...rows.map((r) => textEm(valueText(r.value)) * DESIGN.valueFont)) + 14 : right;
  const inlineName = mode === 'tight' ? Math.min(nameWidth, designWidth * 0.45) : nameWidth;
  const stackedBar = Math.max(3, Math.min(DESIGN.stackedBar, rowHeight - nameLine - 6));
  const values = rows.map((r) => r.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const top = Math.max(0, ...values, ...refs.map((r) => r.value));
  const bottom = Math.min(0, ...values, ...refs.map((r) => r.value));
  const xMax = top > 0 ? top : 1;
  const gridLeft = stacked ? DESIGN.side : DESIGN.side + inlineName + DESIGN.nameGap;
  const gridRight = stacked ? DESIGN.side : inlineRight;
  const plotWidth = Math.max(1, designWidth - gridLeft - gridRight);
  const places = placeRefLabels(
    refs.map((r) => gridLeft + ((r.value - bottom) / (xMax - bottom || 1)) * plotWidth),
    refs.map((r) => textEm(r.label) * DESIGN.refFont),
    designWidth,
  );
  // A second row of reference labels, when the lines are too close for one, takes its height from the plot.
  const refRows = places.some((p) => p.row === 1) ? 2 : 1;
  const refLift = DESIGN.refFont * 1.25;
  const refHeight = refs.length > 0 ? DESIGN.refTop + (refRows - 1) * refLift : 0;
  const gridTop = (stacked ? -lift : refs.length > 0 ? 0 : DESIGN.side) + refHeight;
  // Every name is printed (interval 0), so in a short tile the names shrink instead of ECharts skipping some.
  const inlineRow = (size.height / (u || 1) - gridTop - DESIGN.side) / Math.max(1, rows.length);
  // Never below the wall's 14 design px minimum (tests/browser/layout-check.test.ts).
  const nameFont = stacked ? DESIGN.nameFont : Math.max(MIN_FONT, Math.min(DESIGN.nameFont, inlineRow / 1.15));
  const valueFont = stacked ? DESIGN.valueFont : Math.max(MIN_FONT, Math.min(DESIGN.valueFont, inlineRow / 1.1));

  const rich = {
    v: { color: theme.text, fontSize: px(valueFont), fontWeight: 600 as const, fontFamily: theme.numFont },
    s: { color: theme.textMuted, fontSize: px(DESIGN.shareFont), fontFamily: theme.numFont },
  };
  const gradient = {
    type: 'linear' as const,
    x: 0,
    y: 0,
    x2: 1,
    y2: 0,
    colorStops: [
      { offset: 0, color: 'rgba(34, 211, 238, 0.25)' },
      { offset: 1, color: theme.accent },
    ],
  };
  const bars: BarSeriesOption = {
    type: 'bar',
    id: 'bars',
    z: 3,
    barGap: '-100%',
    ...(stacked ? { barWidth: px(stackedBar) } : { barMaxWidth: px(DESIGN.barMax), barCategoryGap: '36%' }),
    data: rows.map((r) => ({
      name: r.name,
      value: r.value ?? '-',
      itemStyle: { borderRadius: [0, px(3), px(3), 0], color: r.color ?? gradient },
    })),
    label: stacked
      ? {
          show: true,
          // The name sits on the line above the bar, left-aligned with it.
          position: [0, px(lift)],
          color: theme.textDim,
          fontSize: px(DESIGN.nameFont),
          fontFamily: theme.font,
          // The value sits on the same line at the right; a long (English) name stops short of it.
          width: px(Math.max(40, designWidth - 2 * DESIGN.side - labelWidth - shareRoom - 16)),
          overflow: 'truncate',
          formatter: (p: { name?: string }) => p.name ?? '',
        }
      : {
          show: true,
          position: 'right',
          distance: px(6),
          formatter: (p: { value?: unknown }) => label(typeof p.value === 'number' ? p.value : null),
          rich,
        },
    emphasis: { disabled: true },
  };
  if (refs.length > 0) {
    bars.markLine = {
      silent: true,
      symbol: 'none',
      data: refs.map((r, i) => ({
        xAxis: r.value,
        lineStyle: { color: toneColor(theme, r.tone), type: 'dashed', width: px(1.5) },
        label: {
          formatter: r.label,
          // The category axis is inverted (first row on top), so its start is the top edge.
          position: 'start',
          align: places[i]?.align ?? 'center',
          distance: [0, px(5 + (places[i]?.row ?? 0) * refLift)],
          color: toneColor(theme, r.tone),
          fontSize: px(DESIGN.refFont),
          fontFamily: theme.font,
        },
      })),
    };
  }
  const series: BarSeriesOption[] = [bars];
  if (stacked) {
    // A full-width track behind each bar, carrying the value at its right end.
    series.unshift({
      type: 'bar',
      id: 'track',
      z: 2,
      silent: true,
      barGap: '-100%',
      barWidth: px(stackedBar),
      data: rows.map((r) => ({ name: r.name, value: xMax })),
      itemStyle: { color: 'rgba(148, 163, 184, 0.12)', borderRadius: px(3) },
      label: {
        show: true,
        position: ['100%', px(lift)],
        align: 'right',
        formatter: (p: { dataIndex?: number }) => label(rows[p.dataIndex ?? -1]?.value ?? null),
        rich,
      },
      emphasis: { disabled: true },
    });
  }

  return {
    backgroundColor: 'transparent',
    // Statistics change a few times an hour; a sliding bar on each revision reads as motion, not news.
    animation: false,
    textStyle: { fontFamily: theme.font, fontSize: px(DESIGN.nameFont), color: theme.textDim },
    grid: {
      top: px(gridTop),
      bottom: px(DESIGN.side),
      // Laid out by hand: ECharts' label containment squeezes the plot unpredictably
      // once value labels sit outside it, and then clips them at the canvas edge.
      left: px(gridLeft),
      right: px(gridRight),
      outerBoundsMode: 'none',
    },
    xAxis: { type: 'value', show: false, min: bottom, max: xMax },
    yAxis: {
      type: 'category',
      inverse: true,
      show: !stacked,
      data: rows.map((r) => r.name),
      axisLine: { lineStyle: { color: theme.grid, width: px(1) } },
      axisTick: { show: false },
      axisLabel: {
        color: theme.textDim,
        fontSize: px(nameFont),
        fontFamily: theme.font,
        interval: 0,
        width: px(inlineName),
        overflow: mode === 'tight' ? 'truncate' : 'break',
        lineHeight: px(nameFont * 1.2),
        margin: px(DESIGN.nameGap),
      },
    },
    series,
  };
};
