import { describe, expect, it } from 'vitest';
import type { ScatterSeriesOption } from 'echarts/charts';
import { SUBDISTRICTS } from '@futian/shared';
import { darkTheme } from '../../theme/theme';
import { fixture } from './fixture';
import { aspectScaleFor, bboxOf, groupByPosition, isZoneCentre, shortParkName } from './geometry';
import { buildMapOption as buildFrame, DESIGN, domainT, frameOf, rampColor, RAMPS, sameFrame, sameMapData, type DistrictMapData } from './option';

/** The ECharts frame of a full data set, as Component.vue builds it. */
const buildMapOption = (d: DistrictMapData, theme: typeof darkTheme, size: { width: number; height: number; u: number }) => buildFrame(frameOf(d), theme, size);

const at1080 = { width: 800, height: 600, u: 1 };
const at4k = { width: 1600, height: 1200, u: 2 };

interface GeoOut {
  map: string;
  boundingCoords: unknown;
  aspectScale: number;
  roam: boolean;
  regions: Array<{ name: string; itemStyle: { areaColor: string; borderWidth: number; opacity: number } }>;
}
const geoOf = (o: ReturnType<typeof buildMapOption>): GeoOut => (o as unknown as { geo: GeoOut }).geo;
const seriesOf = (o: ReturnType<typeof buildMapOption>, id: string): ScatterSeriesOption =>
  ((o as unknown as { series: ScatterSeriesOption[] }).series.find((s) => s.id === id))!;
type Item = { id: string; value: number[]; symbolSize: number; label: { show: boolean; formatter?: string }; itemStyle: { borderColor: string; color: string } };

describe('buildMapOption', () => {
  it('outlines all 10 sub-districts of the registered map and leaves their areas to the fill canvas', () => {
    const g = geoOf(buildMapOption(fixture, darkTheme, at1080));
    expect(g.map).toBe('futian');
    expect(g.roam).toBe(false);
    expect(g.regions.map((r) => r.name)).toEqual(SUBDISTRICTS.map((s) => s.zh));
    // Transparent, still hit-tested for clicks: the density colours are layers.ts's.
    expect(new Set(g.regions.map((r) => r.itemStyle.areaColor))).toEqual(new Set(['rgba(0, 0, 0, 0)']));
  });

  it('fits the view it is given and keeps the true east-west scale', () => {
    const g = geoOf(buildMapOption(fixture, darkTheme, at1080));
    expect(g.boundingCoords).toEqual(fixture.view);
    expect(g.aspectScale).toBeCloseTo(0.9236, 3);
  });

  it('outlines the drilled-down region and dims the others', () => {
    const g = geoOf(buildMapOption({ ...fixture, selected: '香蜜湖街道' }, darkTheme, at1080));
    const sel = g.regions.find((r) => r.name === '香蜜湖街道')!;
    const other = g.regions.find((r) => r.name === '南园街道')!;
    expect(sel.itemStyle.borderWidth).toBe(DESIGN.selectedBorder);
    expect(sel.itemStyle.opacity).toBe(1);
    expect(other.itemStyle.opacity).toBeLessThan(1);
  });

  it('draws a cluster as one marker labelled with its park count', () => {
    const data = seriesOf(buildMapOption(fixture, darkTheme, at1080), 'parks').data as Item[];
    expect(data).toHaveLength(3);
    const c = data.find((d) => d.id === 'c1')!;
    expect(c.label.show).toBe(true);
    expect(c.label.formatter).toBe('4');
    expect(c.symbolSize).toBe(DESIGN.cluster);
  });

  it('has no fault series: the markers are the canvas over the geo', () => {
    expect(seriesOf(buildMapOption(fixture, darkTheme, at1080), 'faults')).toBeUndefined();
  });

  it('scales markers and strokes with u', () => {
    const a = seriesOf(buildMapOption(fixture, darkTheme, at1080), 'parks').data as Item[];
    const b = seriesOf(buildMapOption(fixture, darkTheme, at4k), 'parks').data as Item[];
    expect(b[0]!.symbolSize).toBe(a[0]!.symbolSize * 2);
    expect(geoOf(buildMapOption(fixture, darkTheme, at4k)).regions[0]!.itemStyle.borderWidth).toBe(DESIGN.border * 2);
  });

  it('does not animate and never emits NaN', () => {
    const o = buildMapOption({ ...fixture, domain: { min: 5, max: 5 } }, darkTheme, at1080);
    expect((o as { animation?: boolean }).animation).toBe(false);
    expect(JSON.stringify(o)).not.toContain('NaN');
  });
});

describe('ramp and domain', () => {
  it('interpolates between stops and clamps', () => {
    expect(rampColor('alert', -1)).toBe(rampColor('alert', 0));
    expect(rampColor('alert', 2)).toBe(rampColor('alert', 1));
    expect(rampColor('cool', 0)).toBe('rgb(11, 42, 74)');
    expect(RAMPS.cool).toHaveLength(5);
    expect(domainT(null, { min: 0, max: 1 })).toBeNull();
    expect(domainT(5, { min: 0, max: 10 })).toBe(0.5);
  });
});

describe('geometry', () => {
  const square = (x: number, y: number) => ({
    properties: {},
    geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] },
  });

  it('bounds polygons and multipolygons, padded', () => {
    const multi = { properties: {}, geometry: { type: 'MultiPolygon', coordinates: [square(5, 5).geometry.coordinates] } };
    expect(bboxOf([square(0, 0), multi])).toEqual([
      [0, 6],
      [6, 0],
    ]);
    expect(bboxOf([square(0, 0)], 0.1)).toEqual([
      [-0.1, 1.1],
      [1.1, -0.1],
    ]);
    expect(bboxOf([])).toBeNull();
    expect(aspectScaleFor([[0, 60], [1, 60]])).toBeCloseTo(0.5, 6);
  });

  it('groups parks on one spot and keeps the zone centre as the anchor, not a park', () => {
    const at = { lng: 114.041903, lat: 22.51474, zone: '福田保税区', subdistrict: '福保街道', accuracy: '' };
    const groups = groupByPosition([
      { ...at, name: '福田保税区(中心)' },
      { ...at, name: '深港国际科技园' },
      { ...at, name: '深港金融科技城(湾区国际金融科技城)' },
      { ...at, name: '高新技术创业中心保税区基地' },
      { ...at, name: '深圳福田国际互联网金融产业园' },
      { ...at, lng: 114.0559, name: '新一代产业园(中康路136号)' },
    ]);
    expect(groups).toHaveLength(2);
    expect(groups[0]!.anchor?.name).toBe('福田保税区(中心)');
    expect(groups[0]!.parks).toHaveLength(4);
    expect(isZoneCentre('梅林—彩田片区(中心)')).toBe(true);
    expect(isZoneCentre('高新技术创业中心保税区基地')).toBe(false);
    expect(shortParkName('新一代产业园(中康路136号)')).toBe('新一代产业园');
  });
});

describe('callouts and labels', () => {
  it('moves a label off a nearby marker, and leaves the others', async () => {
    const { nudge } = await import('./geometry');
    expect(nudge([100, 100], [[110, 105]], 30, 40)).toEqual([140, 100]);
    expect(nudge([100, 100], [[200, 200]], 30, 40)).toEqual([100, 100]);
  });
});

describe('sameMapData', () => {
  it('treats sub-display changes as the same picture and real ones as different', async () => {
    const { sameMapData } = await import('./option');
    const moved = { ...fixture, regions: fixture.regions.map((r) => ({ ...r, value: r.value === null ? null : r.value + 0.01 })) };
    expect(sameMapData(fixture, moved)).toBe(true);
    const changed = { ...fixture, regions: fixture.regions.map((r, i) => ({ ...r, value: i === 0 ? 99 : r.value })) };
    expect(sameMapData(fixture, changed)).toBe(false);
    expect(sameMapData(fixture, { ...fixture, selected: '南园街道' })).toBe(false);
    const aged = { ...fixture, faults: fixture.faults.map((f) => ({ ...f, ageMs: f.ageMs + 120_000 })) };
    expect(sameMapData(fixture, aged)).toBe(false);
    expect(sameMapData(fixture, { ...fixture, faults: fixture.faults.map((f) => ({ ...f, ageMs: f.ageMs + 1_000 })) })).toBe(true);
  });
});

describe('alarmed regions', () => {
  it('leaves the alarm ring to the fault canvas: ECharts rings only the selection, and an alarm is not a new frame', () => {
    const data = { ...fixture, selected: fixture.regions[0]!.name, alarmed: [fixture.regions[1]!.name] };
    const o = buildMapOption(data, darkTheme, { width: 800, height: 600, u: 1 }) as unknown as {
      geo: { regions: Array<{ name: string; itemStyle: { borderColor: string; opacity: number } }> };
    };
    const byName = new Map(o.geo.regions.map((r) => [r.name, r.itemStyle]));
    expect(byName.get(fixture.regions[0]!.name)?.borderColor).toBe(darkTheme.accent);
    expect(byName.get(fixture.regions[1]!.name)?.borderColor).not.toBe(darkTheme.status.fault);
    expect(byName.get(fixture.regions[2]!.name)?.opacity).toBe(0.4);
    // The fault feed raises and clears alarms all day; none of that may redraw ECharts.
    expect(sameFrame(frameOf(data), frameOf({ ...data, alarmed: [] }))).toBe(true);
  });

  it('counts a change of alarmed regions as a visible change', () => {
    expect(sameMapData({ ...fixture, alarmed: [] }, { ...fixture, alarmed: ['香蜜湖街道'] })).toBe(false);
    expect(sameMapData({ ...fixture, alarmed: ['香蜜湖街道'] }, { ...fixture, alarmed: ['香蜜湖街道'] })).toBe(true);
  });
});

describe('frameOf and sameFrame', () => {
  it('ignores values, faults and alarms, and sees selection, view and parks', () => {
    const f = frameOf(fixture);
    const moved = { ...fixture, regions: fixture.regions.map((r) => ({ ...r, value: 1 })), faults: [], ramp: 'alert' as const };
    expect(sameFrame(f, frameOf(moved))).toBe(true);
    expect(sameFrame(f, frameOf({ ...fixture, selected: '南园街道' }))).toBe(false);
    expect(sameFrame(f, frameOf({ ...fixture, alarmed: ['南园街道'] }))).toBe(true);
    expect(sameFrame(f, frameOf({ ...fixture, view: [[114, 22.6], [114.1, 22.5]] }))).toBe(false);
    expect(sameFrame(f, frameOf({ ...fixture, points: [] }))).toBe(false);
  });
});
