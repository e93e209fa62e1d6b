import type { Router } from 'express';
import type { Server } from 'socket.io';
import { AlarmService } from '../alarms/service.js';
import { loadAlarmRules } from '../alarms/rules.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { AuditLog } from '../console/audit.js';
import { AuthService } from '../console/auth.js';
import { attachConsoleNamespace, type ConsoleNamespace } from '../console/namespace.js';
import { consoleRoutes } from '../console/routes.js';
import type { DeviceRegistry } from '../devices/registry.js';
import type { Logger } from '../logger.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { ReplayService } from '../replay/service.js';
import type { Store } from '../store/types.js';
import type { Timers } from '../timers.js';
import type { WallNamespace, WallNamespaceHooks } from '../wall/namespace.js';
import { ControlService } from './control.js';
import { DemoRoom, type DemoSource } from './demo.js';
import { ScreenRegistry } from './screens.js';
import { loadTour } from './tour.js';

export interface Ops {
  auth: AuthService;
  audit: AuditLog;
  screens: ScreenRegistry;
  control: ControlService;
  alarms: AlarmService;
  demo: DemoRoom | null;
  console: ConsoleNamespace;
  router: Router;
  wallHooks: WallNamespaceHooks;
  /** Set when this start created the first admin with a generated password. */
  firstAdminPassword: string | null;
  dispose(): Promise<void>;
}

/**
 * Wall operations: console auth and audit, the screen registry, the control plane
 * (scenes, tour, notices, replays), the demo room and alarms. Built once per app.
 */
export async function createOps(d: {
  config: Config;
  store: Store;
  io: Server;
  wall: WallNamespace;
  rooms: Map<string, Pipeline>;
  live: Pipeline;
  registry: DeviceRegistry;
  replays: ReplayService;
  timers: Timers;
  clock: Clock;
  log: Logger;
  demoSource?: DemoSource;
  liveExt: () => Record<string, unknown>;
}): Promise<Ops> {
  const { store, clock, log } = d;
  const auth = new AuthService(store.ops, clock, log);
  const first = await auth.ensureFirstAdmin(d.config.adminPassword);
  if (first.oneTime) {
    log.warn(
      { user: 'admin', oneTimePassword: first.oneTime, console: '/console' },
      'FIRST START: console admin created with this one-time password; it must be changed at first sign-in',
    );
  }
  const audit = new AuditLog(store.ops, clock, log);
  const screens = new ScreenRegistry(store.ops, clock, log);
  await screens.load();

  const rules = loadAlarmRules(d.config.alarmsFile);
  const alarms = new AlarmService({ rules, pipeline: d.live, registry: d.registry, repo: store.ops, clock, log });
  await alarms.load();
  d.timers.every(1000, () => void alarms.evaluate());

  // The demo room exists only when the composition root supplies a scripted dataset.
  let demoAlarms: AlarmService | null = null;
  let demo: DemoRoom | null = null;
  if (d.demoSource) {
    demo = new DemoRoom({
      source: d.demoSource,
      io: d.io,
      rooms: d.rooms,
      log,
      clock,
      liveExt: d.liveExt,
      onPipeline: (p) => {
        demoAlarms?.dispose();
        demoAlarms = new AlarmService({ rules, pipeline: p, registry: d.registry, repo: null, clock, log: log.child({ room: 'demo' }) });
      },
    });
    await demo.init();
    d.timers.every(1000, () => {
      if (demo?.running) void demoAlarms?.evaluate();
    });
  }

  const control = new ControlService({ tour: loadTour(d.config.tourFile), screens, wall: d.wall, rooms: d.rooms, replays: d.replays, demo, clock, log });
  const consoleNsp = attachConsoleNamespace(d.io, {
    auth,
    audit,
    control,
    screens,
    replays: d.replays,
    alarms,
    clock,
    log,
    every: (ms, fn) => void d.timers.every(ms, fn),
  });

  const wallHooks: WallNamespaceHooks = {
    onHello: (socketId, hello, room) => {
      const info = screens.hello(socketId, hello, room);
      control.onHello(info.id);
    },
    onState: (socketId, scene) => screens.state(socketId, scene),
    onLeave: (socketId) => screens.leave(socketId),
  };

  return {
    auth,
    audit,
    screens,
    control,
    alarms,
    demo,
    console: consoleNsp,
    router: consoleRoutes({ auth, audit }),
    wallHooks,
    firstAdminPassword: first.oneTime ?? null,
    async dispose() {
      control.dispose();
      alarms.dispose();
      demoAlarms?.dispose();
      await demo?.dispose();
    },
  };
}
