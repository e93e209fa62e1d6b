/**
 * The industry-map layers. Boundaries come from the server (GET
 * /api/v1/geo/subdistricts serves the file named by WALL_GEO_FILE), not from the
 * bundle, so a deployment swaps in the district's surveyed boundaries without a
 * rebuild. Loaded once per page and registered with ECharts as FUTIAN_MAP.
 */
import { readHeaders } from '../context/read-auth';
import { echarts } from './echarts-extra';

export const FUTIAN_MAP = 'futian';

export interface GeoFeature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

export interface GeoCollection {
  type: 'FeatureCollection';
  features: GeoFeature[];
}

export interface ParkPoint {
  name: string;
  zone: string;
  subdistrict: string;
  lng: number;
  lat: number;
  /** The file's own accuracy note, shown on the wall: positions are approximate. */
  accuracy: string;
}

export interface GeoLayers {
  boundaries: GeoCollection;
  parks: ParkPoint[];
  /** Region names as ECharts matches them (the `name` property, e.g. 香蜜湖街道). */
  regions: string[];
}

let pending: Promise<GeoLayers> | null = null;

async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: 'no-cache', headers: readHeaders() });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export function loadGeo(base = ''): Promise<GeoLayers> {
  pending ??= (async () => {
    const [boundaries, parksFc] = await Promise.all([
      fetchJson<GeoCollection>(`${base}/api/v1/geo/subdistricts`),
      fetchJson<GeoCollection>(`${base}/api/v1/geo/parks`),
    ]);
    // ECharts' GeoJSON typing is narrower than real files; the server validated the shape.
    echarts.registerMap(FUTIAN_MAP, boundaries as unknown as Parameters<typeof echarts.registerMap>[1]);
    const parks: ParkPoint[] = parksFc.features.map((f) => {
      const p = f.properties;
      const [lng, lat] = f.geometry.coordinates as [number, number];
      return {
        name: String(p.name ?? ''),
        zone: String(p.zone ?? ''),
        subdistrict: String(p.subdistrict ?? ''),
        lng,
        lat,
        accuracy: String(p.accuracy ?? ''),
      };
    });
    return { boundaries, parks, regions: boundaries.features.map((f) => String(f.properties.name)) };
  })().catch((err: unknown) => {
    // Let the next caller retry (the server may have been restarting).
    pending = null;
    throw err;
  });
  return pending;
}
