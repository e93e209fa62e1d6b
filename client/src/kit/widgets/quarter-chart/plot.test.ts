import { describe, expect, it } from 'vitest';
import { estimateText, type Plot } from '../../charts/plot';
import { numbersIn as numbers } from '../numbers.testkit';
import { darkTheme } from '../../theme/theme';
import { buildQuarterLegend, DESIGN } from './option';
import { emptyFixture, growthFixture } from './fixture';
import { buildQuarterPlot } from './plot';

const at1080 = { width: 500, height: 300, u: 1 };
const at4k = { width: 1000, height: 600, u: 2 };

const ys = (p: Plot, line: number): number[] => p.lines[line]!.xy.filter((_, i) => i % 2 === 1);
const xs = (p: Plot, line: number): number[] => p.lines[line]!.xy.filter((_, i) => i % 2 === 0);

describe('buildQuarterPlot (lines)', () => {
  it('puts each quarter at its band centre, under its label, on an axis from zero', () => {
    const p = buildQuarterPlot(growthFixture, darkTheme, at1080);
    expect(p.xLabels.map((l) => l.text)).toEqual(['2021 Q1', '2021 Q2', '2021 Q3', '2021 Q4']);
    const band = (p.box.right - p.box.left) / 4;
    // The primary line is drawn last (over the others), so it is the last line.
    const district = p.lines.length - 1;
    expect(xs(p, district)).toEqual(p.xLabels.map((l) => l.x));
    expect(xs(p, district)[0]).toBeCloseTo(p.box.left + band / 2, 6);
    // 0 % is on the axis (as ECharts' value axis includes zero), the tops fit in the box.
    expect(p.yTicks[0]!.text).toBe('0%');
    expect(p.yTicks[0]!.y).toBeCloseTo(p.box.bottom, 6);
    for (const l of p.lines) for (const y of ys(p, p.lines.indexOf(l))) expect(y).toBeGreaterThanOrEqual(p.box.top);
    // Higher growth is higher on the screen: Q1 32.03 % over Q4 12.53 %.
    expect(ys(p, district)[0]).toBeLessThan(ys(p, district)[3]!);
    expect(new Set(p.yTicks.map((t) => t.text)).size).toBe(p.yTicks.length);
  });

  it('draws the district line thicker and on top, labels only its points, in the legend colours', () => {
    const p = buildQuarterPlot(growthFixture, darkTheme, at1080);
    expect(p.lines.map((l) => l.width)).toEqual([DESIGN.line, DESIGN.line, DESIGN.primaryLine]);
    expect(p.labels.map((l) => l.text)).toEqual(['+32.0%', '+15.6%', '+14.5%', '+12.5%']);
    // Each label sits above its point's symbol.
    const district = p.lines.length - 1;
    p.labels.forEach((l, i) => expect(l.y).toBeLessThan(ys(p, district)[i]! - DESIGN.symbol / 2));
    expect(p.marks).toHaveLength(12);
    expect(p.labelFont.halo).toBe(darkTheme.bg);
    const legend = buildQuarterLegend(growthFixture, darkTheme, at1080)!;
    expect(legend.items.map((i) => i.name)).toEqual(['福田区', '香蜜湖', '福保']);
    // Legend colours in series order; lines are drawn comparisons first.
    expect([p.lines[2]!.color, p.lines[0]!.color, p.lines[1]!.color]).toEqual(legend.items.map((i) => i.color));
    // A single line is labelled at every point.
    const single = buildQuarterPlot({ ...growthFixture, series: [growthFixture.series[1]!] }, darkTheme, at1080);
    expect(single.labels).toHaveLength(4);
  });

  it('marks the city average as a dashed reference line labelled at the left end', () => {
    const p = buildQuarterPlot(growthFixture, darkTheme, at1080);
    const th = p.threshold!;
    expect(th.label).toBe('全市 2021 年 ≈6.8%');
    expect(th.align).toBe('left');
    expect(th.y).toBeLessThan(p.box.bottom);
    expect(th.y).toBeGreaterThan(Math.max(...ys(p, 2)));
    expect(buildQuarterPlot({ ...growthFixture, refLine: null }, darkTheme, at1080).threshold).toBeNull();
  });

  it('breaks a line where a quarter has no figure, and keeps a lone point as a symbol', () => {
    const gap = { ...growthFixture, series: [{ ...growthFixture.series[0]!, values: [1, 2, null, 3] }] };
    const p = buildQuarterPlot(gap, darkTheme, at1080);
    expect(p.lines).toHaveLength(1);
    expect(p.lines[0]!.xy).toHaveLength(4);
    expect(p.marks).toHaveLength(3);
    expect(p.labels.map((l) => l.text)).toEqual(['+1.0%', '+2.0%', '+3.0%']);
  });

  it('scales fonts, strokes and symbols with u, so 4K text is drawn at 4K size', () => {
    const a = buildQuarterPlot(growthFixture, darkTheme, at1080);
    const b = buildQuarterPlot(growthFixture, darkTheme, at4k);
    expect(a.font.px).toBe(DESIGN.axisFont);
    expect(b.font.px).toBe(DESIGN.axisFont * 2);
    expect(b.labelFont.px).toBe(DESIGN.labelFont * 2);
    expect(b.lines[2]!.width).toBe(a.lines[2]!.width * 2);
    expect(b.marks[0]!.r).toBe(a.marks[0]!.r * 2);
    expect(b.box.top).toBe(a.box.top * 2);
  });

  it('never lets category labels overlap on a narrow chart', () => {
    const eight = { ...growthFixture, categories: ['2020 Q1', '2020 Q2', '2020 Q3', '2020 Q4', '2021 Q1', '2021 Q2', '2021 Q3', '2021 Q4'] };
    const p = buildQuarterPlot(eight, darkTheme, { width: 260, height: 200, u: 1 });
    expect(p.xLabels.length).toBeLessThan(8);
    let right = -Infinity;
    for (const l of p.xLabels) {
      const half = estimateText(l.text, p.font.px) / 2;
      expect(l.x - half).toBeGreaterThan(right);
      right = l.x + half;
    }
  });

  it('copes with no data: no axis, no lines, no NaN', () => {
    const p = buildQuarterPlot(emptyFixture, darkTheme, at1080);
    expect(p.lines).toEqual([]);
    expect(p.yTicks).toEqual([]);
    expect(p.threshold).toBeNull();
    expect(numbers(p).every(Number.isFinite)).toBe(true);
    expect(numbers(buildQuarterPlot(growthFixture, darkTheme, at4k)).every(Number.isFinite)).toBe(true);
  });
});
