import type { DeviceKind, EffectiveStatus } from './devices.js';
import { DEVICE_KINDS } from './devices.js';
import type { SourceId } from './sources.js';
import type { ScopeId } from './subdistricts.js';
import { SCOPES } from './subdistricts.js';

/**
 * Live counts for one device kind in one scope. One shape for every kind keeps
 * the delta format flat; fields that do not apply to a kind stay 0.
 */
export interface InfraCell {
  total: number;
  online: number;
  offline: number;
  fault: number;
  silent: number;
  /** Piles: charging now (online and busy). */
  busy: number;
  /** Piles: sum of reported charging power, kW. */
  powerKw: number;
  /** Piles: fast-charge piles registered / online / busy. */
  fastTotal: number;
  fastOnline: number;
  fastBusy: number;
  /** Poles: sensors reported online, summed over online poles. */
  sensorsOnline: number;
}

export type InfraTable = Record<DeviceKind, Record<ScopeId, InfraCell>>;

export function emptyCell(): InfraCell {
  return {
    total: 0,
    online: 0,
    offline: 0,
    fault: 0,
    silent: 0,
    busy: 0,
    powerKw: 0,
    fastTotal: 0,
    fastOnline: 0,
    fastBusy: 0,
    sensorsOnline: 0,
  };
}

export function emptyInfra(): InfraTable {
  const t = {} as InfraTable;
  for (const k of DEVICE_KINDS) {
    t[k] = {};
    for (const s of SCOPES) t[k][s] = emptyCell();
  }
  return t;
}

/** Online rate in percent; silent devices count as offline. */
export function onlineRate(c: InfraCell): number | null {
  return c.total === 0 ? null : (100 * c.online) / c.total;
}

/** Share of online piles that are charging, in percent. */
export function utilisation(c: InfraCell): number | null {
  return c.online === 0 ? null : (100 * c.busy) / c.online;
}

export interface SiteSummary {
  total: number;
  fast: number;
  /** Sites whose every pile is offline, fault or silent. */
  dark: number;
}

export interface FeedInfo {
  /**
   * Server receive time of the last accepted report of this kind. In a replay
   * room, the stored report's data time (the replay's clock, not the wall's).
   */
  lastReportAt: number | null;
  /** True while the reports come from a source configured as simulated. */
  simulated: boolean;
  /**
   * Expected heartbeat interval of one device of this fleet, ms: the figures
   * computed from the feed go stale after `feedStaleAfterMs(cadenceMs)` without a
   * report. Absent from servers older than this field; clients then use
   * `KINDS[kind].cadenceMs`.
   */
  cadenceMs?: number;
}

export interface FaultEvent {
  /** Monotonic per server, so a client can key list rows stably. */
  id: number;
  ts: number;
  deviceId: string;
  kind: DeviceKind;
  scope: ScopeId;
  /** Registered position (WGS84), for live fault markers on the map; null if unknown. */
  lng: number | null;
  lat: number | null;
  from: EffectiveStatus;
  to: EffectiveStatus;
}

export interface StatScope {
  subdistrict?: string;
  sector?: string;
  category?: string;
  tier?: string;
}

export interface StatValue {
  /** indicator|period|subdistrict|sector|category|tier, see statKey(). */
  key: string;
  indicator: string;
  period: string;
  scope: StatScope;
  value: number;
  /** Catalogue source id, or the upstream source (token name) that posted it. */
  source: SourceId | string;
  simulated: boolean;
  /** 1 for the first value; each revision (应统尽统) adds one. */
  revision: number;
  updatedAt: number;
  /** The note sent with the value (e.g. 快报 / 年报, or why it was revised), shown with its provenance. */
  note?: string;
  /**
   * In a delta only: the figure was withdrawn (its upload was rolled back and it
   * had no earlier value), so walls drop it and fall back to the previous period.
   */
  withdrawn?: true;
}

export function statKey(indicator: string, period: string, scope: StatScope = {}): string {
  return [indicator, period, scope.subdistrict ?? '', scope.sector ?? '', scope.category ?? '', scope.tier ?? ''].join('|');
}

/** [epoch ms, value] */
export type SeriesPoint = [number, number];

/** District-level series the wall charts; sampled every SERIES_STEP_MS. */
export const SERIES_KEYS = [
  'pile.utilisation',
  'pile.powerKw',
  'bs5g.onlineRate',
  'pole.onlineRate',
  'pile.onlineRate',
  'faults',
] as const;
export type SeriesKey = (typeof SERIES_KEYS)[number];

export const SERIES_STEP_MS = 10_000;
/** One hour of 10-second points: every buffer on a wall is bounded. */
export const SERIES_MAX_POINTS = 360;
export const FAULTS_MAX = 60;

export interface ReplayMeta {
  id: string;
  from: number;
  to: number;
  speed: number;
  /** Data time the replay has reached. */
  cursor: number;
  state: 'running' | 'finished' | 'stopped';
}

export interface WallSnapshot {
  seq: number;
  at: number;
  room: string;
  /** Set in replay rooms: walls draw the 回放 watermark from this. */
  replay: ReplayMeta | null;
  infra: InfraTable;
  sites: Record<ScopeId, SiteSummary>;
  feeds: Record<DeviceKind, FeedInfo>;
  series: Record<SeriesKey, SeriesPoint[]>;
  stats: Record<string, StatValue>;
  faults: FaultEvent[];
  /** Per-room extensions (alarms, notices) keep their own typed slots. */
  ext: WallExtensions;
}

/**
 * Slots later capabilities fill in (alarms, notices). Each is replaced whole when
 * it changes, which keeps applyDelta generic and the state reconstructible.
 */
export interface WallExtensions {
  [slot: string]: unknown;
}

export interface InfraPatch {
  kind: DeviceKind;
  scope: ScopeId;
  cell: InfraCell;
}

export interface WallDelta {
  seq: number;
  at: number;
  room: string;
  replay?: ReplayMeta | null;
  infra?: InfraPatch[];
  sites?: Array<{ scope: ScopeId; summary: SiteSummary }>;
  feeds?: Partial<Record<DeviceKind, FeedInfo>>;
  series?: Array<{ key: SeriesKey; point: SeriesPoint }>;
  stats?: StatValue[];
  faults?: FaultEvent[];
  ext?: WallExtensions;
}

export function emptySeries(): Record<SeriesKey, SeriesPoint[]> {
  const s = {} as Record<SeriesKey, SeriesPoint[]>;
  for (const k of SERIES_KEYS) s[k] = [];
  return s;
}

/**
 * Applies a delta in place and returns the same object. Clients call it on a
 * shallowRef'd snapshot and trigger once; tests use it to prove snapshot + deltas
 * equals the server's own snapshot. Buffers stay bounded, so a wall that runs for
 * weeks holds the same amount of data as one that started a minute ago.
 */
export function applyDelta(state: WallSnapshot, d: WallDelta): WallSnapshot {
  state.seq = d.seq;
  state.at = d.at;
  if (d.replay !== undefined) state.replay = d.replay;
  if (d.infra) for (const p of d.infra) state.infra[p.kind][p.scope] = p.cell;
  if (d.sites) for (const s of d.sites) state.sites[s.scope] = s.summary;
  if (d.feeds) Object.assign(state.feeds, d.feeds);
  if (d.series) {
    for (const { key, point } of d.series) {
      const buf = state.series[key] ?? (state.series[key] = []);
      buf.push(point);
      if (buf.length > SERIES_MAX_POINTS) buf.splice(0, buf.length - SERIES_MAX_POINTS);
    }
  }
  if (d.stats) {
    for (const v of d.stats) {
      if (v.withdrawn) delete state.stats[v.key];
      else state.stats[v.key] = v;
    }
  }
  if (d.faults && d.faults.length > 0) {
    // Newest first, as the ticker shows them.
    state.faults = [...d.faults.slice().reverse(), ...state.faults].slice(0, FAULTS_MAX);
  }
  if (d.ext) Object.assign(state.ext, d.ext);
  return state;
}

export type SeqVerdict = 'apply' | 'duplicate' | 'gap';

/**
 * A delta applies only if it is exactly the next one. Anything older was already
 * applied (socket.io recovery may replay it); anything newer means we missed one
 * and must resync rather than paint a state the server never had.
 */
export function checkSeq(lastSeq: number, incoming: number): SeqVerdict {
  if (incoming === lastSeq + 1) return 'apply';
  if (incoming <= lastSeq) return 'duplicate';
  return 'gap';
}
