import { describe, expect, it } from 'vitest';
import { SUBDISTRICTS } from '@futian/shared';
import { darkTheme } from '../../theme/theme';
import { fixture } from './fixture';
import { regionShapes } from './geometry';
import { buildMapLayers, projectionFrom, sameProjection, type Projection } from './layers';
import { DESIGN, rampColor } from './option';

const at1080 = { width: 800, height: 600, u: 1 };
const at4k = { width: 1600, height: 1200, u: 2 };
/** The fixture's extent, 113.98–114.10 E × 22.50–22.59 N, onto 800 × 600 px. */
const proj: Projection = projectionFrom([113.98, 22.59], [0, 0], [114.1, 22.5], [800, 600])!;

describe('projectionFrom', () => {
  it('recovers the affine map through two points and refuses degenerate ones', () => {
    expect(proj.sx).toBeCloseTo(800 / 0.12, 6);
    expect(proj.sy).toBeCloseTo(-600 / 0.09, 6);
    expect(proj.sx * 114.04 + proj.tx).toBeCloseTo(400, 6);
    expect(proj.sy * 22.545 + proj.ty).toBeCloseTo(300, 6);
    expect(projectionFrom([114, 22.5], [0, 0], [114, 22.6], [10, 10])).toBeNull();
    expect(projectionFrom([114, 22.5], undefined, [114.1, 22.6], [10, 10])).toBeNull();
    expect(projectionFrom([114, 22.5], [0, 0], [114.1, 22.6], [Number.NaN, 10])).toBeNull();
  });

  it('treats a sub-pixel difference as the same projection', () => {
    expect(sameProjection(proj, { ...proj, tx: proj.tx + 0.001 })).toBe(true);
    expect(sameProjection(proj, { ...proj, tx: proj.tx + 1 })).toBe(false);
    expect(sameProjection(proj, { ...proj, sx: proj.sx * 1.01 })).toBe(false);
    expect(sameProjection(null, proj)).toBe(false);
    expect(sameProjection(null, null)).toBe(true);
  });
});

describe('regionShapes', () => {
  it('keeps polygons and multipolygons with their holes, relative to the south-west corner', () => {
    const shapes = regionShapes([
      { properties: { name: 'a' }, geometry: { type: 'Polygon', coordinates: [[[114, 22.5], [114.1, 22.5], [114.1, 22.6], [114, 22.5]], [[114.02, 22.52], [114.03, 22.52], [114.03, 22.53], [114.02, 22.52]]] } },
      { properties: { name: 'b' }, geometry: { type: 'MultiPolygon', coordinates: [[[[113.9, 22.4], [114, 22.4], [114, 22.5], [113.9, 22.4]]]] } },
      { properties: { name: 'c' }, geometry: { type: 'Point', coordinates: [114, 22.5] } },
    ]);
    expect(shapes.origin).toEqual([113.9, 22.4]);
    expect([...shapes.byName.keys()]).toEqual(['a', 'b']);
    expect(shapes.byName.get('a')).toHaveLength(2);
    const b = shapes.byName.get('b')![0]!;
    expect(b[0]).toBeCloseTo(0, 12);
    expect(b[2]).toBeCloseTo(0.1, 12);
  });
});

describe('buildMapLayers', () => {
  it('paints nothing until the geo has reported its projection', () => {
    const l = buildMapLayers(fixture, darkTheme, at1080, null);
    expect(l.transform).toBeNull();
    expect(l.fills).toEqual([]);
    expect(l.faults).toEqual([]);
  });

  it('fills every region on the ramp within the domain, no data in grey', () => {
    const l = buildMapLayers(fixture, darkTheme, at1080, proj);
    expect(l.fills.map((f) => f.name)).toEqual(SUBDISTRICTS.map((s) => s.zh));
    expect(l.fills[3]!.color).toMatch(/^rgba\(148/);
    expect(l.fills[0]!.color).toBe(rampColor('cool', 0));
    expect(l.fills[9]!.color).toBe(rampColor('cool', 1));
    expect(new Set(l.fills.map((f) => f.color)).size).toBe(10);
    expect(l.fills.every((f) => f.alpha === 1)).toBe(true);
    expect(buildMapLayers({ ...fixture, ramp: 'alert' }, darkTheme, at1080, proj).fills[0]!.color).toBe(rampColor('alert', 0));
  });

  it('places shape coordinates where the projection puts lng/lat', () => {
    const l = buildMapLayers(fixture, darkTheme, at1080, proj);
    const [a, d, e, f] = l.transform!;
    const [ox, oy] = fixture.shapes.origin;
    // The first cell's north-west corner is the extent's: (0, 0) on the canvas.
    const ring = fixture.shapes.byName.get(SUBDISTRICTS[0]!.zh)![0]!;
    expect(ring[0]! + ox).toBeCloseTo(113.98, 9);
    expect(a * ring[0]! + e).toBeCloseTo(0, 6);
    expect(d * ring[1]! + f).toBeCloseTo(0, 6);
    expect(oy).toBeCloseTo(22.5, 9);
  });

  it('dims the regions around a drill-down, never an alarmed one', () => {
    const l = buildMapLayers({ ...fixture, selected: SUBDISTRICTS[0]!.zh, alarmed: [SUBDISTRICTS[1]!.zh] }, darkTheme, at1080, proj);
    const alpha = new Map(l.fills.map((f) => [f.name, f.alpha]));
    expect(alpha.get(SUBDISTRICTS[0]!.zh)).toBe(1);
    expect(alpha.get(SUBDISTRICTS[1]!.zh)).toBe(1);
    expect(alpha.get(SUBDISTRICTS[2]!.zh)).toBe(0.4);
  });

  it('rings alarmed regions in the fault colour, scaled with u, and nothing else', () => {
    const l = buildMapLayers({ ...fixture, selected: SUBDISTRICTS[0]!.zh, alarmed: [SUBDISTRICTS[1]!.zh, '不存在街道'] }, darkTheme, at1080, proj);
    // A name the boundary file lacks has no outline to draw.
    expect(l.alarms.map((a) => a.name)).toEqual([SUBDISTRICTS[1]!.zh]);
    const ring = l.alarms[0]!;
    expect(ring.color).toBe(darkTheme.status.fault);
    expect(ring.rings).toBe(fixture.shapes.byName.get(SUBDISTRICTS[1]!.zh));
    expect(ring.width).toBe(DESIGN.selectedBorder);
    expect(buildMapLayers({ ...fixture, alarmed: [SUBDISTRICTS[1]!.zh] }, darkTheme, at4k, proj).alarms[0]!.width).toBe(DESIGN.selectedBorder * 2);
    expect(buildMapLayers(fixture, darkTheme, at1080, proj).alarms).toEqual([]);
    // No projection yet: nothing is painted, rings included.
    expect(buildMapLayers({ ...fixture, alarmed: [SUBDISTRICTS[1]!.zh] }, darkTheme, at1080, null).alarms).toEqual([]);
  });

  it('draws faults worst-last at their projected spot, fresh ones larger, filled and glowing', () => {
    const l = buildMapLayers(fixture, darkTheme, at1080, proj);
    // Fixture faults: 1 fresh fault, 2 old offline, 3 old silent; 1 and 3 share a spot.
    expect(l.faults.map((f) => f.stroke)).toEqual([darkTheme.status.offline, darkTheme.status.silent, darkTheme.status.fault]);
    const fresh = l.faults[2]!;
    expect(fresh.r).toBe(DESIGN.faultFresh / 2);
    expect(fresh.fill).toBe(darkTheme.status.fault);
    expect(fresh.glow).toBeGreaterThan(0);
    expect(fresh.x).toBeCloseTo(proj.sx * 114.07 + proj.tx, 6);
    expect(fresh.y).toBeCloseTo(proj.sy * 22.53 + proj.ty, 6);
    const old = l.faults[0]!;
    expect(old.r).toBe(DESIGN.fault / 2);
    expect(old.fill).toBeNull();
    expect(old.glow).toBe(0);
  });

  it('scales markers with u, and never emits NaN', () => {
    const a = buildMapLayers(fixture, darkTheme, at1080, proj).faults;
    const b = buildMapLayers(fixture, darkTheme, at4k, proj).faults;
    expect(b[0]!.r).toBe(a[0]!.r * 2);
    expect(b[0]!.width).toBe(a[0]!.width * 2);
    const flat = buildMapLayers({ ...fixture, domain: { min: 5, max: 5 } }, darkTheme, at1080, proj);
    expect(JSON.stringify({ ...flat, fills: flat.fills.map((f) => ({ ...f, rings: [] })) })).not.toContain('NaN');
  });
});
