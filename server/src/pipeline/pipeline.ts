import {
  cellMetric,
  DEVICE_KINDS,
  faultsIn,
  KIND_METRICS,
  SCOPES,
  type EffectiveStatus,
  type FaultEvent,
  type ReplayMeta,
  type SeriesKey,
  type StatValue,
  type WallDelta,
} from '@futian/shared';
import type { Clock } from '../platform/clock.js';
import { FleetState, type Observation, type Transition } from '../devices/fleet.js';
import type { DeviceRecord, DeviceRegistry } from '../devices/registry.js';
import { Publisher } from './publisher.js';
import type { SampleRow } from '../store/types.js';

export interface PipelineOptions {
  room: string;
  registry: DeviceRegistry;
  clock: Clock;
  emit: (delta: WallDelta) => void;
  replay?: ReplayMeta | null;
  stats?: StatValue[];
  /** Initial extension slots (wall configuration, alarms). */
  ext?: Record<string, unknown>;
  /** Live only: transitions and samples go to history; replays write nothing. */
  onTransition?: (t: Transition) => void;
  onSamples?: (rows: SampleRow[]) => void;
}

/** Transitions a duty officer should see in the fault ticker. */
function isFaultEvent(from: EffectiveStatus, to: EffectiveStatus): boolean {
  if (to === 'fault' || to === 'offline' || to === 'silent') return from === 'online';
  // Recoveries from a reported fault or outage; silent→online at start-up is not news.
  return to === 'online' && (from === 'fault' || from === 'offline');
}

const SERIES_SOURCES: Array<[SeriesKey, (p: Pipeline) => number | null]> = [
  ['pile.utilisation', (p) => p.metric('pile', 'utilisation')],
  ['pile.powerKw', (p) => p.metric('pile', 'powerKw')],
  ['bs5g.onlineRate', (p) => p.metric('bs5g', 'onlineRate')],
  ['pole.onlineRate', (p) => p.metric('pole', 'onlineRate')],
  ['pile.onlineRate', (p) => p.metric('pile', 'onlineRate')],
  ['faults', (p) => faultsIn(p.fleet.infraTable(), 'district')],
];

/**
 * One room's state machine: device state and aggregates, the fault log, sampled
 * series, and the publisher. The live wall has one; each replay builds its own
 * from the same registry, so a replay can never touch what live walls see.
 */
export class Pipeline {
  readonly fleet: FleetState;
  readonly publisher: Publisher;
  private faultId = 0;
  private readonly detach: () => void;
  private readonly transitionListeners = new Set<(t: Transition) => void>();

  constructor(private readonly opts: PipelineOptions) {
    this.fleet = new FleetState(opts.registry);
    this.detach = opts.registry.onAdded((added) => this.fleet.addDevices(added));
    this.publisher = new Publisher({
      room: opts.room,
      fleet: this.fleet,
      now: () => opts.clock.now(),
      emit: opts.emit,
      replay: opts.replay ?? null,
      stats: opts.stats ?? [],
      ext: opts.ext ?? {},
    });
  }

  get room(): string {
    return this.opts.room;
  }

  observe(dev: DeviceRecord, obs: Observation, ts: number, receivedAt: number, simulated: boolean): void {
    const t = this.fleet.observe(dev, obs, ts, receivedAt, simulated);
    if (t) this.onTransition(t);
  }

  sweep(now: number): void {
    for (const t of this.fleet.sweep(now)) this.onTransition(t);
  }

  metric(kind: (typeof DEVICE_KINDS)[number], name: string, scope = 'district'): number | null {
    return cellMetric(kind, name, scope, this.fleet.cell(kind, scope));
  }

  /**
   * Samples the district series for the wall's charts and, for history, every
   * metric in every scope. Called on a fixed step (10 s by default).
   */
  sample(now: number): void {
    for (const [key, get] of SERIES_SOURCES) {
      const v = get(this);
      if (v !== null) this.publisher.pushSeries(key, [now, Math.round(v * 100) / 100]);
    }
    if (!this.opts.onSamples) return;
    const rows: SampleRow[] = [];
    const table = this.fleet.infraTable();
    for (const scope of SCOPES) {
      for (const kind of DEVICE_KINDS) {
        const cell = table[kind][scope]!;
        for (const m of KIND_METRICS[kind]) {
          const v = cellMetric(kind, m, scope, cell);
          if (v !== null) rows.push({ ts: now, metric: `${kind}.${m}`, scope, value: v });
        }
      }
      rows.push({ ts: now, metric: 'faults', scope, value: faultsIn(table, scope) });
    }
    this.opts.onSamples(rows);
  }

  tick(): WallDelta | null {
    return this.publisher.tick();
  }

  dispose(): void {
    this.detach();
  }

  /** Extra consumers of device transitions (the alarm evaluator). */
  onTransitions(fn: (t: Transition) => void): () => void {
    this.transitionListeners.add(fn);
    return () => this.transitionListeners.delete(fn);
  }

  private onTransition(t: Transition): void {
    this.opts.onTransition?.(t);
    for (const fn of this.transitionListeners) fn(t);
    if (!isFaultEvent(t.from, t.to)) return;
    const e: FaultEvent = {
      id: ++this.faultId,
      ts: t.ts,
      deviceId: t.device.deviceId,
      kind: t.device.kind,
      scope: t.device.subdistrict,
      lng: t.device.lng,
      lat: t.device.lat,
      from: t.from,
      to: t.to,
    };
    this.publisher.pushFault(e);
  }
}
