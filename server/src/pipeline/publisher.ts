import {
  applyDelta,
  emptySeries,
  FAULTS_MAX,
  SCOPES,
  type FaultEvent,
  type ReplayMeta,
  type SeriesKey,
  type SeriesPoint,
  type StatValue,
  type WallDelta,
  type WallSnapshot,
} from '@futian/shared';
import type { FleetState } from '../devices/fleet.js';

export interface PublisherOptions {
  room: string;
  fleet: FleetState;
  now: () => number;
  emit: (delta: WallDelta) => void;
  replay?: ReplayMeta | null;
  stats?: StatValue[];
  ext?: Record<string, unknown>;
}

/**
 * Turns what changed since the last tick into at most one delta per room, with a
 * gapless seq. It never emits per report: 10,000 reports inside one tick become
 * one delta carrying the ~33 cells they touched.
 *
 * The publisher keeps a mirror of what it has published, updated with the same
 * applyDelta the clients use. Snapshots are served from that mirror, so a
 * snapshot at seq N is by construction the state after deltas 1..N, however much
 * unpublished change is pending in the fleet.
 */
export class Publisher {
  readonly room: string;
  private readonly mirror: WallSnapshot;
  private seriesQ: Array<{ key: SeriesKey; point: SeriesPoint }> = [];
  private statsQ = new Map<string, StatValue>();
  private faultsQ: FaultEvent[] = [];
  private extQ: Record<string, unknown> = {};
  private replayQ: ReplayMeta | null | undefined = undefined;

  constructor(private readonly opts: PublisherOptions) {
    this.room = opts.room;
    const { fleet } = opts;
    const sites: WallSnapshot['sites'] = {};
    for (const s of SCOPES) sites[s] = fleet.siteSummary(s);
    this.mirror = {
      seq: 0,
      at: opts.now(),
      room: opts.room,
      replay: opts.replay ?? null,
      infra: fleet.infraTable(),
      sites,
      feeds: structuredClone(fleet.feeds),
      series: emptySeries(),
      stats: Object.fromEntries((opts.stats ?? []).map((v) => [v.key, v])),
      faults: [],
      ext: { ...(opts.ext ?? {}) },
    };
    fleet.clearDirty();
  }

  get seq(): number {
    return this.mirror.seq;
  }

  /** The published state. Callers serialise it at once and must not mutate it. */
  snapshot(): WallSnapshot {
    return this.mirror;
  }

  pushSeries(key: SeriesKey, point: SeriesPoint): void {
    this.seriesQ.push({ key, point });
  }

  pushStat(v: StatValue): void {
    this.statsQ.set(v.key, v);
  }

  pushFault(e: FaultEvent): void {
    this.faultsQ.push(e);
    // A burst (a whole sub-district going dark) must not build an unbounded delta:
    // walls show the newest FAULTS_MAX anyway.
    if (this.faultsQ.length > FAULTS_MAX * 2) this.faultsQ.splice(0, this.faultsQ.length - FAULTS_MAX);
  }

  /** Replaces an extension slot (alarms, notice) whole in the next delta. */
  setExt(slot: string, value: unknown): void {
    this.extQ[slot] = value;
  }

  setReplay(meta: ReplayMeta | null): void {
    this.replayQ = meta;
  }

  /** Builds, applies and emits the delta for this tick; null when nothing changed. */
  tick(): WallDelta | null {
    const { fleet } = this.opts;
    const hasExt = Object.keys(this.extQ).length > 0;
    if (
      fleet.dirtyCells.size === 0 &&
      fleet.dirtySites.size === 0 &&
      fleet.dirtyFeeds.size === 0 &&
      this.seriesQ.length === 0 &&
      this.statsQ.size === 0 &&
      this.faultsQ.length === 0 &&
      !hasExt &&
      this.replayQ === undefined
    ) {
      return null;
    }
    const d: WallDelta = { seq: this.mirror.seq + 1, at: this.opts.now(), room: this.room };
    if (fleet.dirtyCells.size > 0) d.infra = fleet.drainDirtyCells();
    if (fleet.dirtySites.size > 0) {
      d.sites = [...fleet.dirtySites].map((scope) => ({ scope, summary: fleet.siteSummary(scope) }));
      fleet.dirtySites.clear();
    }
    if (fleet.dirtyFeeds.size > 0) {
      const feeds: WallDelta['feeds'] = {};
      for (const k of fleet.dirtyFeeds) feeds[k] = { ...fleet.feeds[k] };
      fleet.dirtyFeeds.clear();
      d.feeds = feeds;
    }
    if (this.seriesQ.length > 0) {
      d.series = this.seriesQ;
      this.seriesQ = [];
    }
    if (this.statsQ.size > 0) {
      d.stats = [...this.statsQ.values()];
      this.statsQ = new Map();
    }
    if (this.faultsQ.length > 0) {
      d.faults = this.faultsQ.slice(-FAULTS_MAX);
      this.faultsQ = [];
    }
    if (hasExt) {
      d.ext = this.extQ;
      this.extQ = {};
    }
    if (this.replayQ !== undefined) {
      d.replay = this.replayQ;
      this.replayQ = undefined;
    }
    // The mirror must not share arrays or cells with the delta: clients receive a
    // serialised copy, but in-process listeners (tests, replay) see this object.
    applyDelta(this.mirror, structuredClone(d));
    this.opts.emit(d);
    return d;
  }
}
