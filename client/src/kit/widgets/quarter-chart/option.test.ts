import { describe, expect, it } from 'vitest';
import type { BarSeriesOption } from 'echarts/charts';
import type { XAXisComponentOption } from 'echarts';
import { darkTheme } from '../../theme/theme';
import { buildQuarterLegend, buildQuarterOption, DESIGN } from './option';
import { valueFixture } from './fixture';

const at1080 = { width: 500, height: 300, u: 1 };
const at4k = { width: 1000, height: 600, u: 2 };

const x = (o: ReturnType<typeof buildQuarterOption>) => o.xAxis as XAXisComponentOption & { data: string[]; axisLabel: { fontSize: number } };
const bar0 = (o: ReturnType<typeof buildQuarterOption>) => (o.series as BarSeriesOption[])[0]!;

describe('buildQuarterOption (bars)', () => {
  it('draws bars with the base year dimmed, and the eight quarters in order', () => {
    const o = buildQuarterOption(valueFixture, darkTheme, at1080);
    expect(x(o).data).toEqual(['20Q1', '20Q2', '20Q3', '20Q4', '21Q1', '21Q2', '21Q3', '21Q4']);
    const data = bar0(o).data as Array<{ value: number; itemStyle: { color: string } }>;
    expect(data.map((d) => d.value)).toEqual([108.79, 129.57, 137.12, 155.01, 143.64, 149.84, 157, 174.44]);
    expect(data[0]!.itemStyle.color).not.toBe(data[7]!.itemStyle.color);
    expect(data[7]!.itemStyle.color).toBe(darkTheme.series[0]);
    expect(buildQuarterLegend(valueFixture, darkTheme, at1080)).toBeNull();
    const f = (bar0(o).label as { formatter: (p: { value: number }) => string }).formatter;
    expect(f({ value: 174.44 })).toBe('174.44');
  });

  it('labels only the highlighted year, never below 14 design px: a narrow chart labels every other bar from the latest', () => {
    const wide = bar0(buildQuarterOption(valueFixture, darkTheme, { width: 900, height: 300, u: 1 }));
    const data = wide.data as Array<{ label: { show: boolean } }>;
    expect(data.map((d) => d.label.show)).toEqual([false, false, false, false, true, true, true, true]);
    expect((wide.label as { fontSize: number }).fontSize).toBe(DESIGN.labelFont);
    const narrow = bar0(buildQuarterOption(valueFixture, darkTheme, { width: 340, height: 300, u: 1 }));
    // It once shrank them to 10 px, which still collided on a 5760×1080 column (issue #41).
    expect((narrow.label as { fontSize: number }).fontSize).toBe(DESIGN.labelFont);
    const shown = (narrow.data as Array<{ label: { show: boolean } }>).map((d) => d.label.show);
    expect(shown).toEqual([false, false, false, false, false, true, false, true]);
  });

  it('scales fonts and bar widths with u', () => {
    const a = buildQuarterOption(valueFixture, darkTheme, at1080);
    const b = buildQuarterOption(valueFixture, darkTheme, at4k);
    expect(x(a).axisLabel.fontSize).toBe(DESIGN.axisFont);
    expect(x(b).axisLabel.fontSize).toBe(DESIGN.axisFont * 2);
    expect(bar0(b).barMaxWidth).toBe((bar0(a).barMaxWidth as number) * 2);
  });

  it('marks a reference line when given one, and leaves gaps for missing quarters', () => {
    const withRef = { ...valueFixture, refLine: { value: 150, label: '参考 150' } };
    const s = bar0(buildQuarterOption(withRef, darkTheme, at1080));
    expect(s.markLine?.data).toEqual([{ yAxis: 150 }]);
    expect((s.markLine?.label as { formatter: string }).formatter).toBe('参考 150');
    const gap = { ...valueFixture, series: [{ ...valueFixture.series[0]!, values: [1, null, 3] }] };
    const values = (bar0(buildQuarterOption(gap, darkTheme, at1080)).data as Array<{ value: unknown }>).map((d) => d.value);
    expect(values).toEqual([1, '-', 3, '-', '-', '-', '-', '-']);
  });

  it('gives a short chart fewer y ticks, so their 14 px labels stay apart (issue #41)', () => {
    const split = (h: number, u = 1) =>
      (buildQuarterOption(valueFixture, darkTheme, { width: 300 * u, height: h * u, u }).yAxis as { splitNumber: number }).splitNumber;
    expect(split(300)).toBe(3);
    expect(split(300, 2)).toBe(3);
    // The quarterly bars in a 48:9 slot were about 100 design px tall: three ticks drew 50 over 100 over 150.
    expect(split(100)).toBeLessThan(3);
    expect(split(70)).toBe(1);
  });
});
