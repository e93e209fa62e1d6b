import { SUBDISTRICTS } from '@futian/shared';
import { configFileError, readJsonText } from '../platform/json-file.js';

interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: unknown;
}
interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
}

const isCollection = (v: unknown): v is FeatureCollection =>
  typeof v === 'object' && v !== null && (v as FeatureCollection).type === 'FeatureCollection' && Array.isArray((v as FeatureCollection).features);

/**
 * Loads the boundary and park layers from the configured files, so a deployment
 * can swap in the district's surveyed boundaries without a rebuild. The boundary
 * file must name every sub-district the catalogue knows (ECharts matches regions
 * on `name`), otherwise the map would silently drop a region. It logs nothing:
 * the caller logs once every configuration file has loaded, so that a broken
 * file later in the list is the only thing a failed start prints.
 */
export function loadGeo(boundaryFile: string, parksFile: string): { boundaries: string; parks: string; regions: number } {
  const boundaries = readJsonText(boundaryFile);
  const fc = boundaries.value;
  if (!isCollection(fc)) throw configFileError(boundaryFile, 'not a GeoJSON FeatureCollection');
  const names = new Set(fc.features.map((f) => String(f?.properties?.name ?? '')));
  const missing = SUBDISTRICTS.filter((s) => !names.has(s.zh)).map((s) => s.zh);
  if (missing.length > 0) throw configFileError(boundaryFile, `no polygon for ${missing.join(', ')}`);
  const parks = readJsonText(parksFile);
  if (!isCollection(parks.value)) throw configFileError(parksFile, 'not a GeoJSON FeatureCollection');
  return { boundaries: boundaries.text, parks: parks.text, regions: fc.features.length };
}
