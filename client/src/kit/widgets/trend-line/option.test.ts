import { describe, expect, it } from 'vitest';
import { numbersIn as numbers } from '../numbers.testkit';
import { darkTheme } from '../../theme/theme';
import { estimateText, smoothControls, stepDecimals, valueAxis, type Plot } from '../../charts/plot';
import { buildTrendLegend, buildTrendPlot, DESIGN, formatTime, timeTicks } from './option';
import { emptyFixture, fixture, FIXTURE_END, multiFixture } from './fixture';

const at1080 = { width: 900, height: 300, u: 1 };
const at4k = { width: 1800, height: 600, u: 2 };


const labelsOf = (p: Plot): string[] => p.yTicks.map((t) => t.text);

describe('buildTrendPlot', () => {
  it('plots every point of the series on a one-hour window ending at the newest point, with its area', () => {
    const p = buildTrendPlot(fixture, darkTheme, at1080);
    const line = p.lines[0]!;
    expect(line.xy).toHaveLength(2 * 360);
    // Newest point at the box's right edge, the window's start at its left.
    expect(line.xy[line.xy.length - 2]).toBeCloseTo(p.box.right, 6);
    const first = fixture.series[0]!.points[0]![0];
    expect(line.xy[0]).toBeCloseTo(p.box.left + ((first - (FIXTURE_END - 3_600_000)) / 3_600_000) * (p.box.right - p.box.left), 6);
    // Values map into the box: 0 % at the bottom, 100 % at the top.
    for (let i = 1; i < line.xy.length; i += 2) {
      expect(line.xy[i]).toBeGreaterThanOrEqual(p.box.top);
      expect(line.xy[i]).toBeLessThanOrEqual(p.box.bottom);
    }
    expect(line.area).not.toBeNull();
    expect(line.controls).toHaveLength(4 * 359);
  });

  it('labels the value axis with its unit in four equal bands, and the time axis in Beijing time on round minutes', () => {
    const p = buildTrendPlot(fixture, darkTheme, at1080);
    expect(labelsOf(p)).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(p.yTicks[0]!.y).toBeCloseTo(p.box.bottom, 6);
    expect(p.yTicks[4]!.y).toBeCloseTo(p.box.top, 6);
    // FIXTURE_END is 20:00 in Beijing; a one-hour window ticks every 10 minutes.
    // 19:00 is the window's left edge: centred there it would sit under the "0%" label.
    expect(p.xLabels.map((l) => l.text)).toEqual(['19:10', '19:20', '19:30', '19:40', '19:50', '20:00']);
    expect(formatTime(Date.UTC(2026, 0, 1, 16, 5))).toBe('00:05');
  });

  it('never lets time labels overlap or leave the canvas, however narrow the chart', () => {
    for (const width of [260, 400, 900, 1800]) {
      const size = { width, height: 300, u: width > 1000 ? 2 : 1 };
      const p = buildTrendPlot(fixture, darkTheme, size);
      let right = -Infinity;
      for (const l of p.xLabels) {
        const half = estimateText(l.text, p.font.px) / 2;
        expect(l.x - half).toBeGreaterThan(right);
        expect(l.x - half).toBeGreaterThanOrEqual(p.box.left - p.labelGap);
        expect(l.x + half).toBeLessThanOrEqual(width);
        right = l.x + half;
      }
    }
  });

  it('leaves room left of the box for the widest value label', () => {
    const wide = (text: string, px: number): number => (text === '100%' ? 80 : 20) * (px / DESIGN.axisFont);
    const p = buildTrendPlot(fixture, darkTheme, at1080, wide);
    expect(p.box.left).toBeCloseTo(DESIGN.gridSide + 80 + p.labelGap, 6);
  });

  it('scales fonts, strokes and margins with u, so 4K text is drawn at 4K size', () => {
    const a = buildTrendPlot(multiFixture, darkTheme, at1080);
    const b = buildTrendPlot(multiFixture, darkTheme, at4k);
    expect(a.font.px).toBe(DESIGN.axisFont);
    expect(b.font.px).toBe(DESIGN.axisFont * 2);
    expect(b.lines[0]!.width).toBe(a.lines[0]!.width * 2);
    expect(b.box.top).toBe(a.box.top * 2);
    expect(buildTrendLegend(multiFixture, darkTheme, at4k)?.font).toBe(DESIGN.legendFont * 2);
    expect(buildTrendLegend(multiFixture, darkTheme, at4k)?.markWidth).toBe(buildTrendLegend(multiFixture, darkTheme, at1080)!.markWidth * 2);
  });

  it('shows a legend and a threshold line only when there is something to tell apart', () => {
    expect(buildTrendLegend(fixture, darkTheme, at1080)).toBeNull();
    expect(buildTrendPlot(fixture, darkTheme, at1080).threshold).toBeNull();
    const multi = buildTrendPlot(multiFixture, darkTheme, at1080);
    const legend = buildTrendLegend(multiFixture, darkTheme, at1080)!;
    expect(legend.items.map((i) => i.name)).toEqual(['5G 基站', '智能杆', '充电桩']);
    // Each legend mark has its line's colour, and the colours differ.
    expect(legend.items.map((i) => i.color)).toEqual(multi.lines.map((l) => l.color));
    expect(new Set(multi.lines.map((l) => l.color)).size).toBe(3);
    // The threshold sits at its value on the axis, inside the box: 97 % below the 97.8–99.1 % lines.
    const th = multi.threshold!;
    expect(th.label).toBe('预警 97%');
    expect(th.y).toBeGreaterThan(Math.max(...multi.lines.flatMap((l) => l.xy.filter((_, i) => i % 2 === 1))));
    expect(th.y).toBeLessThanOrEqual(multi.box.bottom);
    expect(th.y).toBeGreaterThanOrEqual(multi.box.top);
    // The shorter series starts later: its first point is right of the others'.
    expect(multi.lines[2]!.xy[0]).toBeGreaterThan(multi.lines[0]!.xy[0]!);
  });

  it('handles a series that has no points yet without NaN, and keeps the window once an end is pinned', () => {
    const p = buildTrendPlot(emptyFixture, darkTheme, at1080);
    expect(p.lines[0]!.xy).toEqual([]);
    expect(p.xLabels).toEqual([]);
    expect(numbers(p).every(Number.isFinite)).toBe(true);
    const pinned = buildTrendPlot({ ...emptyFixture, end: FIXTURE_END }, darkTheme, at1080);
    expect(pinned.xLabels.map((l) => l.text)).toContain('19:30');
    expect(numbers(buildTrendPlot(multiFixture, darkTheme, at4k)).every(Number.isFinite)).toBe(true);
  });

  it('never prints the same value label twice on a free axis (the "99.0 %" ×3 defect)', () => {
    const tight = {
      ...multiFixture,
      series: multiFixture.series.map((s, i) => ({ ...s, points: s.points.map(([t]) => [t, 99.02 + i * 0.02] as [number, number]) })),
    };
    for (const data of [multiFixture, tight, { ...tight, minSpan: 0.04 }]) {
      const labels = labelsOf(buildTrendPlot(data, darkTheme, at1080));
      expect(labels.length).toBeGreaterThanOrEqual(2);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it('keeps a minimum span and the ceiling, so noise near 100 % does not fill the plot', () => {
    const near = { ...multiFixture, minSpan: 1, yMax: 100, series: [{ id: 'a', name: 'a', points: [[0, 99.9] as [number, number], [1, 99.95] as [number, number]] }] };
    const labels = labelsOf(buildTrendPlot(near, darkTheme, at1080)).map((t) => Number.parseFloat(t));
    expect(Math.max(...labels)).toBe(100);
    expect(Math.max(...labels) - Math.min(...labels)).toBeGreaterThanOrEqual(1);
  });
});

describe('timeTicks', () => {
  it('ticks on round Beijing minutes, about as many as asked', () => {
    const ticks = timeTicks(FIXTURE_END - 3_600_000 + 1, FIXTURE_END, 6);
    expect(ticks.map(formatTime)).toEqual(['19:10', '19:20', '19:30', '19:40', '19:50', '20:00']);
    // A six-hour window steps by the hour, on local hours.
    expect(timeTicks(FIXTURE_END - 6 * 3_600_000, FIXTURE_END, 6).map(formatTime)).toEqual(['14:00', '15:00', '16:00', '17:00', '18:00', '19:00', '20:00']);
    expect(timeTicks(5, 5, 6)).toEqual([]);
  });
});

describe('smoothControls', () => {
  it('bends through the points without leaving their bounding box, and is straight for two points', () => {
    const xy = [0, 0, 10, 10, 20, 0, 30, 10, 40, 40];
    const c = smoothControls(xy, 0.25);
    expect(c).toHaveLength(4 * 4);
    for (let i = 0; i < c.length; i += 2) {
      expect(c[i]).toBeGreaterThanOrEqual(0);
      expect(c[i]).toBeLessThanOrEqual(40);
      expect(c[i + 1]).toBeGreaterThanOrEqual(0);
      expect(c[i + 1]).toBeLessThanOrEqual(40);
    }
    // A middle point's two control points lie on one tangent through it (a smooth joint).
    const [bx, by] = [c[2 * 4 - 2]!, c[2 * 4 - 1]!]; // before point 2
    const [ax, ay] = [c[2 * 4]!, c[2 * 4 + 1]!]; // after point 2
    expect((by - 0) * (ax - 20)).toBeCloseTo((ay - 0) * (bx - 20), 6);
    expect(smoothControls([0, 0, 10, 5], 0.25)).toEqual([0, 0, 10, 5]);
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
