import { describe, expect, it } from 'vitest';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, YAXisComponentOption, XAXisComponentOption } from 'echarts';
import { darkTheme } from '../../theme/theme';
import { buildBarRankOption, DESIGN, MIN_PLOT_SHARE, placeRefLabels, textEm } from './option';
import { emptyFixture, growthFixture, sectorFixture } from './fixture';

const at1080 = { width: 420, height: 560, u: 1 };
const at4k = { width: 840, height: 1120, u: 2 };

function one<T>(v: T | T[] | undefined): T {
  if (v === undefined) throw new Error('missing');
  return Array.isArray(v) ? (v[0] as T) : v;
}
type Datum = { name: string; value: number | string; itemStyle: { color: unknown } };
const seriesOf = (o: ReturnType<typeof buildBarRankOption>) => one(o.series as BarSeriesOption[]);
const yOf = (o: ReturnType<typeof buildBarRankOption>) =>
  one(o.yAxis as YAXisComponentOption) as { data: string[]; inverse: boolean; axisLabel: { fontSize: number } };
const fmt = (o: ReturnType<typeof buildBarRankOption>, value: number) =>
  (seriesOf(o).label as { formatter: (p: { value: number }) => string }).formatter({ value });

describe('buildBarRankOption', () => {
  it('ranks the twelve sectors from largest down, top first, with every value plotted', () => {
    const o = buildBarRankOption(sectorFixture, darkTheme, at1080);
    const y = yOf(o);
    expect(y.inverse).toBe(true);
    expect(y.data).toHaveLength(12);
    expect(y.data[0]).toBe('金融科技');
    expect(y.data[1]).toBe('电子商务');
    expect(y.data[11]).toBe('工业互联网');
    const data = seriesOf(o).data as Datum[];
    expect(data.map((d) => d.value)).toEqual([...sectorFixture.items].map((i) => i.value).sort((a, b) => b! - a!));
    const total = data.reduce((a, d) => a + Math.round((d.value as number) * 100), 0);
    expect(total).toBe(62492);
  });

  it('labels each bar with its value and its share of the total', () => {
    const o = buildBarRankOption(sectorFixture, darkTheme, at1080);
    expect(fmt(o, 130.23)).toBe('{v|130.23} {s|20.8%}');
    const noShare = buildBarRankOption({ ...sectorFixture, shareOf: null, unit: '亿元' }, darkTheme, at1080);
    expect(fmt(noShare, 130.23)).toBe('{v|130.23亿元}');
  });

  it('keeps a classification in its own order when asked', () => {
    const o = buildBarRankOption({ ...sectorFixture, sort: 'none' }, darkTheme, at1080);
    expect(yOf(o).data.slice(0, 3)).toEqual(['大数据', '云计算', '区块链']);
  });

  it('draws the district and city reference lines and leaves room above for their labels', () => {
    const o = buildBarRankOption(growthFixture, darkTheme, at1080);
    const ml = seriesOf(o).markLine as { data: Array<{ xAxis: number; label: { formatter: string } }> };
    expect(ml.data.map((d) => [d.xAxis, d.label.formatter])).toEqual([
      [17.8, '区级 17.8%'],
      [6.8, '全市 ≈6.8%'],
    ]);
    expect((one(o.grid as GridComponentOption) as { top: number }).top).toBe(DESIGN.refTop);
    expect(fmt(o, 25.23)).toBe('{v|+25.2%}');
    // Colours from the caller (the map's ramp) are kept per bar.
    const data = seriesOf(o).data as Datum[];
    expect(data[0]!.name).toBe('香蜜湖');
    expect(data[0]!.itemStyle.color).toBe('#f97316');
  });

  it('keeps the reference labels apart when their lines are close, and on the canvas (issue #41)', () => {
    // The growth ranking in the 16:9 rotating slot (1080p, English): the district's and the
    // city's labels, centred on lines 11 points apart, were drawn over each other.
    const en = {
      ...growthFixture,
      lang: 'en' as const,
      refLines: [
        { value: 17.8, label: 'district 17.8%', tone: 'accent' as const },
        { value: 6.8, label: 'city ≈6.8%', tone: 'warn' as const },
      ],
    };
    for (const size of [{ width: 355, height: 463, u: 1 }, { width: 330, height: 300, u: 1 }, { width: 710, height: 600, u: 2 }]) {
      const o = buildBarRankOption(en, darkTheme, size);
      const grid = one(o.grid as GridComponentOption) as { left: number; right: number };
      const x = one(o.xAxis as XAXisComponentOption) as { min: number; max: number };
      const ml = seriesOf(o).markLine as {
        data: Array<{ xAxis: number; label: { formatter: string; align?: 'center' | 'left' | 'right'; distance?: number[] } }>;
      };
      const plot = size.width - grid.left - grid.right;
      const spans = ml.data.map((d) => {
        const at = grid.left + ((d.xAxis - x.min) / (x.max - x.min)) * plot;
        const w = textEm(d.label.formatter) * DESIGN.refFont * size.u;
        const align = d.label.align ?? 'center';
        const l = align === 'center' ? at - w / 2 : align === 'left' ? at : at - w;
        return { l, r: l + w, row: d.label.distance?.[1] ?? 0 };
      });
      for (const s of spans) {
        expect(s.l).toBeGreaterThanOrEqual(0);
        expect(s.r).toBeLessThanOrEqual(size.width);
      }
      const [a, b] = spans as [(typeof spans)[0], (typeof spans)[0]];
      expect(a.row !== b.row || a.r <= b.l || b.r <= a.l, JSON.stringify({ size, spans })).toBe(true);
    }
  });

  it('places reference labels centred where they fit, beside their lines where not, a row up as a last resort', () => {
    expect(placeRefLabels([100, 300], [80, 80], 400)).toEqual([{ align: 'center', row: 0 }, { align: 'center', row: 0 }]);
    // Close lines: the lower one's text ends at its line, the higher one's starts at it.
    expect(placeRefLabels([150, 190], [80, 80], 400)).toEqual([{ align: 'right', row: 0 }, { align: 'left', row: 0 }]);
    // Near the canvas edge a label is kept inside it.
    expect(placeRefLabels([20], [80], 400)).toEqual([{ align: 'left', row: 0 }]);
    // No side has room for both on one line: the second goes a row up.
    expect(placeRefLabels([40, 45], [80, 80], 120).map((p) => p.row)).toEqual([0, 1]);
  });

  it('scales fonts, bar width and margins with u', () => {
    const a = buildBarRankOption(sectorFixture, darkTheme, at1080);
    const b = buildBarRankOption(sectorFixture, darkTheme, at4k);
    expect(yOf(a).axisLabel.fontSize).toBe(DESIGN.nameFont);
    expect(yOf(b).axisLabel.fontSize).toBe(DESIGN.nameFont * 2);
    expect(seriesOf(b).barMaxWidth).toBe(DESIGN.barMax * 2);
    const rich = (o: typeof a) => (seriesOf(o).label as { rich: { v: { fontSize: number } } }).rich.v.fontSize;
    expect(rich(b)).toBe(rich(a) * 2);
    const right = (o: typeof a) => (one(o.grid as GridComponentOption) as { right: number }).right;
    expect(right(b)).toBeCloseTo(right(a) * 2, 1);
  });

  it('handles no data and missing values without NaN', () => {
    const o = buildBarRankOption(emptyFixture, darkTheme, at1080);
    expect(seriesOf(o).data).toEqual([]);
    expect(JSON.stringify(o)).not.toContain('NaN');
    const x = one(o.xAxis as XAXisComponentOption) as { min: number; max: number };
    expect([x.min, x.max]).toEqual([0, 1]);
    const gap = buildBarRankOption(
      { ...sectorFixture, items: [{ id: 'a', name: '大数据', value: null }, ...sectorFixture.items.slice(1)] },
      darkTheme,
      at1080,
    );
    const data = seriesOf(gap).data as Datum[];
    expect(data[data.length - 1]!.value).toBe('-');
    expect(fmt(gap, Number.NaN)).toContain('—');
  });
});

describe('buildBarRankOption in a narrow tile', () => {
  const narrow = { width: 260, height: 520, u: 1 };

  it('puts each name on a line above its bar and the value at the right end of a full-width track', () => {
    const o = buildBarRankOption(sectorFixture, darkTheme, narrow);
    const [track, bars] = o.series as BarSeriesOption[];
    expect(track!.id).toBe('track');
    expect(bars!.id).toBe('bars');
    expect(yOf(o) as unknown as { show: boolean }).toMatchObject({ show: false });
    // Track spans the axis; bars carry the names; the track's label carries the value of the same row.
    expect((track!.data as Array<{ value: number }>).every((d) => d.value === 130.23)).toBe(true);
    const nameOf = (bars!.label as { formatter: (p: { name: string }) => string }).formatter;
    expect(nameOf({ name: '金融科技' })).toBe('金融科技');
    const nameLabel = bars!.label as { width: number; overflow: string };
    expect(nameLabel.overflow).toBe('truncate');
    expect(nameLabel.width).toBeLessThan(260 - 2 * DESIGN.side);
    const valueOf = (track!.label as { formatter: (p: { dataIndex: number }) => string }).formatter;
    expect(valueOf({ dataIndex: 0 })).toBe('{v|130.23} {s|20.8%}');
    expect(valueOf({ dataIndex: 11 })).toBe('{v|17.35} {s|2.8%}');
    expect((one(o.grid as GridComponentOption) as { left: number }).left).toBe(DESIGN.side);
  });

  it('falls back to one line per row, without shares, when the tile is also short', () => {
    const o = buildBarRankOption(sectorFixture, darkTheme, { width: 260, height: 200, u: 1 });
    expect((o.series as BarSeriesOption[]).map((s) => s.id)).toEqual(['bars']);
    expect(fmt(o, 130.23)).toBe('{v|130.23}');
    const y = yOf(o) as unknown as { show: boolean; axisLabel: { overflow: string } };
    expect(y.show).toBe(true);
    expect(y.axisLabel.overflow).toBe('truncate');
  });

  it('stays beside the bars when there is room', () => {
    const o = buildBarRankOption(sectorFixture, darkTheme, at1080);
    expect((o.series as BarSeriesOption[]).map((s) => s.id)).toEqual(['bars']);
    expect(MIN_PLOT_SHARE).toBeGreaterThan(0);
  });
});

describe('textEm', () => {
  it('counts CJK glyphs as 1 em and Latin as about half', () => {
    expect(textEm('金融科技')).toBe(4);
    expect(textEm('AI')).toBeCloseTo(1.12);
  });
});

describe('buildBarRankOption in a short tile', () => {
  it('prints every name, shrinking the type rather than skipping rows', () => {
    const o = buildBarRankOption(growthFixture, darkTheme, { width: 600, height: 30 + 8 + 3 * 13, u: 1 });
    const y = yOf(o) as unknown as { axisLabel: { interval: number; fontSize: number } };
    expect(y.axisLabel.interval).toBe(0);
    expect(y.axisLabel.fontSize).toBeLessThan(DESIGN.nameFont);
    expect(y.axisLabel.fontSize).toBeGreaterThanOrEqual(11);
    expect(yOf(buildBarRankOption(growthFixture, darkTheme, at1080)).axisLabel.fontSize).toBe(DESIGN.nameFont);
  });
});
