import { describe, expect, it } from 'vitest';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { XAXisComponentOption } from 'echarts';
import { darkTheme } from '../../theme/theme';
import { buildQuarterLegend, buildQuarterOption, DESIGN } from './option';
import { emptyFixture, growthFixture, valueFixture } from './fixture';

const at1080 = { width: 500, height: 300, u: 1 };
const at4k = { width: 1000, height: 600, u: 2 };

const x = (o: ReturnType<typeof buildQuarterOption>) => o.xAxis as XAXisComponentOption & { data: string[]; axisLabel: { fontSize: number } };

describe('buildQuarterOption', () => {
  it('draws the district line over four quarters, thick and labelled, with the comparison lines beside it', () => {
    const o = buildQuarterOption(growthFixture, darkTheme, at1080);
    expect(x(o).data).toEqual(['2021 Q1', '2021 Q2', '2021 Q3', '2021 Q4']);
    const s = o.series as LineSeriesOption[];
    expect(s.map((v) => v.name)).toEqual(['福田区', '香蜜湖', '福保']);
    expect(s[0]!.data).toEqual([32.03, 15.64, 14.5, 12.53]);
    expect((s[0]!.lineStyle as { width: number }).width).toBe(DESIGN.primaryLine);
    expect((s[1]!.lineStyle as { width: number }).width).toBe(DESIGN.line);
    expect((s[0]!.label as { show: boolean }).show).toBe(true);
    expect((s[1]!.label as { show: boolean }).show).toBe(false);
    const f = (s[0]!.label as { formatter: (p: { value: number }) => string }).formatter;
    expect(f({ value: 12.53 })).toBe('+12.5%');
    const legend = buildQuarterLegend(growthFixture, darkTheme, at1080)!;
    expect(legend.items.map((i) => i.name)).toEqual(['福田区', '香蜜湖', '福保']);
    expect(legend.items.map((i) => i.color)).toEqual(s.map((v) => (v.lineStyle as { color: string }).color));
  });

  it('marks the city average as a labelled reference line', () => {
    const s = buildQuarterOption(growthFixture, darkTheme, at1080).series as LineSeriesOption[];
    expect(s[0]!.markLine?.data).toEqual([{ yAxis: 6.8 }]);
    expect((s[0]!.markLine?.label as { formatter: string }).formatter).toBe('全市 2021 年 ≈6.8%');
  });

  it('draws bars with the base year dimmed, and the eight quarters in order', () => {
    const o = buildQuarterOption(valueFixture, darkTheme, at1080);
    const bar = (o.series as BarSeriesOption[])[0]!;
    const data = bar.data as Array<{ value: number; itemStyle: { color: string } }>;
    expect(data.map((d) => d.value)).toEqual([108.79, 129.57, 137.12, 155.01, 143.64, 149.84, 157, 174.44]);
    expect(data[0]!.itemStyle.color).not.toBe(data[7]!.itemStyle.color);
    expect(data[7]!.itemStyle.color).toBe(darkTheme.series[0]);
    expect(buildQuarterLegend(valueFixture, darkTheme, at1080)).toBeNull();
  });

  it('labels only the highlighted year, in type that fits the bar width', () => {
    const wide = (buildQuarterOption(valueFixture, darkTheme, { width: 900, height: 300, u: 1 }).series as BarSeriesOption[])[0]!;
    const data = wide.data as Array<{ label: { show: boolean } }>;
    expect(data.map((d) => d.label.show)).toEqual([false, false, false, false, true, true, true, true]);
    expect((wide.label as { fontSize: number }).fontSize).toBe(DESIGN.labelFont);
    const narrow = (buildQuarterOption(valueFixture, darkTheme, { width: 340, height: 300, u: 1 }).series as BarSeriesOption[])[0]!;
    const f = (narrow.label as { fontSize: number }).fontSize;
    expect(f).toBeLessThan(DESIGN.labelFont);
    expect(f).toBeGreaterThanOrEqual(10);
  });

  it('scales fonts and strokes with u', () => {
    const a = buildQuarterOption(growthFixture, darkTheme, at1080);
    const b = buildQuarterOption(growthFixture, darkTheme, at4k);
    expect(x(a).axisLabel.fontSize).toBe(DESIGN.axisFont);
    expect(x(b).axisLabel.fontSize).toBe(DESIGN.axisFont * 2);
    const w = (o: typeof a) => ((o.series as LineSeriesOption[])[0]!.lineStyle as { width: number }).width;
    expect(w(b)).toBe(w(a) * 2);
  });

  it('leaves gaps for missing quarters and copes with no data', () => {
    const gap = { ...growthFixture, series: [{ ...growthFixture.series[0]!, values: [1, null, 3] }] };
    expect((buildQuarterOption(gap, darkTheme, at1080).series as LineSeriesOption[])[0]!.data).toEqual([1, '-', 3, '-']);
    const o = buildQuarterOption(emptyFixture, darkTheme, at1080);
    expect(o.series).toEqual([]);
    expect(JSON.stringify(o)).not.toContain('NaN');
  });
});
