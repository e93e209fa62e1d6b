import {
  DEVICE_KINDS,
  DISTRICT_SCOPE,
  KINDS,
  SCOPES,
  silentAfterMs,
  type DeviceKind,
  type EffectiveStatus,
  type FeedInfo,
  type InfraCell,
  type InfraTable,
  type ReportStatus,
  type SiteSummary,
} from '@futian/shared';
import type { DeviceRecord, DeviceRegistry } from './registry.js';

/** What one accepted report says about its device. */
export interface Observation {
  status: ReportStatus;
  busy?: boolean;
  powerKw?: number;
  sensorsOnline?: number;
}

export interface Transition {
  ts: number;
  device: DeviceRecord;
  from: EffectiveStatus;
  to: EffectiveStatus;
}

interface DevState {
  /** The device's sub-district cell and the district cell, resolved once. */
  cells: [Counter, Counter];
  eff: EffectiveStatus;
  /** Device timestamp of the newest applied report; -1 before the first. */
  lastTs: number;
  busy: boolean;
  /** Integer watts, so sums stay exact over weeks of add/subtract. */
  powerW: number;
  sensors: number;
}

/** InfraCell with power kept in integer watts, plus its dirty flag for the publisher. */
type Counter = Omit<InfraCell, 'powerKw'> & { powerW: number; key: string; dirty: boolean };

const newCounter = (key: string): Counter => ({
  key,
  dirty: false,
  total: 0,
  online: 0,
  offline: 0,
  fault: 0,
  silent: 0,
  busy: 0,
  powerW: 0,
  fastTotal: 0,
  fastOnline: 0,
  fastBusy: 0,
  sensorsOnline: 0,
});

/**
 * Live device state and the aggregates derived from it. Every report touches a
 * fixed number of counters (the device's sub-district cell and the district
 * cell), so ingest cost does not grow with the fleet.
 */
export class FleetState {
  private readonly states = new Map<number, DevState>();
  private readonly cells = new Map<string, Counter>();
  private readonly siteOnline_ = new Map<string, number>();
  private readonly siteSummaries = new Map<string, SiteSummary>();
  /**
   * Per kind, devices in order of last contact (Map keeps insertion order, and a
   * report re-inserts). The sweep pops expired devices off the front, so finding
   * silent devices costs O(expired), not O(fleet).
   */
  private readonly lastSeen: Record<DeviceKind, Map<number, number>> = { bs5g: new Map(), pole: new Map(), pile: new Map() };
  /**
   * Per fleet: when it last reported and how often its devices are expected to.
   * Walls judge each figure's freshness by the fleets it is computed from, so a
   * stopped pile feed marks only the pile figures stale.
   */
  readonly feeds: Record<DeviceKind, FeedInfo> = {
    bs5g: { lastReportAt: null, simulated: false, cadenceMs: KINDS.bs5g.cadenceMs },
    pole: { lastReportAt: null, simulated: false, cadenceMs: KINDS.pole.cadenceMs },
    pile: { lastReportAt: null, simulated: false, cadenceMs: KINDS.pile.cadenceMs },
  };

  readonly dirtyCells = new Set<string>();
  readonly dirtySites = new Set<string>();
  readonly dirtyFeeds = new Set<DeviceKind>();

  constructor(
    private readonly registry: DeviceRegistry,
    private readonly silentAfter: (kind: DeviceKind) => number = silentAfterMs,
  ) {
    for (const k of DEVICE_KINDS) for (const s of SCOPES) this.cells.set(`${k}|${s}`, newCounter(`${k}|${s}`));
    for (const s of SCOPES) this.siteSummaries.set(s, { total: 0, fast: 0, dark: 0 });
    this.addDevices([...registry.all()]);
  }

  /** New devices start silent: registered, but not heard from yet. */
  addDevices(devs: DeviceRecord[]): void {
    const newSites = new Set<string>();
    for (const d of devs) {
      if (this.states.has(d.idx)) continue;
      const cells = this.cellsOf(d);
      const st: DevState = { cells, eff: 'silent', lastTs: -1, busy: false, powerW: 0, sensors: 0 };
      this.states.set(d.idx, st);
      for (const c of cells) {
        c.total++;
        c.silent++;
        if (d.fast) c.fastTotal++;
        this.markDirty(c);
      }
      if (d.siteId && !this.siteOnline_.has(d.siteId)) {
        this.siteOnline_.set(d.siteId, 0);
        newSites.add(d.siteId);
      }
    }
    for (const siteId of newSites) {
      const site = this.registry.sites.get(siteId);
      if (!site) continue;
      for (const scope of [site.scope, DISTRICT_SCOPE]) {
        const sum = this.siteSummaries.get(scope)!;
        sum.total++;
        if (site.fast) sum.fast++;
        sum.dark++;
        this.dirtySites.add(scope);
      }
    }
  }

  /**
   * Applies one stored report. `receivedAt` drives silence detection, so a device
   * with a wrong clock is judged by when we heard from it. A report older than the
   * newest applied one is history only: it is stored but does not move live state.
   */
  observe(dev: DeviceRecord, obs: Observation, ts: number, receivedAt: number, simulated: boolean): Transition | null {
    const st = this.states.get(dev.idx);
    if (!st) return null;
    const seen = this.lastSeen[dev.kind];
    seen.delete(dev.idx);
    seen.set(dev.idx, receivedAt);
    const feed = this.feeds[dev.kind];
    feed.lastReportAt = receivedAt;
    feed.simulated = simulated;
    if (this.dirtyFeeds.size < DEVICE_KINDS.length) this.dirtyFeeds.add(dev.kind);
    if (ts < st.lastTs) return null;
    st.lastTs = ts;

    const from = st.eff;
    this.contribute(dev, st, -1);
    st.eff = obs.status;
    if (dev.kind === 'pile') {
      st.busy = obs.status === 'online' && (obs.busy ?? st.busy);
      st.powerW = st.busy ? Math.round((obs.powerKw ?? st.powerW / 1000) * 1000) : 0;
    } else if (dev.kind === 'pole') {
      st.sensors = obs.sensorsOnline ?? (obs.status === 'online' ? (KINDS.pole.sensorsPerDevice ?? 0) : 0);
    }
    this.contribute(dev, st, +1);
    this.updateSite(dev, from, st.eff);
    return from === st.eff ? null : { ts, device: dev, from, to: st.eff };
  }

  /** Marks devices silent that have not reported for 3× their cadence. */
  sweep(now: number): Transition[] {
    const out: Transition[] = [];
    for (const kind of DEVICE_KINDS) {
      const limit = now - this.silentAfter(kind);
      const seen = this.lastSeen[kind];
      for (const [idx, at] of seen) {
        if (at > limit) break;
        seen.delete(idx);
        const dev = this.registry.byIndex(idx);
        const st = this.states.get(idx);
        if (!dev || !st || st.eff === 'silent') continue;
        const from = st.eff;
        this.contribute(dev, st, -1);
        st.eff = 'silent';
        this.contribute(dev, st, +1);
        this.updateSite(dev, from, 'silent');
        out.push({ ts: now, device: dev, from, to: 'silent' });
      }
    }
    return out;
  }

  status(idx: number): EffectiveStatus | undefined {
    return this.states.get(idx)?.eff;
  }

  cell(kind: DeviceKind, scope: string): InfraCell {
    const c = this.cells.get(`${kind}|${scope}`);
    if (!c) throw new Error(`no cell ${kind}|${scope}`);
    return {
      total: c.total,
      online: c.online,
      offline: c.offline,
      fault: c.fault,
      silent: c.silent,
      busy: c.busy,
      powerKw: Math.round(c.powerW / 100) / 10,
      fastTotal: c.fastTotal,
      fastOnline: c.fastOnline,
      fastBusy: c.fastBusy,
      sensorsOnline: c.sensorsOnline,
    };
  }

  infraTable(): InfraTable {
    const t = {} as InfraTable;
    for (const k of DEVICE_KINDS) {
      t[k] = {};
      for (const s of SCOPES) t[k][s] = this.cell(k, s);
    }
    return t;
  }

  siteSummary(scope: string): SiteSummary {
    return { ...this.siteSummaries.get(scope)! };
  }

  /** Piles of a site that are online now (0: the site is dark). */
  siteOnline(siteId: string): number {
    return this.siteOnline_.get(siteId) ?? 0;
  }

  /** Site ids whose every pile is down, for alarms and the map. */
  darkSites(): string[] {
    const out: string[] = [];
    for (const [siteId, online] of this.siteOnline_) if (online === 0) out.push(siteId);
    return out;
  }

  private cellsOf(d: DeviceRecord): [Counter, Counter] {
    return [this.cells.get(`${d.kind}|${d.subdistrict}`)!, this.cells.get(`${d.kind}|${DISTRICT_SCOPE}`)!];
  }

  /** The flag avoids re-hashing the key into the set for every report. */
  private markDirty(c: Counter): void {
    if (c.dirty) return;
    c.dirty = true;
    this.dirtyCells.add(c.key);
  }

  /** Dirty cells since the last call, as patches; clears the flags. */
  drainDirtyCells(): Array<{ kind: DeviceKind; scope: string; cell: InfraCell }> {
    const out: Array<{ kind: DeviceKind; scope: string; cell: InfraCell }> = [];
    for (const key of this.dirtyCells) {
      const c = this.cells.get(key)!;
      c.dirty = false;
      const [kind, scope] = key.split('|') as [DeviceKind, string];
      out.push({ kind, scope, cell: this.cell(kind, scope) });
    }
    this.dirtyCells.clear();
    return out;
  }

  /** Forget pending changes (the publisher's mirror starts from the full table). */
  clearDirty(): void {
    for (const key of this.dirtyCells) this.cells.get(key)!.dirty = false;
    this.dirtyCells.clear();
    this.dirtySites.clear();
    this.dirtyFeeds.clear();
  }

  private contribute(d: DeviceRecord, st: DevState, sign: 1 | -1): void {
    for (const c of st.cells) {
      c[st.eff] += sign;
      if (st.eff !== 'online') continue;
      if (d.kind === 'pile') {
        if (st.busy) c.busy += sign;
        c.powerW += sign * st.powerW;
        if (d.fast) {
          c.fastOnline += sign;
          if (st.busy) c.fastBusy += sign;
        }
      } else if (d.kind === 'pole') {
        c.sensorsOnline += sign * st.sensors;
      }
    }
    this.markDirty(st.cells[0]);
    this.markDirty(st.cells[1]);
  }

  private updateSite(d: DeviceRecord, from: EffectiveStatus, to: EffectiveStatus): void {
    if (!d.siteId) return;
    const delta = (to === 'online' ? 1 : 0) - (from === 'online' ? 1 : 0);
    if (delta === 0) return;
    const before = this.siteOnline_.get(d.siteId) ?? 0;
    const after = before + delta;
    this.siteOnline_.set(d.siteId, after);
    const darkDelta = (after === 0 ? 1 : 0) - (before === 0 ? 1 : 0);
    if (darkDelta === 0) return;
    for (const scope of [d.subdistrict, DISTRICT_SCOPE]) {
      this.siteSummaries.get(scope)!.dark += darkDelta;
      this.dirtySites.add(scope);
    }
  }
}
