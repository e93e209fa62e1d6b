import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express, { type Express } from 'express';
import { Server } from 'socket.io';
import { can, CONFIG_SLOT, CONSOLE_NAMESPACE, INDUSTRY_SLOT, LIVE_ROOM, WALL_NAMESPACE, type StatValue } from '@futian/shared';
import { registerAlarms } from './alarms/register.js';
import type { AlarmService } from './alarms/service.js';
import { AuditLog } from './audit/log.js';
import { AuditRefusals } from './audit/refusals.js';
import { AuthService, parseCookies, SESSION_COOKIE } from './auth/service.js';
import { sessionGate } from './http/session.js';
import { logAuditHead } from './audit/head.js';
import { AuditPruner } from './audit/prune.js';
import { auditRoutes } from './audit/routes.js';
import { BATCH_STREAM_MAX_LEN, ClusterNode, defaultNodeId, KEYFRAME_MS, ROOM_STREAM_MAX_LEN } from './cluster/node.js';
import type { Config } from './config/config.js';
import { registerConsole } from './console/namespace.js';
import { consoleRoutes } from './console/routes.js';
import { ControlService, type SharedControl } from './control/service.js';
import { MemoryDeviceRepo } from './devices/memory-repo.js';
import { DeviceRegistry } from './devices/registry.js';
import { deviceRoutes } from './devices/routes.js';
import { geoRoutes } from './geo/routes.js';
import { buildIndustry } from './industry/index.js';
import { industryRoutes } from './industry/routes.js';
import { industryConsoleRoutes } from './industry/console-routes.js';
import { IndustryService } from './industry/service.js';
import { Pruner } from './history/retention.js';
import { historyRoutes } from './history/routes.js';
import { HistoryWriter } from './history/writer.js';
import { errorHandler, notFound } from './http/errors.js';
import { pageRoutes } from './http/pages.js';
import { defaultMqttClientId, MqttIntake } from './ingest/mqtt.js';
import { ingestRoutes } from './ingest/routes.js';
import { IngestService, type CommittedBatch } from './ingest/service.js';
import { Metrics } from './monitoring/metrics.js';
import { monitoringRoutes } from './monitoring/routes.js';
import type { Pipeline } from './pipeline/pipeline.js';
import { systemClock, type Clock } from './platform/clock.js';
import { silentLogger, type Logger } from './platform/logger.js';
import { Timers } from './platform/timers.js';
import { replayRoutes } from './replay/routes.js';
import { ReplayService } from './replay/service.js';
import { RoomHub, type RelayMessage, type RoomRelay, type WallServer } from './rooms/hub.js';
import { registerWallRooms } from './rooms/namespace.js';
import { roomRoutes } from './rooms/routes.js';
import { DemoRoom, type DemoSource } from './rooms/sources/demo.js';
import { openLiveRoom, restoreLive } from './rooms/sources/live.js';
import { Enrollment } from './screens/enrollment.js';
import { registerScreenEvents, registerScreenHandshake } from './screens/namespace.js';
import { PairingBook } from './screens/pairing.js';
import { ScreenRegistry } from './screens/registry.js';
import { clientAddress, expressTrust } from './security/address.js';
import { noStore, securityHeaders } from './security/headers.js';
import { originAllowed, sameOriginWrites } from './security/origin.js';
import { metricsAccess, readAccess } from './security/read-access.js';
import { capConnections, dropSlowReaders, guardEvents } from './security/socket-limits.js';
import { statsRoutes } from './stats/routes.js';
import { statsConsoleRoutes } from './stats/console-routes.js';
import { StatsImports } from './stats/imports.js';
import { snapshotRoutes } from './snapshot/routes.js';
import { SnapshotService } from './snapshot/service.js';
import { StatsService } from './stats/service.js';
import { loadConfigFiles, type ConfigFiles } from './startup.js';
import type { Store } from './store/types.js';

export interface AppDeps {
  config: Config;
  store: Store;
  clock?: Clock;
  logger?: Logger;
  /** Scripted dataset for the demo room; supplied by the entry (mock feeds), since the server never imports them. */
  demoSource?: DemoSource;
  /** The configuration files, when the entry loaded them before opening the store (loaded here otherwise). */
  files?: ConfigFiles;
}

export interface WallApp {
  readonly config: Config;
  readonly express: Express;
  readonly http: HttpServer;
  readonly io: WallServer;
  readonly store: Store;
  readonly registry: DeviceRegistry;
  readonly rooms: RoomHub;
  /** The live room's pipeline (tests and benches read and drive it). */
  readonly live: Pipeline;
  readonly ingest: IngestService;
  readonly stats: StatsService;
  readonly history: HistoryWriter;
  readonly pruner: Pruner;
  readonly metrics: Metrics;
  readonly mqtt: MqttIntake | null;
  readonly replays: ReplayService;
  readonly auth: AuthService;
  readonly audit: AuditLog;
  readonly refusals: AuditRefusals;
  readonly screens: ScreenRegistry;
  readonly enrollment: Enrollment;
  readonly control: ControlService;
  readonly alarms: AlarmService;
  readonly demo: DemoRoom | null;
  /** Cluster mode (REDIS_URL) only: this node's Redis side. */
  readonly cluster: ClusterNode | null;
  /** Set when this start created the first admin with a generated password. */
  readonly firstAdminPassword: string | null;
  listen(port?: number, host?: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

/**
 * The composition root: the one place that builds every domain and wires them
 * together. Domains never import each other's wiring, only each other's types
 * and services, and none imports this file. Nothing here reads process.env or
 * the wall clock directly, so a test can start it on port 0 with its own
 * store, clock and config, and several instances can share one process.
 */
export async function createApp(deps: AppDeps): Promise<WallApp> {
  const { config, store } = deps;
  const clock = deps.clock ?? systemClock;
  const log = deps.logger ?? silentLogger;
  const metrics = new Metrics();
  const timers = new Timers();

  // ---- Cluster (REDIS_URL): connected first (an unreachable Redis is the
  // start's only line) and before socket.io, whose adapter it supplies ----
  // Without REDIS_URL none of this runs: one process, the in-memory adapter.
  const cluster = config.redisUrl
    ? await ClusterNode.connect({ url: config.redisUrl, prefix: config.redisPrefix, nodeId: config.nodeId ?? defaultNodeId(config.port), log })
    : null;

  // ---- Configuration files: a broken one stops the start, naming the file ----
  const { geo, wallConfig, tour, rules } = deps.files ?? loadConfigFiles(config);
  log.info({ boundaryFile: config.geoFile, regions: geo.regions, parksFile: config.parksFile }, 'geo layers loaded');
  // The industry registry sits beside boards.json (config/industry/), and is built against the geo files the wall draws.
  const industry = buildIndustry(path.join(path.dirname(config.boardsFile), 'industry'), wallConfig.boards, geo);

  // ---- Stored state ----
  const registry = new DeviceRegistry(store);
  await registry.load();
  const stats = new StatsService(store, clock, log);
  await stats.load();
  // The registry served is configuration and seed, or with the enterprise list staff published (in the store).
  const industryService = new IndustryService(industry, store, clock);
  await industryService.load();
  const history = new HistoryWriter(store, log);
  const pruner = new Pruner(store, config.retention, () => clock.now(), log);

  // ---- HTTP and socket.io, with the limits every client meets first ----
  const addressOf = clientAddress(config.trustProxy);
  const originOk = originAllowed(config.allowedOrigins);
  const refused = (reason: string) => metrics.refused.inc({ reason });
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', expressTrust(config.trustProxy));
  app.use(securityHeaders(config.clientDist));
  const http = createServer(app);
  const connections = capConnections(config.limits.socketsPerAddress, addressOf, refused);
  const io: WallServer = new Server(http, {
    serveClient: false,
    // Short blips (a switch reboot, a wall PC waking) are bridged by replaying the
    // missed deltas; past two minutes the client resyncs from a snapshot. The
    // handshake checks run again on recovery: a screen revoked during the blip
    // must not come back as itself.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    pingInterval: 10_000,
    pingTimeout: 10_000,
    // No wall or console message comes near this; a larger frame is not parsed at all.
    maxHttpBufferSize: 64 * 1024,
    allowRequest: connections.allow,
    ...(cluster ? { adapter: cluster.adapter() } : {}),
  });
  connections.attach(io);
  for (const nsp of [io.of(WALL_NAMESPACE), io.of(CONSOLE_NAMESPACE)]) {
    nsp.use((socket, next) => {
      socket.data.address = addressOf(socket.request);
      next();
    });
  }
  // A page on another site must not drive the console with an officer's cookie.
  io.of(CONSOLE_NAMESPACE).use((socket, next) => (originOk(socket.request) ? next() : next(new Error('cross-site connection refused'))));
  guardEvents(io.of(WALL_NAMESPACE), { ...config.limits, eventBytes: config.limits.wallEventBytes }, refused);
  guardEvents(io.of(CONSOLE_NAMESPACE), { ...config.limits, eventBytes: config.limits.consoleEventBytes }, refused);
  const stopSlowReaders = [
    dropSlowReaders(io.of(WALL_NAMESPACE), config.limits.socketBufferBytes, log, () => refused('buffer')),
    dropSlowReaders(io.of(CONSOLE_NAMESPACE), config.limits.socketBufferBytes, log, () => refused('buffer')),
  ];

  // ---- Rooms: live, then demo and replays on demand ----
  // In a cluster every room's messages go through one Redis stream that every
  // node reads back into its mirrors (rooms/README.md): one ordered line per room.
  const roomStream = cluster?.stream<RelayMessage>('rooms', ROOM_STREAM_MAX_LEN) ?? null;
  const relay: RoomRelay | null = roomStream
    ? {
        keyframeMs: KEYFRAME_MS,
        publish: (m) => void roomStream.publish(m).catch((err: unknown) => log.warn({ err, room: m.room }, 'room message not relayed')),
      }
    : null;
  const batchStream = cluster?.stream<CommittedBatch>('batches', BATCH_STREAM_MAX_LEN) ?? null;
  // Batches committed while this node restores the live room from the store are read from the stream afterwards.
  const batchesAfter = batchStream ? await batchStream.lastId() : '0-0';
  const ownsLive = () => !cluster || hub.drives(LIVE_ROOM);
  const hub = new RoomHub(io, {
    log,
    ...(relay ? { relay } : {}),
    onDelta: (room, d) => {
      metrics.deltas.inc({ room: room.kind });
      // Serialising a delta again only to weigh it is paid for the live room alone.
      if (room.kind === 'live') metrics.deltaBytes.observe({ room: LIVE_ROOM }, Buffer.byteLength(JSON.stringify(d)));
    },
  });
  // The rooms' connection handler comes first: a socket is in its room before it says hello.
  registerWallRooms(hub, {
    log,
    policy: { openView: () => config.openView, resyncMinIntervalMs: config.limits.resyncMinIntervalMs },
    onResync: (room) => metrics.resyncs.inc({ room: room === LIVE_ROOM ? room : room.split(':')[0]! }),
    onResyncRefused: () => refused('resync'),
  });
  const { room: live, source: liveSource } = await openLiveRoom({
    hub,
    store,
    clock,
    pipeline: {
      registry,
      stats: stats.all(),
      ext: { [CONFIG_SLOT]: wallConfig, [INDUSTRY_SLOT]: { version: industryService.current().version } },
      // Every node of a cluster applies every report; the live room's owner alone writes history.
      onTransition: (t) => {
        if (ownsLive()) history.transition({ ts: t.ts, device: t.device.idx, from: t.from, to: t.to });
      },
      onSamples: (rows) => {
        for (const r of rows) history.sample(r);
      },
    },
    tickMs: config.publishTickMs,
    sweepMs: config.sweepMs,
    sampleMs: config.seriesStepMs,
    simulated: (name) => config.sources.find((c) => c.name === name)?.simulated ?? false,
    standby: cluster !== null,
  });
  stats.onChange((v) => live.pipeline.publisher.pushStat(v));
  // A published or rolled-back enterprise list: open walls see a new version and fetch the registry again.
  industryService.onChange((version) => live.pipeline.publisher.setExt(INDUSTRY_SLOT, { version }));
  const liveExt = () => ({ [CONFIG_SLOT]: live.pipeline.publisher.snapshot().ext[CONFIG_SLOT], [INDUSTRY_SLOT]: live.pipeline.publisher.snapshot().ext[INDUSTRY_SLOT] });

  const ingest = new IngestService({
    store,
    registry,
    // In a cluster a committed batch reaches the live room through the stream,
    // on every node alike (this one too), so all apply the same reports in the same order.
    onCommitted: batchStream
      ? (b) => void batchStream.publish(b).catch((err: unknown) => log.warn({ err }, 'committed batch not relayed; the live room catches up from the store on takeover'))
      : (b) => liveSource.committed(b),
    clock,
    rawRetentionMs: config.retention.rawMs,
    counters: metrics.ingestCounters(),
  });
  const replays = new ReplayService({ store, registry, stats, hub, clock, log, retentionRawMs: config.retention.rawMs, liveExt });
  // The console's replay presets follow the stored range; pruning and first data move it.
  await replays.refreshRange();
  timers.every(10_000, () => void replays.refreshRange().catch((err: unknown) => log.warn({ err }, 'replay range refresh failed')));

  // The demo room exists only when the entry supplies a scripted dataset. Its
  // devices live in a registry of their own, in memory: they are never stored.
  let demo: DemoRoom | null = null;
  if (deps.demoSource) {
    demo = new DemoRoom({ script: deps.demoSource, hub, registry: new DeviceRegistry(new MemoryDeviceRepo()), clock, log, liveExt });
    await demo.init();
  }

  // ---- Operations: people, screens, control, alarms ----
  const audit = new AuditLog(store.audit, clock, log);
  const refusals = new AuditRefusals(audit, clock, config.auditRefusalWindowMs);
  const auth = new AuthService({ repo: store.accounts, clock, log, audit, refusals, defaults: config.identityPolicy });
  await auth.init();
  const gate = sessionGate(auth, refusals, addressOf);
  const auditPruner = new AuditPruner(store.audit, audit, config.auditRetentionMs, () => clock.now(), log);
  await auditPruner.init();
  const first = await auth.ensureFirstAdmin(config.adminPassword);
  if (first.oneTime) {
    log.warn(
      { user: 'admin', oneTimePassword: first.oneTime, console: '/console' },
      'FIRST START: console admin created with this one-time password; sign in, then choose your own name and password',
    );
  }
  const screens = new ScreenRegistry(store.ops, clock, log);
  await screens.load();
  const pairing = new PairingBook(clock, config.pairing);
  const enrollment = new Enrollment({ registry: screens, pairing, repo: store.ops, nsp: hub.nsp, audit, refusals, clock, log });
  await enrollment.load();
  registerScreenHandshake(hub.nsp, { screens, log });
  const alarms = await registerAlarms({
    hub,
    rules,
    registry,
    repo: store.ops,
    timers,
    clock,
    log,
    startupGraceCadences: config.alarmStartupGraceCadences,
    active: ownsLive,
  });
  const controlTopic = cluster ? await cluster.topic<SharedControl>('control') : null;
  const control = new ControlService({
    tour,
    screens,
    hub,
    replays,
    demo,
    clock,
    log,
    ...(controlTopic ? { share: (st: SharedControl) => controlTopic.publish(st) } : {}),
  });
  controlTopic?.on((st) => control.adopt(st));

  // ---- Cluster: follow the streams, then compete for the live room's lease ----
  // What the console and the wall sockets change about screens goes through
  // this; in a cluster it also tells the other nodes to load the change.
  let sharedEnrollment: Enrollment = enrollment;
  if (cluster && roomStream && batchStream) {
    // Start a few keyframes back, so each room on air reaches this node's mirror at once.
    const [sec] = await cluster.redis.time();
    cluster.follow(roomStream, `${Number(sec) * 1000 - 3 * KEYFRAME_MS}-0`, (m) => hub.receive(m));
    // A batch may name devices another node registered a moment ago: load them
    // first, keeping the batches in stream order.
    let applying: Promise<void> = Promise.resolve();
    cluster.follow(batchStream, batchesAfter, (b) => {
      applying = applying
        .then(async () => {
          if (b.rows.some((r) => !registry.byIndex(r.device))) await registry.reload();
          liveSource.committed(b);
        })
        .catch((err: unknown) => log.warn({ err }, 'committed batch not applied'));
    });
    // A statistics revision posted to any node reaches the live room wherever it is driven.
    const statsTopic = await cluster.topic<StatValue>('stats');
    stats.onChange((v) => statsTopic.publish(v));
    statsTopic.on((v) => {
      live.pipeline.publisher.pushStat(v);
      void stats.load().catch((err: unknown) => log.warn({ err }, 'statistics reload failed'));
    });
    // An enterprise list published or rolled back on any node: every node reads the list in force from the store.
    const industryTopic = await cluster.topic<{ version: string }>('industry');
    industryService.onChange((version) => industryTopic.publish({ version }));
    industryTopic.on(() => void industryService.load().catch((err: unknown) => log.warn({ err }, 'industry registry reload failed')));
    // Screens enrolled, configured, revoked or forgotten on any node: every node
    // loads the registry from the store again (coalesced), and drops its own
    // sockets of screens no longer enrolled.
    const screensTopic = await cluster.topic<{ changed: true }>('screens');
    let refreshing = false;
    let again = false;
    const refreshScreens = async (): Promise<void> => {
      if (refreshing) {
        again = true;
        return;
      }
      refreshing = true;
      try {
        do {
          again = false;
          for (const sid of await screens.refresh()) hub.nsp.sockets.get(sid)?.disconnect(true);
        } while (again);
      } catch (err) {
        log.warn({ err }, 'screen registry refresh failed');
      } finally {
        refreshing = false;
      }
    };
    const MUTATING = new Set<PropertyKey>(['approve', 'redeem', 'configure', 'revoke', 'forget', 'createLink', 'revokeLink']);
    sharedEnrollment = new Proxy(enrollment, {
      get: (target, prop, receiver) => {
        const v: unknown = Reflect.get(target, prop, receiver);
        if (typeof v !== 'function') return v;
        const fn = (v as (...a: unknown[]) => unknown).bind(target);
        if (!MUTATING.has(prop)) return fn;
        return async (...args: unknown[]) => {
          const out = await fn(...args);
          screensTopic.publish({ changed: true });
          return out;
        };
      },
    });
    screensTopic.on(() => {
      void refreshScreens();
      void enrollment.load().catch((err: unknown) => log.warn({ err }, 'enrollment links reload failed'));
    });
    // Devices registered on any node are known on every node (ingest validates against the registry).
    const devicesTopic = await cluster.topic<{ added: number }>('devices');
    registry.onAdded((added) => devicesTopic.publish({ added: added.length }));
    devicesTopic.on(() => void registry.reload().catch((err: unknown) => log.warn({ err }, 'device registry reload failed')));
    let generation = 0;
    const lease = cluster.lease(LIVE_ROOM, {
      acquired: (epoch) => {
        const mine = ++generation;
        // Fill in whatever the stream did not bring (trimmed while this node was away), then drive.
        void restoreLive(live, { store, clock, simulated: (name) => config.sources.find((c) => c.name === name)?.simulated ?? false })
          .catch((err: unknown) => log.warn({ err }, 'live room restore on takeover failed; driving from the state this node has'))
          .then(() => {
            if (mine === generation && lease.held) hub.activate(LIVE_ROOM, epoch);
          });
      },
      lost: () => {
        generation++;
        hub.deactivate(LIVE_ROOM);
      },
    });
    lease.start();
  }
  registerScreenEvents(hub.nsp, { screens, pairing, enrollment: sharedEnrollment, openView: () => config.openView, clock, onHello: (id) => control.onHello(id) });
  // In a cluster the live room's owner keeps the alarms (it evaluates them); an
  // acknowledgement given on another node is applied there too, and every change
  // the owner makes is loaded by the others, so each node's consoles list them.
  let consoleAlarms: AlarmService = alarms.live;
  if (cluster) {
    const alarmTopic = await cluster.topic<{ t: 'ack'; id: number; by: string; comment: string } | { t: 'changed' }>('alarms');
    alarms.live.onChange(() => {
      if (ownsLive()) alarmTopic.publish({ t: 'changed' });
    });
    alarmTopic.on((m) => {
      if (m.t === 'ack' && ownsLive()) void alarms.live.ack(m.id, m.by, m.comment).catch((err: unknown) => log.warn({ err }, 'forwarded alarm acknowledgement failed'));
      if (m.t === 'changed' && !ownsLive()) void alarms.live.load().catch((err: unknown) => log.warn({ err }, 'alarm reload failed'));
    });
    const ack: AlarmService['ack'] = async (id, by, comment) => {
      if (!ownsLive()) {
        // This node's list may predate the alarm: load it first.
        await alarms.live.load();
        alarmTopic.publish({ t: 'ack', id, by, comment });
      }
      return alarms.live.ack(id, by, comment);
    };
    consoleAlarms = new Proxy(alarms.live, {
      get: (target, prop, receiver) => {
        if (prop === 'ack') return ack;
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  }
  registerConsole(io, {
    auth,
    audit,
    control,
    screens,
    pairing,
    enrollment: sharedEnrollment,
    replays,
    alarms: consoleAlarms,
    clock,
    log,
    every: (ms, fn) => void timers.every(ms, fn),
  });

  // ---- HTTP routes, each domain's own, behind who may call them ----
  app.use('/metrics', metricsAccess(config.metricsToken));
  app.use(
    ['/api/v1/snapshot', '/api/v1/devices', '/api/v1/history', '/api/v1/stats', '/api/v1/geo', '/api/v1/industry', '/api/v1/replays'],
    readAccess({
      openView: () => config.openView,
      tokens: config.sources,
      refusals,
      screenOf: (credential) => screens.byCredential(credential)?.id,
      consoleUser: async (cookie) => {
        const u = await auth.session(parseCookies(cookie)[SESSION_COOKIE], { touch: false });
        return u && u !== 'timed out' && can(u.role, 'console.view') ? u.name : null;
      },
    }),
  );
  app.use('/api/console', noStore, sameOriginWrites(originOk));
  app.use(
    monitoringRoutes({
      metrics,
      store: () => store.kind,
      devices: () => registry.size,
      clients: () => io.of(WALL_NAMESPACE).sockets.size + io.of(CONSOLE_NAMESPACE).sockets.size,
      // What walls on this node follow: in a cluster, this node's mirror of the owner's line.
      seq: () => hub.snapshot(LIVE_ROOM)?.seq ?? 0,
      rooms: () => hub.size,
      ...(cluster ? { cluster: () => ({ node: cluster.nodeId, ownedRooms: hub.driven(), redis: cluster.redisState }) } : {}),
    }),
  );
  app.use(roomRoutes(hub));
  app.use(geoRoutes(geo));
  app.use(industryRoutes(industryService));
  app.use(ingestRoutes({ sources: config.sources, ingest, refusals, log }));
  app.use(deviceRoutes({ sources: config.sources, registry, audit, refusals, statusOf: (idx) => live.pipeline.fleet.status(idx), log }));
  app.use(statsRoutes({ sources: config.sources, stats, audit, refusals }));
  app.use(consoleRoutes({ auth, gate, addressOf }));
  app.use(statsConsoleRoutes({ stats, imports: new StatsImports(stats, clock), gate, audit }));
  app.use(industryConsoleRoutes({ industry: industryService, gate, audit }));
  /** This server's own address for its headless Chromium, known once it listens. */
  let origin: string | null = null;
  const snapshots = new SnapshotService({
    origin: () => origin,
    createLink: async (id, cfg, by) => {
      const l = await enrollment.createLink(id, cfg, 0.1, by);
      return typeof l === 'string' ? l : { token: l.token };
    },
    setScene: (id, scene, by) => void control.setScene([id], scene, by),
    dispose: async (id) => {
      await enrollment.revoke(id);
      await enrollment.forget(id);
    },
    chromiumPath: config.chromiumPath,
    log,
  });
  app.use(snapshotRoutes({ snapshots, gate, audit, screen: (id) => screens.info(id), sceneOf: (id) => control.controlFor(id).scene ?? null }));
  app.use(auditRoutes({ audit, repo: store.audit, requireUser: (req, res, p) => gate.require(req, res, p), log }));
  app.use(replayRoutes({ replays }));
  app.use(historyRoutes({ store, history, now: () => clock.now(), retention: config.retention }));
  app.use(pageRoutes(config.clientDist, log));
  app.use(notFound);
  app.use(errorHandler(log));

  // ---- Background work that belongs to no room ----
  timers.every(config.historyFlushMs, () => void history.flush());
  timers.every(60_000, () => void pruner.run());
  timers.every(60_000, () => void auditPruner.run());
  // The chain's head in the log every hour: a shipped copy of the log pins the newest rows against truncation.
  void logAuditHead(store.audit, log);
  timers.every(3_600_000, () => void logAuditHead(store.audit, log));
  // Expired pairing codes leave the console's list by themselves.
  timers.every(5_000, () => pairing.sweep());
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
      // Each node of a cluster keeps a session of its own, under its node id, in one shared group.
      clientId: config.mqttClientId ?? (cluster ? `futian-wall-${cluster.nodeId}` : defaultMqttClientId(config.port)),
      ...(cluster ? { shareGroup: `${config.redisPrefix.replace(/[^A-Za-z0-9_-]/g, '')}-wall` } : {}),
      source: { name: 'mqtt', token: '', simulated: config.mqttSimulated, scopes: ['ingest'] },
      ingest,
      log,
      counters: metrics.ingestCounters(),
    });
    await mqtt.start();
  }

  let closed = false;
  return {
    config,
    express: app,
    http,
    io,
    store,
    registry,
    rooms: hub,
    live: live.pipeline,
    ingest,
    stats,
    history,
    pruner,
    metrics,
    mqtt,
    replays,
    auth,
    audit,
    refusals,
    screens,
    enrollment: sharedEnrollment,
    control,
    alarms: alarms.live,
    demo,
    cluster,
    firstAdminPassword: first.oneTime ?? null,
    listen(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          http.off('error', reject);
          const addr = http.address();
          if (addr && typeof addr === 'object') {
            const h = addr.address === '0.0.0.0' || addr.address === '::' ? '127.0.0.1' : addr.address;
            origin = `http://${h.includes(':') ? `[${h}]` : h}:${addr.port}`;
          }
          if (addr && typeof addr === 'object') resolve(addr);
          else reject(new Error('listening on a pipe, not a port'));
        });
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      timers.dispose();
      for (const stop of stopSlowReaders) stop();
      replays.dispose();
      control.dispose();
      alarms.dispose();
      demo?.dispose();
      if (mqtt) await mqtt.stop();
      await refusals.dispose();
      hub.dispose();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      // Its lease is given up first, so another node takes the live room at once.
      await cluster?.close();
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
      await history.flush();
      metrics.dispose();
    },
  };
}
