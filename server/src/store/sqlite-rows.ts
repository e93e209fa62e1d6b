import type { DeviceKind } from '@futian/shared';
import type { DeviceRow, StatRevisionRow } from './types.js';

/** SQLite rows as better-sqlite3 returns them (snake_case, 0/1 booleans), and their mapping to the store's types. */
export interface DeviceDbRow {
  idx: number;
  device_id: string;
  kind: string;
  subdistrict: string;
  site_id: string | null;
  fast: number;
  lng: number | null;
  lat: number | null;
}

export interface StatDbRow {
  id: number;
  key: string;
  indicator: string;
  period: string;
  subdistrict: string | null;
  sector: string | null;
  category: string | null;
  tier: string | null;
  value: number;
  source: string;
  simulated: number;
  note: string | null;
  revision: number;
  received_at: number;
  withdrawn: number;
  batch: number | null;
}


export const toDevice = (r: DeviceDbRow): DeviceRow => ({
  idx: r.idx,
  deviceId: r.device_id,
  kind: r.kind as DeviceKind,
  subdistrict: r.subdistrict,
  siteId: r.site_id,
  fast: r.fast === 1,
  lng: r.lng,
  lat: r.lat,
});

export const toStat = (r: StatDbRow): StatRevisionRow => ({
  id: r.id,
  key: r.key,
  indicator: r.indicator,
  period: r.period,
  subdistrict: r.subdistrict,
  sector: r.sector,
  category: r.category,
  tier: r.tier,
  value: r.value,
  source: r.source,
  simulated: r.simulated === 1,
  note: r.note,
  revision: r.revision,
  receivedAt: r.received_at,
  withdrawn: r.withdrawn === 1,
  batch: r.batch,
});
