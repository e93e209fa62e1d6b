import {
  cellMetric,
  DEVICE_KINDS,
  faultsIn,
  onlineRate,
  statKey,
  SUBDISTRICTS,
  subdistrictByName,
  type DeviceKind,
  type FaultEvent,
  type InfraTable,
  type MetricId,
  type SiteSummary,
  type StatValue,
  type SubDistrict,
} from '@futian/shared';
import type { ParkPoint } from '../../../kit/charts/geo';
import { groupByPosition, isZoneCentre, shortParkName, type ParkGroup } from '../../../kit/widgets/district-map/geometry';
import type { FaultMarker, MapPoint, Ramp, RegionDatum } from '../../../kit/widgets/district-map/option';

/** The map's switchable layers; keys 1–4 select them. */
export const LAYER_IDS = ['bs5g', 'pole', 'pile', 'faults'] as const;
export type LayerId = (typeof LAYER_IDS)[number];

export interface LayerDef {
  id: LayerId;
  /** Device kinds the layer is computed from (its feeds decide freshness and 模拟). */
  kinds: readonly DeviceKind[];
  metric: MetricId;
  ramp: Ramp;
  decimals: number;
}

export const LAYERS: Readonly<Record<LayerId, LayerDef>> = {
  bs5g: { id: 'bs5g', kinds: ['bs5g'], metric: 'infra.bs5g.density', ramp: 'cool', decimals: 0 },
  pole: { id: 'pole', kinds: ['pole'], metric: 'infra.pole.density', ramp: 'cool', decimals: 0 },
  pile: { id: 'pile', kinds: ['pile'], metric: 'infra.pile.density', ramp: 'cool', decimals: 0 },
  faults: { id: 'faults', kinds: DEVICE_KINDS, metric: 'infra.faults', ramp: 'alert', decimals: 0 },
};

export const DEFAULT_LAYER: LayerId = 'pile';

/**
 * A sub-district's value on a layer: registered devices per km² of its polygon
 * (areaFor(adcode) is the polygon area, not the official district area), or the
 * devices in fault right now.
 */
export function layerValue(layer: LayerId, adcode: string, infra: InfraTable | null): number | null {
  if (!infra) return null;
  if (layer === 'faults') return faultsIn(infra, adcode);
  const c = infra[layer][adcode];
  return c ? cellMetric(layer, 'density', adcode, c) : null;
}

/** The district-wide value (official 78.66 km² for densities), printed beside the sub-district ranking. */
export function districtValue(layer: LayerId, infra: InfraTable | null): number | null {
  return layerValue(layer, 'district', infra);
}

/** Parks by zone, for the district view's list (zone centres are the zone itself, not a park). */
export function zonesOf(parks: readonly ParkPoint[]): Array<{ zone: string; parks: string[]; sameSpot: number }> {
  const byZone = new Map<string, string[]>();
  for (const p of parks) {
    const list = byZone.get(p.zone) ?? [];
    if (!isZoneCentre(p.name)) list.push(shortParkName(p.name));
    byZone.set(p.zone, list);
  }
  // Parks drawn as one cluster marker: the list here is the cluster's list when the map is small.
  const sameSpot = new Map<string, number>();
  for (const g of groupByPosition(parks)) {
    if (g.parks.length >= 2) sameSpot.set(g.parks[0]!.zone, (sameSpot.get(g.parks[0]!.zone) ?? 0) + g.parks.length);
  }
  return [...byZone.entries()].map(([zone, list]) => ({ zone, parks: list, sameSpot: sameSpot.get(zone) ?? 0 }));
}

export interface RegionRow {
  sd: SubDistrict;
  value: number | null;
}

/** Every sub-district with its value, in the boundary file's order. */
export function regionRows(layer: LayerId, infra: InfraTable | null): RegionRow[] {
  return SUBDISTRICTS.map((sd) => ({ sd, value: layerValue(layer, sd.adcode, infra) }));
}

export function toRegionData(rows: readonly RegionRow[]): RegionDatum[] {
  return rows.map((r) => ({ name: r.sd.zh, value: r.value }));
}

/** Colour domain: faults start at 0 (none is good news), densities span what is there. */
export function domainOf(layer: LayerId, rows: readonly RegionRow[]): { min: number; max: number } {
  const vs = rows.map((r) => r.value).filter((v): v is number => v !== null && Number.isFinite(v));
  if (vs.length === 0) return { min: 0, max: 1 };
  const max = Math.max(...vs);
  const min = layer === 'faults' ? 0 : Math.min(...vs);
  return { min, max: Math.max(max, min + (layer === 'faults' ? 1 : 1e-9)) };
}

/** Highest first; sub-districts without data last. */
export function ranking(rows: readonly RegionRow[]): RegionRow[] {
  return [...rows].sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
}

export interface ParkLayer {
  points: MapPoint[];
  groups: ParkGroup<ParkPoint>[];
}

/** Map points from the parks file: one marker per position, a cluster where parks share one. */
export function parkLayer(parks: readonly ParkPoint[]): ParkLayer {
  const groups = groupByPosition(parks);
  const points = groups.map((g): MapPoint => {
    const type = g.parks.length >= 2 ? 'cluster' : g.parks.length === 0 ? 'zone' : 'park';
    return { id: g.id, lng: g.lng, lat: g.lat, type, ...(type === 'cluster' ? { count: g.parks.length } : {}) };
  });
  return { points, groups };
}

/** Parks and zones of one sub-district (the file names it by its full name, e.g. 福保街道). */
export function parksIn(parks: readonly ParkPoint[], sd: SubDistrict): Array<{ name: string; zone: string; accuracy: string; centre: boolean }> {
  return parks
    .filter((p) => subdistrictByName(p.subdistrict)?.adcode === sd.adcode)
    .map((p) => ({ name: shortParkName(p.name), zone: p.zone, accuracy: p.accuracy, centre: isZoneCentre(p.name) }));
}

/**
 * Devices not online now, from the fault log: the newest event per device wins,
 * so a device that recovered drops off the map. Events without a registered
 * position cannot be placed and are skipped.
 */
export function faultMarkers(newestFirst: readonly FaultEvent[], now: number, scope: string | null): FaultMarker[] {
  const seen = new Set<string>();
  const out: FaultMarker[] = [];
  for (const e of newestFirst) {
    if (seen.has(e.deviceId)) continue;
    seen.add(e.deviceId);
    if (e.to === 'online' || e.lng === null || e.lat === null) continue;
    if (scope !== null && e.scope !== scope) continue;
    out.push({ id: e.id, lng: e.lng, lat: e.lat, kind: e.kind, status: e.to, ageMs: Math.max(0, now - e.ts) });
  }
  return out;
}

export interface KindStatus {
  kind: DeviceKind;
  total: number;
  online: number;
  offline: number;
  fault: number;
  silent: number;
  rate: number | null;
  /** Per km² of the sub-district's polygon. */
  density: number | null;
}

/** Device counts by status for one sub-district, per kind. */
export function statusIn(infra: InfraTable | null, adcode: string): KindStatus[] {
  return DEVICE_KINDS.map((kind) => {
    const c = infra?.[kind][adcode];
    return {
      kind,
      total: c?.total ?? 0,
      online: c?.online ?? 0,
      offline: c?.offline ?? 0,
      fault: c?.fault ?? 0,
      silent: c?.silent ?? 0,
      rate: c ? onlineRate(c) : null,
      density: c ? cellMetric(kind, 'density', adcode, c) : null,
    };
  });
}

export interface GrowthIn {
  growth: StatValue | null;
  valueAdded: StatValue | null;
  quarters: Array<{ q: string; value: number | null }>;
}

/** The modelled 2021 figures for one sub-district (server stats keyed by sub-district). */
export function growthIn(stats: Readonly<Record<string, StatValue>> | undefined, adcode: string, year = '2021'): GrowthIn {
  const get = (id: string, period: string): StatValue | null => stats?.[statKey(id, period, { subdistrict: adcode })] ?? null;
  return {
    growth: get('de.core.growth', year),
    valueAdded: get('de.core.valueAdded', year),
    quarters: [1, 2, 3, 4].map((q) => ({ q: `Q${q}`, value: get('de.core.growth.q', `${year}Q${q}`)?.value ?? null })),
  };
}

export function sitesIn(sites: Readonly<Record<string, SiteSummary>> | undefined, adcode: string): SiteSummary | null {
  return sites?.[adcode] ?? null;
}
