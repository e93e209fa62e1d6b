import { describe, expect, it } from 'vitest';
import type { MapSeriesOption } from 'echarts/charts';
import { darkTheme } from '../../theme/theme';
import { ASPECT, buildChoroplethLegend, buildChoroplethOption, DESIGN, labelsToHide, NO_VALUE_FILL } from './option';
import { GROWTH_RAMP, niceBounds, rampColor } from './ramp';
import { bboxAspect, fitBox } from './fit';
import { fixture } from './fixture';

const at1080 = { width: 800, height: 700, u: 1 };
const at4k = { width: 1600, height: 1400, u: 2 };

const seriesOf = (o: ReturnType<typeof buildChoroplethOption>) => (o.series as MapSeriesOption[])[0]!;
const fmt = (o: ReturnType<typeof buildChoroplethOption>, name: string) =>
  (seriesOf(o).label as { formatter: (p: { name: string }) => string }).formatter({ name });

describe('buildChoroplethOption', () => {
  it('gives all ten sub-districts their value on the registered map, matched by boundary-file name', () => {
    const s = seriesOf(buildChoroplethOption(fixture, darkTheme, at1080));
    expect(s.map).toBe('futian');
    const data = s.data as Array<{ name: string; value: number }>;
    expect(data).toHaveLength(10);
    expect(data.find((d) => d.name === '香蜜湖街道')?.value).toBe(25.23);
    expect(s.roam).toBe(false);
    expect(s.aspectScale).toBe(ASPECT);
  });

  it('labels each polygon with its short name and signed growth', () => {
    const o = buildChoroplethOption(fixture, darkTheme, at1080);
    expect(fmt(o, '香蜜湖街道')).toBe('{n|香蜜湖}\n{v|+25.2%}');
    expect(fmt(o, '南园街道')).toBe('{n|南园}\n{v|+9.1%}');
    expect(fmt(o, '不存在街道')).toBe('');
  });

  it('colours each region from the ramp shared with the bars, over the given bounds', () => {
    const o = buildChoroplethOption(fixture, darkTheme, at1080);
    const data = seriesOf(o).data as Array<{ name: string; value: number; itemStyle?: { areaColor: string } }>;
    for (const d of data) expect(d.itemStyle?.areaColor).toBe(rampColor(d.value, 5, 30));
    expect(data.find((d) => d.name === '香蜜湖街道')?.itemStyle?.areaColor).toBe(rampColor(25.23, 5, 30));
    // No ECharts visualMap: the legend is DOM (buildChoroplethLegend).
    expect(o).not.toHaveProperty('visualMap');
    const l = buildChoroplethLegend(fixture, darkTheme, at1080);
    expect([l.top, l.bottom]).toEqual(['+30.0%', '+5.0%']);
    expect(l.gradient).toBe(`linear-gradient(to top, ${GROWTH_RAMP.join(', ')})`);
  });

  it('scales fonts, borders and the legend with u', () => {
    const a = buildChoroplethOption(fixture, darkTheme, at1080);
    const b = buildChoroplethOption(fixture, darkTheme, at4k);
    const rich = (o: typeof a) => (seriesOf(o).label as { rich: { v: { fontSize: number } } }).rich.v.fontSize;
    expect(rich(a)).toBe(DESIGN.valueFont);
    expect(rich(b)).toBe(DESIGN.valueFont * 2);
    expect((seriesOf(b).itemStyle as { borderWidth: number }).borderWidth).toBe(DESIGN.border * 2);
    expect(buildChoroplethLegend(fixture, darkTheme, at4k).height).toBe(DESIGN.legendHeight * 2);
    expect(buildChoroplethLegend(fixture, darkTheme, at4k).font).toBe(DESIGN.legendFont * 2);
    // A short tile gets a short scale, never under 40 design px.
    expect(buildChoroplethLegend(fixture, darkTheme, { width: 800, height: 100, u: 1 }).height).toBe(40);
  });

  it('draws a region without a value in neutral grey and prints a dash, never NaN', () => {
    const gap = { ...fixture, regions: fixture.regions.map((r, i) => (i === 0 ? { ...r, value: null } : r)) };
    const o = buildChoroplethOption(gap, darkTheme, at1080);
    const first = (seriesOf(o).data as Array<{ value: unknown; itemStyle?: unknown }>)[0]!;
    expect(first.value).toBe('-');
    // Drawn in the series' neutral fill, not a ramp colour.
    expect(first.itemStyle).toBeUndefined();
    expect((seriesOf(o).itemStyle as { areaColor: string }).areaColor).toBe(NO_VALUE_FILL);
    expect(fmt(o, '南园街道')).toBe('{n|南园}\n{v|—}');
    expect(JSON.stringify(o)).not.toContain('NaN');
    const none = buildChoroplethOption({ ...fixture, regions: [] }, darkTheme, at1080);
    expect(seriesOf(none).data).toEqual([]);
  });
});

describe('rampColor and niceBounds', () => {
  it('hits the ramp ends and interpolates between stops', () => {
    expect(rampColor(5, 5, 30)).toBe(GROWTH_RAMP[0]);
    expect(rampColor(30, 5, 30)).toBe(GROWTH_RAMP[4]);
    expect(rampColor(99, 5, 30)).toBe(GROWTH_RAMP[4]);
    expect(rampColor(11.25, 5, 30)).toBe(GROWTH_RAMP[1]);
    expect(rampColor(0, 0, 0, ['#000000', '#ffffff'])).toBe('#ffffff');
    expect(rampColor(0.5, 0, 1, ['#000000', '#ffffff'])).toBe('#808080');
  });

  it('rounds the scale outward to steps of five', () => {
    expect(niceBounds([9.08, 25.23, 6.8])).toEqual({ min: 5, max: 30 });
    expect(niceBounds([])).toEqual({ min: 0, max: 5 });
    expect(niceBounds([10, 10])).toEqual({ min: 10, max: 15 });
  });
});

describe('map placement', () => {
  it('keeps the district shape in a wide, short tile: centred, sized by the height', () => {
    const s = seriesOf(buildChoroplethOption({ ...fixture, aspect: 1.5 }, darkTheme, { width: 1000, height: 300, u: 1 }));
    const pad = DESIGN.pad;
    const h = 300 - 2 * pad;
    expect(s.layoutSize).toBeCloseTo(h * 1.5);
    expect(s.layoutCenter).toEqual([DESIGN.pad + DESIGN.legendWidth + 44 + (1000 - (DESIGN.pad + DESIGN.legendWidth + 44) - pad) / 2, pad + h / 2]);
    expect(s.left).toBeUndefined();
  });

  it('shrinks labels on a small map, never below the wall\'s 14 design px, and keeps them full size on a large one', () => {
    const v = (o: ReturnType<typeof buildChoroplethOption>) => (seriesOf(o).label as { rich: { v: { fontSize: number } } }).rich.v.fontSize;
    const big = buildChoroplethOption({ ...fixture, aspect: 1.5 }, darkTheme, { width: 1200, height: 800, u: 1 });
    expect(v(big)).toBe(DESIGN.valueFont);
    // A 4K column tile: the map's longer side is 336 real px at u = 2, i.e. 168 design px.
    const small = buildChoroplethOption({ ...fixture, aspect: 1.5 }, darkTheme, { width: 1500, height: 248, u: 2 });
    // It once went down to 60 % (9.6 design px for the names: issue #41); 14 is the floor.
    expect(v(small)).toBeCloseTo(DESIGN.valueFont * 2 * (14 / DESIGN.nameFont));
    const n = (seriesOf(small).label as { rich: { n: { fontSize: number } } }).rich.n.fontSize;
    expect(n).toBeCloseTo(14 * 2);
    const mid = buildChoroplethOption({ ...fixture, aspect: 1.5 }, darkTheme, { width: 1500, height: 24 + 420 / 1.5, u: 1 });
    expect(v(mid)).toBeCloseTo(DESIGN.valueFont * Math.max(14 / DESIGN.nameFont, 420 / DESIGN.fullLabelsAt));
  });

  it('fills the padded box when the aspect is unknown', () => {
    const s = seriesOf(buildChoroplethOption(fixture, darkTheme, at1080));
    expect(s.layoutSize).toBeUndefined();
    expect([s.left, s.right, s.top, s.bottom]).toEqual([DESIGN.pad + DESIGN.legendWidth + 44, DESIGN.pad, DESIGN.pad, DESIGN.pad]);
  });
});

describe('bboxAspect and fitBox', () => {
  it('measures a FeatureCollection through nested polygons', () => {
    const fc = {
      features: [
        { geometry: { coordinates: [[[0, 0], [2, 0], [2, 1], [0, 0]]] } },
        { geometry: { coordinates: [[[[3, 0.5], [4, 0.5], [4, 2], [3, 0.5]]]] } },
      ],
    };
    expect(bboxAspect(fc, 1)).toBe(2);
    expect(bboxAspect(fc, 0.5)).toBe(1);
    expect(bboxAspect({ features: [] }, 1)).toBeNull();
  });

  it('fits by width in a tall box and by height in a wide one', () => {
    const pad = { left: 0, right: 0, top: 0, bottom: 0 };
    expect(fitBox(200, 1000, pad, 2)).toEqual({ center: [100, 500], size: 200 });
    expect(fitBox(1000, 200, pad, 2)).toEqual({ center: [500, 100], size: 400 });
    expect(fitBox(1000, 200, pad, 0.5).size).toBe(200);
  });
});

describe('colour scale in a short tile', () => {
  it('shrinks so its end labels stay on the canvas', () => {
    const short = buildChoroplethLegend(fixture, darkTheme, { width: 600, height: 150, u: 1 });
    expect(short.height).toBe(150 - 2 * DESIGN.pad - 44);
    // Bar, both labels and their gaps fit in the box.
    expect(short.bottomOffset + short.height + short.font + short.gap).toBeLessThanOrEqual(150);
    const tall = buildChoroplethLegend(fixture, darkTheme, { width: 600, height: 150 * 2, u: 2 });
    expect(tall.height).toBe((150 - 2 * DESIGN.pad - 44) * 2);
  });
});

describe('labels that would collide (issue #41: ECharts drew a small map\'s labels over each other)', () => {
  const box = (name: string, x: number, y: number) => ({ name, x, y, width: 60, height: 36 });
  it('leaves off the fewest labels so that none is drawn over another', () => {
    // 华富 sits between 园岭 and 华强北, which do not touch each other.
    expect(labelsToHide([box('园岭', 100, 100), box('华富', 140, 110), box('华强北', 180, 120), box('梅林', 400, 100)])).toEqual(['华富']);
    expect(labelsToHide([box('梅林', 0, 0), box('福田', 200, 200)])).toEqual([]);
  });

  it('turns the labels it is told to hide off in the option, and only those', () => {
    const s = seriesOf(buildChoroplethOption({ ...fixture, hideLabels: ['华富街道'] }, darkTheme, at1080));
    const data = s.data as Array<{ name: string; label?: { show: boolean } }>;
    expect(data.find((d) => d.name === '华富街道')?.label).toEqual({ show: false });
    expect(data.filter((d) => d.label !== undefined)).toHaveLength(1);
  });
});
