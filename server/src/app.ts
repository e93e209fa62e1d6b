import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express, { type Express } from 'express';
import { Server } from 'socket.io';
import { CONFIG_SLOT, CONSOLE_NAMESPACE, DEVICE_KINDS, LIVE_ROOM, silentAfterMs, WALL_NAMESPACE } from '@futian/shared';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { DeviceRegistry } from './devices/registry.js';
import { loadGeo } from './geo.js';
import { historyRoutes } from './history/routes.js';
import { Pruner } from './history/retention.js';
import { HistoryWriter } from './history/writer.js';
import { errorHandler, notFound } from './http/errors.js';
import { ingestRoutes } from './ingest/routes.js';
import { IngestService } from './ingest/service.js';
import { silentLogger, type Logger } from './logger.js';
import { Metrics } from './metrics/metrics.js';
import { MqttIntake } from './mqtt/intake.js';
import { Pipeline } from './pipeline/pipeline.js';
import { prefillSeries } from './pipeline/prefill.js';
import { replayRoutes } from './replay/routes.js';
import { ReplayService } from './replay/service.js';
import { CODE_STATUS, type Store } from './store/types.js';
import { statsRoutes } from './stats/routes.js';
import { StatsService } from './stats/service.js';
import { createOps, type Ops } from './ops/index.js';
import type { DemoSource } from './ops/demo.js';
import { Timers } from './timers.js';
import { loadWallConfig } from './wall-config.js';
import { attachWallNamespace, type WallNamespace, type WallServer } from './wall/namespace.js';
import { wallRoutes } from './wall/routes.js';

export interface AppDeps {
  config: Config;
  store: Store;
  clock?: Clock;
  logger?: Logger;
  /** Scripted dataset for the demo room; supplied by the composition root (mock feeds). */
  demoSource?: DemoSource;
}

export interface WallApp {
  readonly config: Config;
  readonly express: Express;
  readonly http: HttpServer;
  readonly io: WallServer;
  readonly wall: WallNamespace;
  readonly store: Store;
  readonly registry: DeviceRegistry;
  readonly live: Pipeline;
  readonly ingest: IngestService;
  readonly stats: StatsService;
  readonly history: HistoryWriter;
  readonly pruner: Pruner;
  readonly metrics: Metrics;
  readonly rooms: Map<string, Pipeline>;
  readonly mqtt: MqttIntake | null;
  readonly replays: ReplayService;
  readonly ops: Ops;
  listen(port?: number, host?: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

/**
 * Builds the whole server from injected parts. Nothing here reads process.env or
 * the wall clock directly, so a test can start it on port 0 with its own store,
 * clock and config, and several instances can share one process.
 */
export async function createApp(deps: AppDeps): Promise<WallApp> {
  const { config, store } = deps;
  const clock = deps.clock ?? systemClock;
  const log = deps.logger ?? silentLogger;
  const metrics = new Metrics();
  const timers = new Timers();

  const registry = new DeviceRegistry(store);
  await registry.load();
  const stats = new StatsService(store, clock, log);
  await stats.load();
  const history = new HistoryWriter(store, log);
  const geo = loadGeo(config.geoFile, config.parksFile, log);
  const wallConfig = loadWallConfig(config.boardsFile, config.enterprisesFile);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const http = createServer(app);
  const io: WallServer = new Server(http, {
    serveClient: false,
    // Short blips (a switch reboot, a wall PC waking) are bridged by replaying the
    // missed deltas; past two minutes the client resyncs from a snapshot.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });

  const rooms = new Map<string, Pipeline>();
  const live = new Pipeline({
    room: LIVE_ROOM,
    registry,
    clock,
    stats: stats.all(),
    ext: { [CONFIG_SLOT]: wallConfig },
    emit: (d) => {
      io.of(WALL_NAMESPACE).to(LIVE_ROOM).emit('wall:delta', d);
      metrics.deltas.inc({ room: LIVE_ROOM });
    },
    onTransition: (t) =>
      history.transition({ ts: t.ts, device: t.device.idx, from: t.from, to: t.to }),
    onSamples: (rows) => {
      for (const r of rows) history.sample(r);
    },
  });
  rooms.set(LIVE_ROOM, live);
  stats.onChange((v) => live.publisher.pushStat(v));

  // Restore device state from the newest stored reports, so a restart does not
  // show the whole fleet as silent until every device has reported again.
  const restoreFrom = clock.now() - Math.max(...DEVICE_KINDS.map(silentAfterMs));
  const simulatedSource = new Map<number, boolean>();
  for (const s of await store.sources()) {
    simulatedSource.set(s.id, config.sources.find((c) => c.name === s.name)?.simulated ?? false);
  }
  for (const row of await store.latestReports(restoreFrom)) {
    const dev = registry.byIndex(row.device);
    if (!dev) continue;
    live.fleet.observe(
      dev,
      {
        status: CODE_STATUS[row.status] ?? 'offline',
        busy: row.busy === null ? undefined : row.busy === 1,
        powerKw: row.powerKw ?? undefined,
        sensorsOnline: row.sensors ?? undefined,
      },
      row.ts,
      row.ts,
      simulatedSource.get(row.source) ?? false,
    );
  }

  // The last hour of chart series from stored samples, so a restarted server
  // does not show empty charts until an hour has passed.
  await prefillSeries(live, store, clock.now());
  live.tick();

  const ingest = new IngestService({
    store,
    registry,
    live,
    clock,
    rawRetentionMs: config.retention.rawMs,
    counters: metrics.ingestCounters(),
  });
  const pruner = new Pruner(store, config.retention, () => clock.now(), log);

  app.use(
    wallRoutes({
      config,
      store,
      registry,
      rooms,
      geo,
      metrics,
      clients: () => io.of(WALL_NAMESPACE).sockets.size + io.of(CONSOLE_NAMESPACE).sockets.size,
    }),
  );
  app.use(ingestRoutes({ sources: config.sources, ingest, registry, live, log }));
  app.use(statsRoutes({ sources: config.sources, stats }));
  const replays = new ReplayService({
    store,
    registry,
    stats,
    io,
    rooms,
    clock,
    log,
    retentionRawMs: config.retention.rawMs,
    liveExt: () => ({ [CONFIG_SLOT]: live.publisher.snapshot().ext[CONFIG_SLOT] }),
  });
  const liveExt = () => ({ [CONFIG_SLOT]: live.publisher.snapshot().ext[CONFIG_SLOT] });
  const ops = await createOps({
    config,
    store,
    io,
    wall: io.of(WALL_NAMESPACE),
    rooms,
    live,
    registry,
    replays,
    timers,
    clock,
    log,
    demoSource: deps.demoSource,
    liveExt,
  });
  const wall = attachWallNamespace(io, rooms, {
    clock,
    log,
    hooks: { ...ops.wallHooks, onResync: (room) => metrics.resyncs.inc({ room }) },
  });
  app.use(ops.router);
  app.use(replayRoutes({ sources: config.sources, replays }));
  app.use(historyRoutes({ store, history, now: () => clock.now(), retention: config.retention }));

  if (existsSync(path.join(config.clientDist, 'wall.html'))) {
    app.use('/assets', express.static(path.join(config.clientDist, 'assets'), { immutable: true, maxAge: '365d' }));
    app.get(['/wall', '/wall/'], (_req, res) => res.sendFile(path.join(config.clientDist, 'wall.html')));
    app.get(['/console', '/console/'], (_req, res, next) => {
      const file = path.join(config.clientDist, 'console.html');
      if (existsSync(file)) res.sendFile(file);
      else next();
    });
  } else {
    log.warn({ clientDist: config.clientDist }, 'client is not built; /wall will answer 503');
    app.get(['/wall', '/wall/'], (_req, res) => {
      res.status(503).json({ error: 'client not built: run `pnpm build`' });
    });
  }
  app.get('/', (_req, res) => res.redirect(302, '/wall'));
  app.use(notFound);
  app.use(errorHandler(log));

  // The clocks of the live room. Each callback is cheap and bounded; none does
  // per-device work except the sweep, which only visits expired devices.
  timers.every(config.publishTickMs, () => {
    const d = live.tick();
    if (d) metrics.deltaBytes.observe({ room: LIVE_ROOM }, Buffer.byteLength(JSON.stringify(d)));
  });
  timers.every(config.sweepMs, () => live.sweep(clock.now()));
  timers.every(config.seriesStepMs, () => live.sample(clock.now()));
  timers.every(config.historyFlushMs, () => void history.flush());
  timers.every(60_000, () => void pruner.run());
  timers.every(5_000, () => {
    metrics.sockets.set({ namespace: WALL_NAMESPACE }, io.of(WALL_NAMESPACE).sockets.size);
    metrics.sockets.set({ namespace: CONSOLE_NAMESPACE }, io.of(CONSOLE_NAMESPACE).sockets.size);
  });

  // MQTT is optional: the embedded default needs no broker. When configured, a
  // broker that is down at start-up fails the start, loudly, rather than leaving
  // the wall silently deaf to pole and charger telemetry.
  let mqtt: MqttIntake | null = null;
  if (config.mqttUrl) {
    mqtt = new MqttIntake({
      url: config.mqttUrl,
      topicPrefix: config.mqttTopicPrefix,
      source: { name: 'mqtt', token: '', simulated: config.mqttSimulated },
      ingest,
      log,
      metrics,
    });
    await mqtt.start();
  }

  let closed = false;
  return {
    config,
    express: app,
    http,
    io,
    wall,
    store,
    registry,
    live,
    ingest,
    stats,
    history,
    pruner,
    metrics,
    rooms,
    mqtt,
    replays,
    ops,
    listen(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          http.off('error', reject);
          resolve(http.address() as AddressInfo);
        });
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      timers.dispose();
      replays.dispose();
      await ops.dispose();
      if (mqtt) await mqtt.stop();
      for (const p of rooms.values()) p.dispose();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
      await history.flush();
      metrics.dispose();
    },
  };
}
