import { randomUUID } from 'node:crypto';
import {
  DEVICE_KINDS,
  silentAfterMs,
  WALL_NAMESPACE,
  type ReplayMeta,
  SERIES_STEP_MS,
} from '@futian/shared';
import { ManualClock, type Clock } from '../clock.js';
import type { DeviceRegistry } from '../devices/registry.js';
import type { Logger } from '../logger.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { prefillSeries } from '../pipeline/prefill.js';
import type { StatsService } from '../stats/service.js';
import { CODE_STATUS, type RawReportRow, type Store } from '../store/types.js';
import type { WallServer } from '../wall/namespace.js';

export interface ReplayRequest {
  from: number;
  to: number;
  speed: number;
}

interface Running {
  meta: ReplayMeta;
  pipeline: Pipeline;
  clock: ManualClock;
  timer: NodeJS.Timeout;
  after: { ts: number; device: number } | null;
  /** Reports fetched but not yet due at the current virtual time. */
  pending: RawReportRow[];
  nextSample: number;
  busy: boolean;
}

const TICK_MS = 100;
const PAGE = 5000;
export const MAX_REPLAYS = 4;
export const MAX_SPEED = 3600;

/**
 * Replays a stored time range at N× into a room of its own (`replay:<id>`). Each
 * replay builds a fresh Pipeline from the shared registry and feeds it stored raw
 * reports on a virtual clock, so live state, live seq and live history are never
 * touched. Every snapshot and delta carries `replay`, from which walls draw the
 * 回放 watermark.
 */
export class ReplayService {
  private readonly running = new Map<string, Running>();
  /** Finished replays linger so walls can show the end state before switching back. */
  private readonly lingerMs = 5 * 60_000;

  constructor(
    private readonly deps: {
      store: Store;
      registry: DeviceRegistry;
      stats: StatsService;
      io: WallServer;
      rooms: Map<string, Pipeline>;
      clock: Clock;
      log: Logger;
      retentionRawMs: number;
      liveExt: () => Record<string, unknown>;
    },
  ) {}

  list(): ReplayMeta[] {
    return [...this.running.values()].map((r) => ({ ...r.meta }));
  }

  get(id: string): ReplayMeta | undefined {
    const r = this.running.get(id);
    return r ? { ...r.meta } : undefined;
  }

  /** Validates and starts a replay; throws an Error with a client-facing message. */
  async start(req: ReplayRequest): Promise<ReplayMeta> {
    const now = this.deps.clock.now();
    if (!Number.isFinite(req.from) || !Number.isFinite(req.to) || req.from >= req.to) throw new Error('from must be before to');
    if (req.to > now) throw new Error('cannot replay the future');
    if (req.from < now - this.deps.retentionRawMs) throw new Error('from is older than raw-data retention');
    if (!Number.isFinite(req.speed) || req.speed < 1 || req.speed > MAX_SPEED) throw new Error(`speed must be 1–${MAX_SPEED}`);
    const active = [...this.running.values()].filter((r) => r.meta.state === 'running').length;
    if (active >= MAX_REPLAYS) throw new Error(`at most ${MAX_REPLAYS} replays at once`);

    const id = `replay:${randomUUID().slice(0, 8)}`;
    const meta: ReplayMeta = { id, from: req.from, to: req.to, speed: req.speed, cursor: req.from, state: 'running' };
    const clock = new ManualClock(req.from);
    const pipeline = new Pipeline({
      room: id,
      registry: this.deps.registry,
      clock,
      replay: meta,
      stats: this.deps.stats.all(),
      // Same wall configuration as live (boards, enterprises), taken at start.
      ext: { ...this.deps.liveExt() },
      emit: (d) => this.deps.io.of(WALL_NAMESPACE).to(id).emit('wall:delta', d),
    });
    // Starting state: each device's newest report inside its silence window before `from`.
    const window = Math.max(...DEVICE_KINDS.map(silentAfterMs));
    for (const row of await this.deps.store.latestReportsBetween(req.from - window, req.from)) this.apply(pipeline, row);
    pipeline.sweep(req.from);
    await prefillSeries(pipeline, this.deps.store, req.from);
    // The mirror must start from the reconstructed state, not from empty cells.
    pipeline.tick();

    const r: Running = {
      meta,
      pipeline,
      clock,
      after: null,
      pending: [],
      nextSample: Math.ceil(req.from / SERIES_STEP_MS) * SERIES_STEP_MS,
      busy: false,
      timer: setInterval(() => void this.step(r), TICK_MS),
    };
    r.timer.unref?.();
    this.running.set(id, r);
    this.deps.rooms.set(id, pipeline);
    this.deps.log.info({ id, from: req.from, to: req.to, speed: req.speed }, 'replay started');
    return { ...meta };
  }

  stop(id: string): ReplayMeta | undefined {
    const r = this.running.get(id);
    if (!r) return undefined;
    this.finish(r, 'stopped');
    return { ...r.meta };
  }

  dispose(): void {
    for (const r of this.running.values()) clearInterval(r.timer);
    for (const id of this.running.keys()) this.deps.rooms.delete(id);
    this.running.clear();
  }

  private apply(p: Pipeline, row: RawReportRow): void {
    const dev = this.deps.registry.byIndex(row.device);
    if (!dev) return;
    p.observe(
      dev,
      {
        status: CODE_STATUS[row.status] ?? 'offline',
        busy: row.busy === null ? undefined : row.busy === 1,
        powerKw: row.powerKw ?? undefined,
        sensorsOnline: row.sensors ?? undefined,
      },
      row.ts,
      row.ts,
      true,
    );
  }

  /** Advances virtual time by TICK_MS × speed and applies the reports now due. */
  private async step(r: Running): Promise<void> {
    if (r.busy || r.meta.state !== 'running') return;
    r.busy = true;
    try {
      const target = Math.min(r.meta.to, r.clock.now() + TICK_MS * r.meta.speed);
      while (true) {
        if (r.pending.length === 0) {
          r.pending = await this.deps.store.reportsPage(r.meta.from, r.meta.to, r.after, PAGE);
          const last = r.pending.at(-1);
          if (last) r.after = { ts: last.ts, device: last.device };
          if (r.pending.length === 0) break;
        }
        let i = 0;
        for (; i < r.pending.length && r.pending[i]!.ts < target; i++) {
          const row = r.pending[i]!;
          this.advance(r, row.ts);
          this.apply(r.pipeline, row);
        }
        r.pending = r.pending.slice(i);
        if (r.pending.length > 0) break;
      }
      this.advance(r, target);
      r.meta.cursor = target;
      r.pipeline.publisher.setReplay({ ...r.meta });
      if (target >= r.meta.to && r.pending.length === 0) this.finish(r, 'finished');
      r.pipeline.tick();
    } catch (err) {
      this.deps.log.error({ err, id: r.meta.id }, 'replay step failed');
      this.finish(r, 'stopped');
    } finally {
      r.busy = false;
    }
  }

  /** Moves the virtual clock, sweeping and sampling at the data's own pace. */
  private advance(r: Running, t: number): void {
    while (r.nextSample <= t) {
      r.clock.set(r.nextSample);
      r.pipeline.sweep(r.nextSample);
      r.pipeline.sample(r.nextSample);
      r.nextSample += SERIES_STEP_MS;
    }
    if (t > r.clock.now()) r.clock.set(t);
  }

  private finish(r: Running, state: 'finished' | 'stopped'): void {
    if (r.meta.state !== 'running') return;
    clearInterval(r.timer);
    r.meta.state = state;
    r.pipeline.publisher.setReplay({ ...r.meta });
    r.pipeline.tick();
    this.deps.log.info({ id: r.meta.id, state }, 'replay ended');
    const t = setTimeout(() => {
      this.running.delete(r.meta.id);
      this.deps.rooms.delete(r.meta.id);
      r.pipeline.dispose();
    }, this.lingerMs);
    t.unref?.();
  }
}
