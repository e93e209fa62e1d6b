import { describe, expect, it } from 'vitest';
import type { LineSeriesOption } from 'echarts/charts';
// Type-only: the full package's option types, erased at build time.
import type { XAXisComponentOption, YAXisComponentOption } from 'echarts';
import { darkTheme } from '../../theme/theme';
import { buildTrendLegend, buildTrendOption, DESIGN, formatTime, stepDecimals, valueAxis } from './option';
import { emptyFixture, fixture, FIXTURE_END, multiFixture } from './fixture';

const at1080 = { width: 900, height: 300, u: 1 };
const at4k = { width: 1800, height: 600, u: 2 };

function one<T>(v: T | T[] | undefined): T {
  if (v === undefined) throw new Error('missing');
  return Array.isArray(v) ? (v[0] as T) : v;
}

describe('buildTrendOption', () => {
  it('plots every point of the series, copied, on a one-hour time axis ending at the newest point', () => {
    const o = buildTrendOption(fixture, darkTheme, at1080);
    const s = one(o.series as LineSeriesOption[]);
    const data = s.data as Array<[number, number]>;
    expect(data).toHaveLength(360);
    expect(data[359]).toEqual(fixture.series[0]!.points[359]);
    expect(data).not.toBe(fixture.series[0]!.points);
    expect(data[0]).not.toBe(fixture.series[0]!.points[0]);
    const x = one(o.xAxis as XAXisComponentOption) as { type: string; min: number; max: number };
    expect(x.type).toBe('time');
    expect(x.max).toBe(FIXTURE_END);
    expect(x.min).toBe(FIXTURE_END - 3_600_000);
    expect(s.areaStyle).toBeDefined();
  });

  it('labels the value axis with its unit and the time axis in Beijing time', () => {
    const o = buildTrendOption(fixture, darkTheme, at1080);
    const y = one(o.yAxis as YAXisComponentOption) as { min: number; max: number; axisLabel: { formatter: (v: number) => string } };
    expect(y.axisLabel.formatter(40)).toBe('40%');
    expect([y.min, y.max]).toEqual([0, 100]);
    const x = one(o.xAxis as XAXisComponentOption) as { axisLabel: { formatter: (v: number) => string } };
    expect(x.axisLabel.formatter(FIXTURE_END)).toBe('20:00');
    expect(formatTime(Date.UTC(2026, 0, 1, 16, 5))).toBe('00:05');
  });

  it('scales fonts and strokes with u, so 4K text is drawn at 4K size', () => {
    const a = buildTrendOption(multiFixture, darkTheme, at1080);
    const b = buildTrendOption(multiFixture, darkTheme, at4k);
    const font = (o: typeof a): number =>
      (one(o.yAxis as YAXisComponentOption) as { axisLabel: { fontSize: number } }).axisLabel.fontSize;
    expect(font(a)).toBe(DESIGN.axisFont);
    expect(font(b)).toBe(DESIGN.axisFont * 2);
    expect(buildTrendLegend(multiFixture, darkTheme, at4k)?.font).toBe(DESIGN.legendFont * 2);
    expect(buildTrendLegend(multiFixture, darkTheme, at4k)?.markWidth).toBe(buildTrendLegend(multiFixture, darkTheme, at1080)!.markWidth * 2);
    const width = (o: typeof a) => (one(o.series as LineSeriesOption[]).lineStyle as { width: number }).width;
    expect(width(b)).toBe(width(a) * 2);
  });

  it('shows a legend and a threshold line only when there is something to tell apart', () => {
    expect(buildTrendLegend(fixture, darkTheme, at1080)).toBeNull();
    const multi = buildTrendOption(multiFixture, darkTheme, at1080);
    // The legend is DOM (ChartFrame), not an ECharts component.
    expect(multi).not.toHaveProperty('legend');
    const legend = buildTrendLegend(multiFixture, darkTheme, at1080)!;
    expect(legend.items.map((i) => i.name)).toEqual(['5G 基站', '智能杆', '充电桩']);
    const series = multi.series as LineSeriesOption[];
    // Each legend mark has its line's colour.
    expect(legend.items.map((i) => i.color)).toEqual(series.map((s) => (s.lineStyle as { color: string }).color));
    expect(series[0]!.markLine?.data).toEqual([{ yAxis: 97 }]);
    // The warning line is inside the free value axis (lines at 97.8–99.1 %, warning at 97 %).
    const y = one(multi.yAxis as YAXisComponentOption) as { min: number; max: number };
    expect(y.min).toBeLessThanOrEqual(97);
    expect(y.max).toBeGreaterThanOrEqual(99.1);
    expect(series[1]!.markLine).toBeUndefined();
    // Distinct colours per series.
    expect(new Set(series.map((s) => (s.lineStyle as { color: string }).color)).size).toBe(3);
  });

  it('handles a series that has no points yet without NaN or a collapsed axis', () => {
    const o = buildTrendOption(emptyFixture, darkTheme, at1080);
    expect(one(o.series as LineSeriesOption[]).data).toEqual([]);
    const x = one(o.xAxis as XAXisComponentOption) as { min?: number; max?: number };
    expect(x.min).toBeUndefined();
    expect(x.max).toBeUndefined();
    expect(JSON.stringify(o)).not.toContain('NaN');
    const pinned = buildTrendOption({ ...emptyFixture, end: FIXTURE_END }, darkTheme, at1080);
    expect((one(pinned.xAxis as XAXisComponentOption) as { min: number }).min).toBe(FIXTURE_END - 3_600_000);
  });
});

describe('buildTrendOption value axis', () => {
  it('splits a fixed 0–100 range into four equal bands', () => {
    const y = one(buildTrendOption(fixture, darkTheme, at1080).yAxis as YAXisComponentOption) as { interval?: number };
    expect(y.interval).toBe(25);
  });

  it('never prints the same label twice on a free axis (the "99.0 %" ×3 defect)', () => {
    // Online rates a few hundredths apart: ECharts alone ticked every 0.01 and printed 1 decimal.
    const tight = {
      ...multiFixture,
      series: multiFixture.series.map((s, i) => ({ ...s, points: s.points.map(([t]) => [t, 99.02 + i * 0.02] as [number, number]) })),
    };
    for (const data of [multiFixture, tight, { ...tight, minSpan: 0.04 }]) {
      const y = one(buildTrendOption(data, darkTheme, at1080).yAxis as YAXisComponentOption) as {
        min: number;
        max: number;
        interval: number;
        axisLabel: { formatter: (v: number) => string };
      };
      const labels: string[] = [];
      for (let v = y.min; v <= y.max + y.interval / 2; v += y.interval) labels.push(y.axisLabel.formatter(v));
      expect(labels.length).toBeGreaterThanOrEqual(2);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it('keeps a minimum span and the ceiling, so noise near 100 % does not fill the plot', () => {
    const near = { ...multiFixture, minSpan: 1, yMax: 100, series: [{ id: 'a', name: 'a', points: [[0, 99.9] as [number, number], [1, 99.95] as [number, number]] }] };
    const y = one(buildTrendOption(near, darkTheme, at1080).yAxis as YAXisComponentOption) as { min: number; max: number };
    expect(y.max).toBe(100);
    expect(y.max - y.min).toBeGreaterThanOrEqual(1);
  });
});

describe('valueAxis', () => {
  it('chooses 1-2-2.5-5 steps and the decimals they need', () => {
    expect(stepDecimals(0.25)).toBe(2);
    expect(stepDecimals(0.5)).toBe(1);
    expect(stepDecimals(5)).toBe(0);
    const a = valueAxis([99.02, 99.06], { decimals: 1, minSpan: 0.04 })!;
    expect(a.interval).toBe(0.01);
    expect(a.decimals).toBe(2);
    expect(valueAxis([], { decimals: 1 })).toBeNull();
    const flat = valueAxis([42, 42], { decimals: 0 })!;
    expect(flat.max).toBeGreaterThan(flat.min);
  });
});
