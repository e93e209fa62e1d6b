import { KINDS, type IngestReport } from '@futian/shared';
import { systemClock, type Clock } from './clock.js';
import type { BehaviourConfig, DeepPartial } from './config.js';
import type { FeedName, FeedSource, Incident, IncidentEvent } from './feed.js';
import { createFeeds, DEFAULT_SEED } from './feeds.js';
import { noopLogger, type Logger } from './logger.js';
import { HttpSink, type ChannelStats, type FetchLike } from './sinks/http.js';
import { MqttSink, type MqttSinkStats } from './sinks/mqtt.js';

export interface FeedRunnerOptions {
  /** Wall server, e.g. http://localhost:8080. */
  baseUrl: string;
  /** Source token for Authorization: Bearer. */
  token: string;
  seed?: number | string;
  layoutSeed?: number;
  /** Heartbeat rate multiplier (benchmarks use 10). */
  rate?: number;
  /** Telemetry path; registration and statistics always use HTTP. */
  via?: 'http' | 'mqtt';
  mqttUrl?: string;
  topicPrefix?: string;
  /** MQTT publish pace; default max(5,000, 1.5 × the fleet's steady report rate). */
  mqttMaxPerSecond?: number;
  clock?: Clock;
  logger?: Logger;
  tickMs?: number;
  /** Run only these of the default feeds. */
  only?: readonly FeedName[];
  /** Replace the default feeds entirely. */
  feeds?: FeedSource[];
  behaviour?: DeepPartial<BehaviourConfig>;
  revisionIntervalMs?: number;
  fetch?: FetchLike;
  /** Bound on queued reports while the server is unreachable. */
  maxQueued?: number;
}

export interface RunnerStats {
  ticks: number;
  /** Reports handed to the server (HTTP: answered; MQTT: acknowledged by the broker). */
  sent: number;
  failed: number;
  dropped: number;
  rejected: number;
  duplicates: number;
  queued: number;
  figuresSent: number;
  incidents: number;
  lastError: string | null;
  http: { ingest: ChannelStats; stats: ChannelStats };
  mqtt?: MqttSinkStats;
}

export interface FeedRunner {
  readonly feeds: readonly FeedSource[];
  /** Registers every device, then ticks at once and every tickMs. */
  start(): Promise<void>;
  /** Clears every timer and closes the sinks. */
  stop(): Promise<void>;
  stats(): RunnerStats;
  /** Forces an incident now; null when no feed knows the target. Effects go out on the next tick. */
  injectIncident(incident: Incident): IncidentEvent | null;
}

/** Minimum time between two re-registrations after the server forgot our devices. */
const RESYNC_MIN_INTERVAL_MS = 60_000;

export function createFeedRunner(opts: FeedRunnerOptions): FeedRunner {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? noopLogger;
  const tickMs = opts.tickMs ?? 1_000;
  const via = opts.via ?? 'http';
  if (via === 'mqtt' && !opts.mqttUrl) throw new Error('via mqtt needs mqttUrl');
  const feeds =
    opts.feeds ??
    createFeeds({
      seed: opts.seed ?? DEFAULT_SEED,
      ...(opts.layoutSeed !== undefined && { layoutSeed: opts.layoutSeed }),
      rate: opts.rate ?? 1,
      ...(opts.behaviour && { behaviour: opts.behaviour }),
      ...(opts.revisionIntervalMs !== undefined && { revisionIntervalMs: opts.revisionIntervalMs }),
      ...(opts.only && { only: opts.only }),
    });

  let timer: ReturnType<typeof setInterval> | null = null;
  let state: 'new' | 'starting' | 'running' | 'stopped' = 'new';
  // stop() may run while start() awaits; reading through a function keeps TS from narrowing `state`.
  const current = (): typeof state => state;
  let ticks = 0;
  let incidents = 0;
  let lastResync = Number.NEGATIVE_INFINITY;
  let resyncing: Promise<void> | null = null;
  let mqtt: MqttSink | null = null;

  const http = new HttpSink({
    baseUrl: opts.baseUrl,
    token: opts.token,
    logger,
    ...(opts.fetch && { fetch: opts.fetch }),
    ...(opts.maxQueued !== undefined && { maxQueued: opts.maxQueued }),
    onUnknownDevices: () => resync(),
  });

  const registrations = () => feeds.flatMap((f) => f.registrations());

  /** The server answered "unknown device": it restarted without its registry. Register again and resend figures. */
  function resync(): void {
    const now = clock.now();
    if (resyncing || state !== 'running' || now - lastResync < RESYNC_MIN_INTERVAL_MS) return;
    lastResync = now;
    logger.warn({}, 'server does not know some devices; registering the fleet again');
    resyncing = http
      .register(registrations())
      .then(() => http.sendFigures(feeds.flatMap((f) => f.currentFigures?.() ?? [])))
      .catch((err: unknown) => logger.error({ error: err instanceof Error ? err.message : String(err) }, 're-registration failed'))
      .finally(() => {
        resyncing = null;
      });
  }

  function logIncident(ev: IncidentEvent): void {
    incidents++;
    logger.info(
      {
        incident: ev.type, kind: ev.kind, mode: ev.mode, devices: ev.deviceIds.length, durationMs: ev.to - ev.from,
        ...(ev.subdistrict && { subdistrict: ev.subdistrict }), ...(ev.siteId && { siteId: ev.siteId }), forced: ev.forced,
      },
      'incident',
    );
  }

  function tick(): void {
    const now = clock.now();
    ticks++;
    const reports: IngestReport[] = [];
    for (const feed of feeds) {
      try {
        const out = feed.tick(now);
        // push(...) would overflow the stack on the first tick's burst of ~19k reports.
        for (const r of out.reports) reports.push(r);
        if (out.figures.length > 0) http.sendFigures(out.figures);
        for (const ev of out.incidents) if (!ev.forced) logIncident(ev);
      } catch (err) {
        logger.error({ feed: feed.name, error: err instanceof Error ? err.message : String(err) }, 'feed tick failed');
      }
    }
    if (reports.length === 0) return;
    if (mqtt) mqtt.publish(reports);
    else http.sendReports(reports);
  }

  return {
    feeds,
    async start() {
      if (state !== 'new') throw new Error(`runner already ${state}`);
      state = 'starting';
      const regs = registrations();
      if (via === 'mqtt' && opts.mqttUrl) {
        const steady = regs.reduce((n, r) => n + (1000 * (opts.rate ?? 1)) / KINDS[r.kind].cadenceMs, 0);
        mqtt = new MqttSink({
          url: opts.mqttUrl,
          logger,
          maxPerSecond: opts.mqttMaxPerSecond ?? Math.max(5_000, Math.ceil(1.5 * steady)),
          ...(opts.topicPrefix !== undefined && { topicPrefix: opts.topicPrefix }),
        });
      }
      try {
        await http.register(regs);
      } catch (err) {
        if (current() === 'stopped') return; // stop() during registration is not an error
        state = 'stopped';
        await Promise.all([http.stop(), mqtt?.stop()]);
        throw err;
      }
      if (current() !== 'starting') return;
      logger.info({ devices: regs.length, feeds: feeds.map((f) => f.name), via, tickMs }, 'feeds registered; ticking');
      state = 'running';
      tick();
      timer = setInterval(tick, tickMs);
    },
    async stop() {
      if (state === 'stopped') return;
      state = 'stopped';
      if (timer) clearInterval(timer);
      timer = null;
      await http.stop();
      await resyncing;
      await mqtt?.stop();
    },
    stats() {
      const h = http.stats();
      const m = mqtt?.stats();
      const out: RunnerStats = {
        ticks,
        sent: m ? m.sent : h.ingest.sent,
        failed: (m ? m.failed : h.ingest.failed) + h.stats.failed,
        dropped: (m ? m.dropped : h.ingest.dropped) + h.stats.dropped,
        rejected: h.ingest.rejected + h.stats.rejected,
        duplicates: h.ingest.duplicates,
        queued: (m ? m.pending + m.queued : h.ingest.queued) + h.stats.queued,
        figuresSent: h.stats.sent,
        incidents,
        lastError: m?.lastError ?? h.ingest.lastError ?? h.stats.lastError,
        http: h,
      };
      if (m) out.mqtt = m;
      return out;
    },
    injectIncident(incident) {
      const now = clock.now();
      for (const feed of feeds) {
        const ev = feed.inject?.(incident, now);
        if (ev) {
          logIncident(ev);
          return ev;
        }
      }
      return null;
    },
  };
}
