import type { Clock } from '../platform/clock.js';
import type { DeviceRegistry } from '../devices/registry.js';
import { observationOfRow } from '../devices/observation.js';
import { Pipeline, type PipelineOptions } from '../pipeline/pipeline.js';
import type { RawReportRow } from '../store/types.js';

export type RoomKind = 'live' | 'demo' | 'replay';

/**
 * What feeds a room. The driver calls `step` once per tick; a source applies
 * the observations that are due and moves room time with `room.advanceTo` as it
 * goes, so sweeps and samples fall between the reports they belong between.
 * A push source (live: ingest hands it committed batches) has nothing to pull.
 * Returning 'ended' stops the driver; the room stays joinable until closed.
 */
export interface RoomSource {
  step(room: Room): void | 'ended' | Promise<void | 'ended'>;
}

export interface RoomSpec {
  id: string;
  kind: RoomKind;
  /** Everything the room's pipeline needs besides its id, clock and emit, which the room supplies. */
  pipeline: Omit<PipelineOptions, 'room' | 'emit' | 'clock'> & { registry: DeviceRegistry };
  /** Room time: the system clock for live and demo, a virtual one for a replay. */
  clock: Clock;
  /** Moves a virtual clock as the room advances; absent for rooms on real time. */
  setClock?: (t: number) => void;
  source: RoomSource;
  /** Driver period in real ms. */
  tickMs: number;
  /** Room-time cadences of the fleet sweep and of chart/history samples. */
  sweepMs: number;
  sampleMs: number;
  /**
   * Whether room time that jumped ahead replays every sweep and sample it
   * passed (a replay at 3,600× passes 36 sample steps per tick), or only the
   * latest (live after a stalled event loop: 30 identical samples of one
   * instant would be noise in history).
   */
  catchUp: boolean;
}

/**
 * One room: a pipeline (state, aggregates, publisher), its room clock and the
 * cadences its driver keeps. Rooms are made and owned by the RoomHub; nothing
 * else ticks them.
 */
export class Room {
  readonly id: string;
  readonly kind: RoomKind;
  readonly pipeline: Pipeline;
  private nextSweep: number;
  private nextSample: number;

  constructor(
    readonly spec: RoomSpec,
    emit: PipelineOptions['emit'],
  ) {
    this.id = spec.id;
    this.kind = spec.kind;
    this.pipeline = new Pipeline({ ...spec.pipeline, room: spec.id, clock: spec.clock, emit });
    const t = spec.clock.now();
    this.nextSweep = Math.ceil(t / spec.sweepMs) * spec.sweepMs;
    this.nextSample = Math.ceil(t / spec.sampleMs) * spec.sampleMs;
  }

  get clock(): Clock {
    return this.spec.clock;
  }

  /** Applies one stored (or scripted) report. */
  observeRow(row: RawReportRow, receivedAt: number, simulated: boolean): void {
    const dev = this.spec.pipeline.registry.byIndex(row.device);
    if (dev) this.pipeline.observe(dev, observationOfRow(row), row.ts, receivedAt, simulated);
  }

  /**
   * Restores a device's state as it was before a restart. No transition is
   * reported: it happened before, and history and alarms already have it.
   */
  restoreRow(row: RawReportRow, simulated: boolean): void {
    const dev = this.spec.pipeline.registry.byIndex(row.device);
    if (dev) this.pipeline.fleet.observe(dev, observationOfRow(row), row.ts, row.ts, simulated);
  }

  /**
   * Moves room time to `t`, running the sweeps and samples due on the way in
   * time order (a sweep before a sample of the same instant, so the sample
   * counts devices that just went silent).
   */
  advanceTo(t: number): void {
    const { sweepMs, sampleMs, catchUp, setClock } = this.spec;
    if (!catchUp) {
      if (this.nextSweep <= t - sweepMs) this.nextSweep = Math.floor(t / sweepMs) * sweepMs;
      if (this.nextSample <= t - sampleMs) this.nextSample = Math.floor(t / sampleMs) * sampleMs;
    }
    for (;;) {
      const next = Math.min(this.nextSweep, this.nextSample);
      if (next > t) break;
      setClock?.(next);
      if (this.nextSweep === next) {
        this.pipeline.sweep(next);
        this.nextSweep += sweepMs;
      }
      if (this.nextSample === next) {
        this.pipeline.sample(next);
        this.nextSample += sampleMs;
      }
    }
    if (t > this.spec.clock.now()) setClock?.(t);
  }

  tick(): ReturnType<Pipeline['tick']> {
    return this.pipeline.tick();
  }
}
