import { SUBDISTRICTS } from '@futian/shared';
import { regionShapes } from './geometry';
import type { DistrictMapData } from './option';

/** The district's extent (from the boundary file), for tests and a widget gallery. */
export const DISTRICT_VIEW: DistrictMapData['view'] = [
  [113.98, 22.59],
  [114.1, 22.5],
];

/**
 * Stand-in outlines for the fill canvas: one cell per sub-district in a 5×2 grid
 * over the district's extent (the browser tests and the wall use the real file).
 */
export const FIXTURE_SHAPES = regionShapes(
  SUBDISTRICTS.map((s, i) => {
    const w = 113.98 + (i % 5) * 0.024;
    const n = 22.59 - Math.floor(i / 5) * 0.045;
    const ring = [[w, n], [w + 0.024, n], [w + 0.024, n - 0.045], [w, n - 0.045], [w, n]];
    return { properties: { name: s.zh }, geometry: { type: 'Polygon', coordinates: [ring] } };
  }),
);

/** Pile density per sub-district, a 5-park set with the 保税区 cluster, and three live faults. */
export const fixture: DistrictMapData = {
  map: 'futian',
  regions: SUBDISTRICTS.map((s, i) => ({ name: s.zh, value: i === 3 ? null : 40 + i * 25 })),
  domain: { min: 40, max: 265 },
  ramp: 'cool',
  points: [
    { id: 'p1', lng: 114.055985, lat: 22.575842, type: 'park' },
    { id: 'z1', lng: 114.054882, lat: 22.570711, type: 'zone' },
    { id: 'c1', lng: 114.041903, lat: 22.51474, type: 'cluster', count: 4 },
  ],
  faults: [
    { id: 1, lng: 114.07, lat: 22.53, kind: 'pile', status: 'fault', ageMs: 5_000 },
    { id: 2, lng: 114.02, lat: 22.55, kind: 'pole', status: 'offline', ageMs: 600_000 },
    { id: 3, lng: 114.07, lat: 22.53, kind: 'bs5g', status: 'silent', ageMs: 120_000 },
  ],
  selected: null,
  view: DISTRICT_VIEW,
  aspectScale: Math.cos((22.545 * Math.PI) / 180),
  shapes: FIXTURE_SHAPES,
};
