import {
  CATALOGUE,
  METRIC_IDS,
  SERIES_STEP_MS,
  SOURCES,
  statKey,
  WALL_NAMESPACE,
  type DeviceRegistration,
  type IngestReport,
  type StatFigure,
  type StatValue,
} from '@futian/shared';
import { systemClock, type Clock } from '../clock.js';
import { DeviceRegistry } from '../devices/registry.js';
import type { Logger } from '../logger.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { SqliteStore } from '../store/sqlite.js';
import type { WallServer } from '../wall/namespace.js';

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

/**
 * The demo room: a pipeline of its own, fed by the DemoSource on a timer, with a
 * device registry of its own (in memory), so demo devices never mix with the
 * real fleet and the live room is never touched.
 */
export class DemoRoom {
  private readonly registry: DeviceRegistry;
  private readonly regStore: SqliteStore;
  private pipeline: Pipeline | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextSample = 0;
  startedAt: number | null = null;

  constructor(
    private readonly d: {
      source: DemoSource;
      io: WallServer;
      rooms: Map<string, Pipeline>;
      log: Logger;
      liveExt: () => Record<string, unknown>;
      clock?: Clock;
      /** Called with each new demo pipeline (alarms attach their evaluator here). */
      onPipeline?: (p: Pipeline) => void;
    },
  ) {
    this.regStore = new SqliteStore(':memory:', { backgroundCheckpoint: false });
    this.registry = new DeviceRegistry(this.regStore);
  }

  async init(): Promise<void> {
    const regs = this.d.source.registrations();
    const res = await this.registry.register(
      regs.map((r) => ({
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
    return this.timer !== null;
  }

  /** (Re)starts the scripted dataset from its beginning and pushes a fresh snapshot. */
  start(): void {
    this.stop();
    const clock = this.d.clock ?? systemClock;
    const t0 = clock.now();
    this.d.source.reset(t0);
    this.pipeline?.dispose();
    const p = new Pipeline({
      room: DEMO_ROOM,
      registry: this.registry,
      clock,
      stats: this.stats(t0),
      ext: this.d.liveExt(),
      emit: (delta) => this.d.io.of(WALL_NAMESPACE).to(DEMO_ROOM).emit('wall:delta', delta),
    });
    this.pipeline = p;
    this.d.onPipeline?.(p);
    this.d.rooms.set(DEMO_ROOM, p);
    this.feed(t0);
    p.tick();
    this.d.io.of(WALL_NAMESPACE).to(DEMO_ROOM).emit('wall:snapshot', p.publisher.snapshot());
    this.startedAt = t0;
    this.nextSample = Math.ceil(t0 / SERIES_STEP_MS) * SERIES_STEP_MS;
    this.timer = setInterval(() => {
      const now = clock.now();
      this.feed(now);
      p.sweep(now);
      while (this.nextSample <= now) {
        p.sample(this.nextSample);
        this.nextSample += SERIES_STEP_MS;
      }
      p.tick();
    }, STEP_MS);
    this.timer.unref?.();
    this.d.log.info({ t0 }, 'demo dataset started');
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The demo pipeline, created on first use so a room always exists to join. */
  ensure(): Pipeline {
    if (!this.pipeline) this.start();
    return this.pipeline!;
  }

  async dispose(): Promise<void> {
    this.stop();
    this.pipeline?.dispose();
    this.d.rooms.delete(DEMO_ROOM);
    await this.regStore.close();
  }

  private feed(now: number): void {
    const p = this.pipeline;
    if (!p) return;
    for (const r of this.d.source.advance(now)) {
      const dev = this.registry.get(r.deviceId);
      if (!dev) continue;
      p.observe(
        dev,
        {
          status: r.status,
          busy: r.kind === 'pile' ? r.busy : undefined,
          powerKw: r.kind === 'pile' ? r.powerKw : undefined,
          sensorsOnline: r.kind === 'pole' ? r.sensorsOnline : undefined,
        },
        r.ts,
        r.ts,
        true,
      );
    }
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
    for (const f of this.d.source.figures()) {
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
