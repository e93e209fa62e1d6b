import type { BoardConfig, IndustryRegistry } from '@futian/shared';
import { generateRegistry, outlinesOf, type ParkAnchor } from './generate.js';
import { bboxOfOutlines } from './uploaded.js';
import { loadIndustryConfig } from './load.js';

/** Loads config/industry and builds the registry against the geo files the wall draws. */
export interface IndustryBase {
  registry: IndustryRegistry;
  json: string;
  /** What an uploaded enterprise list is placed and checked against. */
  parks: ParkAnchor[];
  boards: BoardConfig;
  bbox: { west: number; east: number; south: number; north: number };
}

export function buildIndustry(dir: string, boards: BoardConfig, geo: { boundaries: string; parks: string }): IndustryBase {
  const parksFc = JSON.parse(geo.parks) as { features: Array<{ properties: Record<string, unknown>; geometry: { coordinates: unknown } }> };
  const parks: ParkAnchor[] = parksFc.features.map((f) => {
    const [lng, lat] = f.geometry.coordinates as [number, number];
    return { name: String(f.properties.name ?? ''), subdistrict: String(f.properties.subdistrict ?? ''), lng, lat };
  });
  const config = loadIndustryConfig(dir, new Set(parks.map((p) => p.name)));
  const outlines = outlinesOf(JSON.parse(geo.boundaries) as Parameters<typeof outlinesOf>[0]);
  const registry = generateRegistry({ config, boards, parks, outlines });
  return { registry, json: JSON.stringify(registry), parks, boards, bbox: bboxOfOutlines(outlines) };
}
