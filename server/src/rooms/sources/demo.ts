import {
  CATALOGUE,
  METRIC_IDS,
  SERIES_STEP_MS,
  SOURCES,
  statKey,
  type DeviceRegistration,
  type IngestReport,
  type StatFigure,
  type StatValue,
} from '@futian/shared';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import { rowOfReport } from '../../devices/observation.js';
import type { DeviceRegistry } from '../../devices/registry.js';
import type { RoomHub } from '../hub.js';
import type { Room, RoomSource } from '../room.js';

/**
 * A scripted, seeded dataset for official visits. The server defines the shape;
 * the composition root supplies it (from the mock feeds with a fixed seed), so
 * server code never imports the feeds. Same seed, same start → same reports at
 * the same offsets: a rehearsal shows what the visit will show.
 */
export interface DemoSource {
  registrations(): DeviceRegistration[];
  /** Restarts the script at real time t0 (report timestamps are real time). */
  reset(t0: number): void;
  /** Reports due up to `now`, in order, each call continuing where the last stopped. */
  advance(now: number): IngestReport[];
  figures(): StatFigure[];
}

export const DEMO_ROOM = 'demo';
const STEP_MS = 250;

/** Feeds the demo room from the script, one step at a time, on real time. */
class ScriptFeed implements RoomSource {
  constructor(
    private readonly script: DemoSource,
    private readonly registry: DeviceRegistry,
    private readonly clock: Clock,
  ) {}

  step(room: Room): void {
    for (const r of this.script.advance(this.clock.now())) {
      const dev = this.registry.get(r.deviceId);
      // Scripted reports are simulated by definition, and arrive when they are dated.
      if (dev) room.observeRow(rowOfReport(r, dev, 0), r.ts, true);
    }
  }
}

/**
 * The demo room: fed by the DemoSource, with a device registry of its own
 * (injected, in memory), so demo devices never mix with the real fleet and the
 * live room is never touched. Each start replaces the room, so a rehearsal
 * starts from the same state as the visit.
 */
export class DemoRoom {
  private feed: ScriptFeed;
  private driving = false;
  startedAt: number | null = null;

  constructor(
    private readonly d: {
      script: DemoSource;
      hub: RoomHub;
      registry: DeviceRegistry;
      clock: Clock;
      log: Logger;
      liveExt: () => Record<string, unknown>;
    },
  ) {
    this.feed = new ScriptFeed(d.script, d.registry, d.clock);
  }

  async init(): Promise<void> {
    const res = await this.d.registry.register(
      this.d.script.registrations().map((r) => ({
        deviceId: r.deviceId,
        kind: r.kind,
        subdistrict: r.subdistrict,
        siteId: r.siteId ?? null,
        fast: r.fast ?? false,
        lng: r.lng ?? null,
        lat: r.lat ?? null,
      })),
    );
    this.d.log.info({ devices: res.added }, 'demo fleet ready');
  }

  get running(): boolean {
    return this.driving;
  }

  /** (Re)starts the scripted dataset from its beginning; walls in the room get the fresh snapshot. */
  start(): void {
    const t0 = this.d.clock.now();
    this.d.script.reset(t0);
    const room = this.d.hub.create({
      id: DEMO_ROOM,
      kind: 'demo',
      clock: this.d.clock,
      pipeline: { registry: this.d.registry, stats: this.stats(t0), ext: this.d.liveExt() },
      source: this.feed,
      tickMs: STEP_MS,
      sweepMs: STEP_MS,
      sampleMs: SERIES_STEP_MS,
      catchUp: true,
    });
    this.feed.step(room);
    room.tick();
    this.d.hub.add(room);
    this.driving = true;
    this.startedAt = t0;
    this.d.log.info({ t0 }, 'demo dataset started');
  }

  /** Freezes the room where it is; walls still in it keep the last state. */
  stop(): void {
    this.d.hub.halt(DEMO_ROOM);
    this.driving = false;
  }

  /** The demo room, started on first use so a room always exists to join. */
  ensure(): void {
    if (!this.d.hub.get(DEMO_ROOM)) this.start();
  }

  dispose(): void {
    this.stop();
    this.d.hub.close(DEMO_ROOM);
  }

  /** Documented figures from the catalogue plus the script's modelled ones; nothing from live revisions. */
  private stats(t0: number): StatValue[] {
    const out: StatValue[] = [];
    for (const id of METRIC_IDS) {
      const def = CATALOGUE[id];
      if (def.value === undefined || !def.period) continue;
      out.push({
        key: statKey(id, def.period),
        indicator: id,
        period: def.period,
        scope: {},
        value: def.value,
        source: def.source,
        simulated: SOURCES[def.source].simulated,
        revision: 1,
        updatedAt: t0,
      });
    }
    for (const f of this.d.script.figures()) {
      const scope = {
        ...(f.subdistrict ? { subdistrict: f.subdistrict } : {}),
        ...(f.sector ? { sector: f.sector } : {}),
        ...(f.category ? { category: f.category } : {}),
        ...(f.tier ? { tier: f.tier } : {}),
      };
      const key = statKey(f.indicator, f.period, scope);
      if (out.some((v) => v.key === key)) continue;
      out.push({ key, indicator: f.indicator, period: f.period, scope, value: f.value, source: 'model', simulated: true, revision: 1, updatedAt: t0 });
    }
    return out;
  }
}
