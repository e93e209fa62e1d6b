import type { Namespace, Server } from 'socket.io';
import {
  CONSOLE_NAMESPACE,
  isModuleId,
  type Ack,
  type ConsoleClientToServerEvents,
  type ConsoleServerToClientEvents,
  type ConsoleState,
  type InterServerEvents,
  type Role,
  type SceneRef,
  type SocketData,
  type Targets,
} from '@futian/shared';
import type { AlarmService } from '../alarms/service.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { ControlService } from '../ops/control.js';
import type { ScreenRegistry } from '../ops/screens.js';
import type { ReplayService } from '../replay/service.js';
import type { AuditLog } from './audit.js';
import { hasRole, parseCookies, SESSION_COOKIE, type AuthService } from './auth.js';

export type ConsoleNamespace = Namespace<ConsoleClientToServerEvents, ConsoleServerToClientEvents, InterServerEvents, SocketData>;

export interface ConsoleDeps {
  auth: AuthService;
  audit: AuditLog;
  control: ControlService;
  screens: ScreenRegistry;
  replays: ReplayService;
  alarms: AlarmService;
  clock: Clock;
  log: Logger;
  /** The app's timer registry, so close() stops ours too. */
  every: (ms: number, fn: () => void) => void;
}

const fail = (error: string): Ack<never> => ({ ok: false, error });

function targets(v: unknown): Targets | null {
  if (v === 'all') return 'all';
  if (Array.isArray(v) && v.length > 0 && v.length <= 200 && v.every((x) => typeof x === 'string' && x.length <= 64)) return v as string[];
  return null;
}

function scene(v: unknown): SceneRef | null | undefined {
  if (v === null) return null;
  if (!v || typeof v !== 'object') return undefined;
  const s = v as Record<string, unknown>;
  if (s.module !== 'auto' && !isModuleId(s.module)) return undefined;
  const h = s.highlight as Record<string, unknown> | null | undefined;
  if (h !== undefined && h !== null && (typeof h.type !== 'string' || typeof h.id !== 'string' || h.id.length > 64)) return undefined;
  // The only layout a scene can ask for is the module alone (see SceneRef).
  if (s.layout !== undefined && s.layout !== 'single') return undefined;
  return {
    module: s.module as SceneRef['module'],
    ...(s.layout === 'single' ? { layout: 'single' } : {}),
    ...(h ? { highlight: { type: h.type, id: h.id } as SceneRef['highlight'] } : {}),
  };
}

/**
 * The duty officer's live channel. The handshake must carry a valid session
 * cookie (an anonymous socket gets connect_error "unauthorized"); each action is
 * role-checked against the session as it is now, audited, and acknowledged.
 */
export function attachConsoleNamespace(io: Server, deps: ConsoleDeps): ConsoleNamespace {
  const nsp = io.of(CONSOLE_NAMESPACE) as unknown as ConsoleNamespace;

  nsp.use((socket, next) => {
    const token = parseCookies(socket.request.headers.cookie)[SESSION_COOKIE];
    deps.auth
      .userForToken(token)
      .then((u) => {
        if (!u) return next(new Error('unauthorized'));
        socket.data.user = { id: u.id, name: u.name, role: u.role };
        socket.data.sessionHash = u.sessionHash;
        socket.data.mustChangePassword = u.mustChangePassword;
        next();
      })
      .catch(() => next(new Error('unauthorized')));
  });

  const state = (me: NonNullable<SocketData['user']>, mustChange: boolean): ConsoleState => ({
    me: { ...me, mustChangePassword: mustChange },
    screens: deps.screens.list(),
    tour: deps.control.tour,
    notice: deps.control.currentNotice,
    sceneAll: deps.control.currentSceneAll,
    replays: deps.replays.list(),
    alarms: deps.alarms.board(),
    serverTime: deps.clock.now(),
  });

  // One broadcast per burst of changes, not one per screen heartbeat.
  let pending: NodeJS.Timeout | null = null;
  const broadcast = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      for (const s of nsp.sockets.values()) if (s.data.user) s.emit('console:state', state(s.data.user, s.data.mustChangePassword ?? false));
    }, 200);
    pending.unref?.();
  };
  deps.screens.onChange(broadcast);
  deps.control.onChange(broadcast);
  deps.alarms.onChange(broadcast);
  deps.audit.onRecord((e) => nsp.emit('console:audit', e));
  // A signed-out or disabled user's open consoles drop at once, not at their next action.
  deps.auth.onSessionsEnded((e) => {
    for (const s of nsp.sockets.values()) {
      if ((e.userId !== undefined && s.data.user?.id === e.userId) || (e.sessionHash && s.data.sessionHash === e.sessionHash)) {
        s.disconnect(true);
      }
    }
  });
  deps.auth.onPasswordChanged((userId) => {
    for (const s of nsp.sockets.values()) {
      if (s.data.user?.id !== userId) continue;
      s.data.mustChangePassword = false;
      s.emit('console:state', state(s.data.user, false));
    }
  });
  // Replay progress moves every tick; the console hears about it once a second.
  deps.every(1000, () => {
    if (deps.replays.list().some((r) => r.state === 'running')) broadcast();
  });

  nsp.on('connection', (socket) => {
    socket.emit('console:state', state(socket.data.user!, socket.data.mustChangePassword ?? false));

    /** Re-checks the session and role, then runs and audits the action. */
    const guarded = <Req, Res>(
      event: keyof ConsoleClientToServerEvents,
      need: Role,
      run: (req: Req, user: string) => Promise<{ data: Res; screens?: string[]; detail?: Record<string, unknown> } | string>,
    ) => {
      socket.on(event, (async (req: Req, ack: (r: Ack<Res>) => void) => {
        if (typeof ack !== 'function') return;
        try {
          const u = socket.data.sessionHash ? await deps.auth.stillValid(socket.data.sessionHash) : null;
          if (!u) {
            ack(fail('session ended: sign in again'));
            socket.disconnect(true);
            return;
          }
          if (!hasRole(u, need)) return ack(fail(`${need} role required`));
          if (u.mustChangePassword && event !== 'audit:list') return ack(fail('change the one-time password first'));
          const out = await run(req ?? ({} as Req), u.name);
          if (typeof out === 'string') return ack(fail(out));
          if (event !== 'audit:list') await deps.audit.record(u.name, event, out.screens ?? [], out.detail ?? {});
          ack({ ok: true, data: out.data });
        } catch (err) {
          deps.log.error({ err, event }, 'console action failed');
          ack(fail(err instanceof Error ? err.message : 'failed'));
        }
      }) as never);
    };

    guarded<{ screens: unknown; scene: unknown }, { screens: string[] }>('scene:set', 'operator', async (req, by) => {
      const t = targets(req.screens);
      const s = scene(req.scene);
      if (!t) return "screens must be 'all' or a list of screen ids";
      if (s === undefined) return 'scene must be null or { module, layout?: "single", highlight? } with a known module';
      const ids = deps.control.setScene(t, s, by);
      return { data: { screens: ids }, screens: t === 'all' ? ['all'] : ids, detail: { scene: s } };
    });
    guarded<{ screens: unknown }, ReturnType<ControlService['startTour']>>('tour:start', 'operator', async (req, by) => {
      const t = targets(req.screens);
      if (!t) return "screens must be 'all' or a list of screen ids";
      const st = deps.control.startTour(t, by);
      return { data: st, screens: t === 'all' ? ['all'] : t, detail: { tour: st.tourId, version: st.version } };
    });
    guarded<unknown, NonNullable<ReturnType<ControlService['pauseTour']>>>('tour:pause', 'operator', async (_req, by) => {
      const st = deps.control.pauseTour(by);
      return st ? { data: st, detail: { index: deps.control.tourIndex() } } : 'no tour is running';
    });
    guarded<unknown, NonNullable<ReturnType<ControlService['resumeTour']>>>('tour:resume', 'operator', async () => {
      const st = deps.control.resumeTour();
      return st ? { data: st, detail: { index: deps.control.tourIndex() } } : 'no tour to resume';
    });
    guarded<unknown, null>('tour:stop', 'operator', async () => {
      deps.control.stopTour();
      return { data: null };
    });
    guarded<{ text: unknown; level: unknown; ttlS: unknown; screens: unknown }, ReturnType<ControlService['sendNotice']>>(
      'notice:send',
      'operator',
      async (req, by) => {
        const text = req.text as { zh?: unknown; en?: unknown } | null;
        if (!text || typeof text.zh !== 'string' || !text.zh.trim() || text.zh.length > 200) return 'text.zh is required (≤ 200 chars)';
        const en = typeof text.en === 'string' && text.en.trim() ? text.en.slice(0, 200) : text.zh;
        const level = req.level === 'warn' || req.level === 'urgent' ? req.level : 'info';
        const ttl = Number(req.ttlS);
        if (!(ttl >= 5 && ttl <= 24 * 3600)) return 'ttlS must be 5 s – 24 h';
        const t = targets(req.screens);
        if (!t) return "screens must be 'all' or a list of screen ids";
        const n = deps.control.sendNotice({ zh: text.zh.slice(0, 200), en }, level, ttl, t, by);
        return { data: n, screens: t === 'all' ? ['all'] : t, detail: { text: n.text.zh, level, ttlS: ttl } };
      },
    );
    guarded<unknown, null>('notice:clear', 'operator', async () => {
      deps.control.clearNotice();
      return { data: null };
    });
    guarded<{ from: unknown; to: unknown; speed: unknown; screens: unknown }, Awaited<ReturnType<ControlService['startReplay']>>>(
      'replay:start',
      'operator',
      async (req) => {
        const t = targets(req.screens);
        if (!t) return "screens must be 'all' or a list of screen ids";
        try {
          const meta = await deps.control.startReplay({ from: Number(req.from), to: Number(req.to), speed: Number(req.speed) }, t);
          return { data: meta, screens: t === 'all' ? ['all'] : t, detail: { id: meta.id, from: meta.from, to: meta.to, speed: meta.speed } };
        } catch (err) {
          return err instanceof Error ? err.message : 'cannot start replay';
        }
      },
    );
    guarded<{ id: unknown }, NonNullable<ReturnType<ControlService['stopReplay']>>>('replay:stop', 'operator', async (req) => {
      const meta = typeof req.id === 'string' ? deps.control.stopReplay(req.id) : undefined;
      return meta ? { data: meta, detail: { id: meta.id } } : 'no such replay';
    });
    guarded<{ id: unknown; comment: unknown }, null>('alarm:ack', 'operator', async (req, by) => {
      const comment = typeof req.comment === 'string' ? req.comment.trim() : '';
      if (!comment) return 'a comment is required to acknowledge an alarm';
      const a = typeof req.id === 'number' ? await deps.alarms.ack(req.id, by, comment) : null;
      return a ? { data: null, detail: { alarm: a.id, rule: a.ruleId, subject: a.subject, comment } } : 'no such open alarm';
    });
    guarded<{ before?: unknown; limit?: unknown }, Awaited<ReturnType<AuditLog['list']>>>('audit:list', 'viewer', async (req) => {
      const before = typeof req.before === 'number' ? req.before : null;
      const limit = typeof req.limit === 'number' ? req.limit : 100;
      return { data: await deps.audit.list(before, limit) };
    });
    guarded<{ id: unknown; name: unknown }, null>('screen:rename', 'operator', async (req) => {
      if (typeof req.id !== 'string' || typeof req.name !== 'string' || !req.name.trim()) return 'id and name are required';
      return deps.screens.rename(req.id, req.name.trim()) ? { data: null, screens: [req.id], detail: { name: req.name.trim() } } : 'no such screen';
    });
  });
  return nsp;
}
