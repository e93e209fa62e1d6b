import { readFileSync } from 'node:fs';
import { SUBDISTRICTS } from '@futian/shared';
import type { Logger } from '../platform/logger.js';

interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: unknown;
}
interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
}

/**
 * Loads the boundary and park layers from the configured files, so a deployment
 * can swap in the district's surveyed boundaries without a rebuild. The boundary
 * file must name every sub-district the catalogue knows (ECharts matches regions
 * on `name`), otherwise the map would silently drop a region.
 */
export function loadGeo(boundaryFile: string, parksFile: string, log: Logger): { boundaries: string; parks: string } {
  const boundaries = readFileSync(boundaryFile, 'utf8');
  const fc = JSON.parse(boundaries) as FeatureCollection;
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new Error(`${boundaryFile}: not a GeoJSON FeatureCollection`);
  }
  const names = new Set(fc.features.map((f) => String(f.properties?.name ?? '')));
  const missing = SUBDISTRICTS.filter((s) => !names.has(s.zh)).map((s) => s.zh);
  if (missing.length > 0) throw new Error(`${boundaryFile}: no polygon for ${missing.join(', ')}`);
  const parks = readFileSync(parksFile, 'utf8');
  JSON.parse(parks);
  log.info({ boundaryFile, regions: fc.features.length, parksFile }, 'geo layers loaded');
  return { boundaries, parks };
}
