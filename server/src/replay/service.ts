import { randomUUID } from 'node:crypto';
import { DEVICE_KINDS, KINDS, silentAfterMs, SERIES_STEP_MS, type ReplayMeta } from '@futian/shared';
import { ManualClock, type Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { DeviceRegistry } from '../devices/registry.js';
import type { RoomHub } from '../rooms/hub.js';
import { prefillSeries } from '../rooms/prefill.js';
import type { Room } from '../rooms/room.js';
import { StoredReportsFeed } from '../rooms/sources/replay.js';
import type { StatsService } from '../stats/service.js';
import type { Store } from '../store/types.js';

export interface ReplayRequest {
  from: number;
  to: number;
  speed: number;
}

interface Running {
  meta: ReplayMeta;
  room: Room;
}

const TICK_MS = 100;
export const MAX_REPLAYS = 4;
export const MAX_SPEED = 3600;
/** How far before the oldest stored report a replay may start: one cadence of the fastest fleet. */
const START_SLACK_MS = Math.min(...DEVICE_KINDS.map((k) => KINDS[k].cadenceMs));

/**
 * Replays a stored time range at N× into a room of its own (`replay:<id>`).
 * Each replay is a room with a fresh pipeline over the shared registry, fed
 * stored raw reports on a virtual clock, so live state, live seq and live
 * history are never touched. Every snapshot and delta carries `replay`, from
 * which walls draw the 回放 watermark.
 */
export class ReplayService {
  private readonly running = new Map<string, Running>();
  /** Finished replays linger so walls can show the end state before switching back. */
  private readonly lingerMs = 5 * 60_000;
  private readonly lingering = new Set<NodeJS.Timeout>();
  /** The oldest stored raw report's ts, as of the last `refreshRange`; null while none is stored. */
  private earliest: number | null = null;

  constructor(
    private readonly deps: {
      store: Store;
      registry: DeviceRegistry;
      stats: StatsService;
      hub: RoomHub;
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

  /**
   * The range a replay can cover: from the oldest stored raw report (or the
   * retention limit, if later) to now. Null while nothing is stored. The
   * console offers only presets inside it (`ConsoleState.replayRange`).
   */
  range(): { from: number; to: number } | null {
    if (this.earliest === null) return null;
    const now = this.deps.clock.now();
    const from = Math.max(this.earliest, now - this.deps.retentionRawMs);
    return from < now ? { from, to: now } : null;
  }

  /**
   * Re-reads the oldest stored report (one row, by the (ts, device) key).
   * Called at each start and periodically, since pruning moves it forward.
   */
  async refreshRange(): Promise<{ from: number; to: number } | null> {
    const [first] = await this.deps.store.reportsPage(0, this.deps.clock.now() + 1, null, 1);
    this.earliest = first?.ts ?? null;
    return this.range();
  }

  /** Validates and starts a replay; throws an Error with a client-facing message. */
  async start(req: ReplayRequest): Promise<ReplayMeta> {
    const now = this.deps.clock.now();
    if (!Number.isFinite(req.from) || !Number.isFinite(req.to) || req.from >= req.to) throw new Error('from must be before to');
    if (req.to > now) throw new Error('cannot replay the future');
    if (req.from < now - this.deps.retentionRawMs) throw new Error('from is older than raw-data retention');
    // Refused, not clamped (issue #41): a range reaching back before the first
    // stored report would replay empty cells (a red 0.00 %), and a silently
    // shortened replay would not be the one the operator asked for.
    const range = await this.refreshRange();
    if (!range) throw new Error('no stored data to replay yet');
    // A start up to one pile cadence early is let through: its first reports arrive at once.
    if (req.from < range.from - START_SLACK_MS) throw new Error(`from is before the earliest stored data (${new Date(range.from).toISOString()})`);
    if (!Number.isFinite(req.speed) || req.speed < 1 || req.speed > MAX_SPEED) throw new Error(`speed must be 1–${MAX_SPEED}`);
    const active = [...this.running.values()].filter((r) => r.meta.state === 'running').length;
    if (active >= MAX_REPLAYS) throw new Error(`at most ${MAX_REPLAYS} replays at once`);

    const id = `replay:${randomUUID().slice(0, 8)}`;
    const meta: ReplayMeta = { id, from: req.from, to: req.to, speed: req.speed, cursor: req.from, state: 'running' };
    const clock = new ManualClock(req.from);
    const running: Running = {
      meta,
      room: this.deps.hub.create({
        id,
        kind: 'replay',
        clock,
        setClock: (t) => clock.set(t),
        pipeline: {
          registry: this.deps.registry,
          replay: meta,
          stats: this.deps.stats.all(),
          // Same wall configuration as live (boards, enterprises), taken at start.
          ext: { ...this.deps.liveExt() },
        },
        source: new StoredReportsFeed({
          store: this.deps.store,
          meta,
          tickMs: TICK_MS,
          onEnd: (state, err) => {
            if (err) this.deps.log.error({ err, id }, 'replay step failed');
            this.finish(running, state);
          },
        }),
        tickMs: TICK_MS,
        // Silence is judged at the data's own pace: once per sample step of virtual time.
        sweepMs: SERIES_STEP_MS,
        sampleMs: SERIES_STEP_MS,
        catchUp: true,
      }),
    };
    const { room } = running;
    // Starting state: each device's newest report inside its silence window before `from`.
    const window = Math.max(...DEVICE_KINDS.map(silentAfterMs));
    for (const row of await this.deps.store.latestReportsBetween(req.from - window, req.from)) room.observeRow(row, row.ts, true);
    room.pipeline.sweep(req.from);
    await prefillSeries(room.pipeline, this.deps.store, req.from);
    // The mirror must start from the reconstructed state, not from empty cells.
    room.tick();

    this.running.set(id, running);
    this.deps.hub.add(room);
    this.deps.log.info({ id, from: req.from, to: req.to, speed: req.speed }, 'replay started');
    return { ...meta };
  }

  stop(id: string): ReplayMeta | undefined {
    const r = this.running.get(id);
    if (!r) return undefined;
    if (r.meta.state === 'running') {
      this.finish(r, 'stopped');
      // The driver is halted; the walls still in the room see the final state once.
      r.room.tick();
    }
    return { ...r.meta };
  }

  dispose(): void {
    // A step waiting between slices sees this and ends instead of touching a closed room.
    for (const r of this.running.values()) if (r.meta.state === 'running') r.meta.state = 'stopped';
    for (const t of this.lingering) clearTimeout(t);
    this.lingering.clear();
    for (const id of this.running.keys()) this.deps.hub.close(id);
    this.running.clear();
  }

  private finish(r: Running, state: 'finished' | 'stopped'): void {
    if (r.meta.state !== 'running') return;
    r.meta.state = state;
    this.deps.hub.halt(r.meta.id);
    r.room.pipeline.publisher.setReplay({ ...r.meta });
    this.deps.log.info({ id: r.meta.id, state }, 'replay ended');
    const t = setTimeout(() => {
      this.lingering.delete(t);
      this.running.delete(r.meta.id);
      this.deps.hub.close(r.meta.id);
    }, this.lingerMs);
    t.unref?.();
    this.lingering.add(t);
  }
}
