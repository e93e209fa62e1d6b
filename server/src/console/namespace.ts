import type { Namespace, Server, Socket } from 'socket.io';
import {
  CONSOLE_NAMESPACE,
  CONSOLE_SCHEMAS,
  zodReason,
  type Ack,
  type ConsoleClientToServerEvents,
  type ConsoleEvent,
  type ConsoleParsed,
  type ConsoleReplies,
  type ConsoleServerToClientEvents,
  type ConsoleState,
  type InterServerEvents,
  type Role,
  type SocketData,
  type Targets,
} from '@futian/shared';
import type { AlarmService } from '../alarms/service.js';
import type { AuditLog } from '../audit/log.js';
import { hasRole, parseCookies, SESSION_COOKIE, type AuthService } from '../auth/service.js';
import type { ControlService } from '../control/service.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { ReplayService } from '../replay/service.js';
import type { Enrollment } from '../screens/enrollment.js';
import type { PairingBook } from '../screens/pairing.js';
import type { ScreenRegistry } from '../screens/registry.js';

export type ConsoleNamespace = Namespace<ConsoleClientToServerEvents, ConsoleServerToClientEvents, InterServerEvents, SocketData>;
type ConsoleSocket = Socket<ConsoleClientToServerEvents, ConsoleServerToClientEvents, InterServerEvents, SocketData>;

export interface ConsoleDeps {
  auth: AuthService;
  audit: AuditLog;
  control: ControlService;
  screens: ScreenRegistry;
  pairing: PairingBook;
  enrollment: Enrollment;
  replays: ReplayService;
  alarms: AlarmService;
  clock: Clock;
  log: Logger;
  /** The app's timer registry, so close() stops ours too. */
  every: (ms: number, fn: () => void) => void;
}

/** A handler's answer: the ack data with what the audit trail records, or a refusal the operator reads. */
type Outcome<T> = { data: T; screens?: string[]; detail?: Record<string, unknown> } | string;

interface Handler<E extends ConsoleEvent> {
  role: Role;
  run: (req: ConsoleParsed<E>, by: string) => Promise<Outcome<ConsoleReplies[E]>> | Outcome<ConsoleReplies[E]>;
}

type Handlers = { [E in ConsoleEvent]: Handler<E> };

/** What the audit trail names as targets: 'all', or the screens asked for (or those an action resolved them to). */
const audited = (t: Targets, resolved?: string[]): string[] => (t === 'all' ? ['all'] : (resolved ?? t));

/** Every console action: who may do it, and what it does. The schema in shared/ has already checked the request. */
function handlers(d: ConsoleDeps): Handlers {
  return {
    'scene:set': {
      role: 'operator',
      run: (req, by) => {
        const ids = d.control.setScene(req.screens, req.scene, by);
        return { data: { screens: ids }, screens: audited(req.screens, ids), detail: { scene: req.scene } };
      },
    },
    'tour:start': {
      role: 'operator',
      run: (req, by) => {
        const st = d.control.startTour(req.screens, by);
        return { data: st, screens: audited(req.screens), detail: { tour: st.tourId, version: st.version } };
      },
    },
    'tour:pause': {
      role: 'operator',
      run: (_req, by) => {
        const st = d.control.pauseTour(by);
        return st ? { data: st, detail: { index: d.control.tourIndex() } } : 'no tour is running';
      },
    },
    'tour:resume': {
      role: 'operator',
      run: () => {
        const st = d.control.resumeTour();
        return st ? { data: st, detail: { index: d.control.tourIndex() } } : 'no tour to resume';
      },
    },
    'tour:stop': {
      role: 'operator',
      run: () => {
        d.control.stopTour();
        return { data: null };
      },
    },
    'notice:send': {
      role: 'operator',
      run: (req, by) => {
        const text = { zh: req.text.zh, en: req.text.en || req.text.zh };
        const n = d.control.sendNotice(text, req.level, req.ttlS, req.screens, by);
        return { data: n, screens: audited(req.screens), detail: { text: n.text.zh, level: req.level, ttlS: req.ttlS } };
      },
    },
    'notice:clear': {
      role: 'operator',
      run: () => {
        d.control.clearNotice();
        return { data: null };
      },
    },
    'replay:start': {
      role: 'operator',
      run: async (req) => {
        try {
          const meta = await d.control.startReplay({ from: req.from, to: req.to, speed: req.speed }, req.screens);
          return {
            data: meta,
            screens: audited(req.screens),
            detail: { id: meta.id, from: meta.from, to: meta.to, speed: meta.speed },
          };
        } catch (err) {
          return err instanceof Error ? err.message : 'cannot start replay';
        }
      },
    },
    'replay:stop': {
      role: 'operator',
      run: (req) => {
        const meta = d.control.stopReplay(req.id);
        return meta ? { data: meta, detail: { id: meta.id } } : 'no such replay';
      },
    },
    'alarm:ack': {
      role: 'operator',
      run: async (req, by) => {
        const a = await d.alarms.ack(req.id, by, req.comment);
        return a ? { data: null, detail: { alarm: a.id, rule: a.ruleId, subject: a.subject, comment: req.comment } } : 'no such open alarm';
      },
    },
    'audit:list': {
      role: 'viewer',
      run: async (req) => ({ data: await d.audit.list(req.before ?? null, req.limit ?? 100) }),
    },
    'screen:rename': {
      role: 'operator',
      run: async (req) => {
        const me = d.screens.identity(req.id);
        const info = me && (await d.enrollment.configure(req.id, { name: req.name, layout: me.layout, screen: me.screen, mode: me.mode }));
        return info ? { data: null, screens: [req.id], detail: { name: req.name } } : 'no such enrolled screen';
      },
    },
    'screen:approve': {
      role: 'operator',
      run: async (req, by) => {
        const info = await d.enrollment.approve(req.code, req.id, req.config, by);
        if (typeof info === 'string') return info;
        d.control.onConfigured(info.id);
        return { data: info, screens: [info.id], detail: { via: 'pairing code', address: info.address, ...req.config } };
      },
    },
    'screen:configure': {
      role: 'operator',
      run: async (req) => {
        const info = await d.enrollment.configure(req.id, req.config);
        if (!info) return 'no such enrolled screen';
        d.control.onConfigured(req.id);
        return { data: info, screens: [req.id], detail: { ...req.config } };
      },
    },
    'screen:revoke': {
      role: 'operator',
      run: async (req) => {
        if (!(await d.enrollment.revoke(req.id))) return 'no such enrolled screen';
        d.control.forgetScreen(req.id);
        return { data: null, screens: [req.id] };
      },
    },
    'screen:forget': {
      role: 'operator',
      run: async (req) => ((await d.enrollment.forget(req.id)) ? { data: null, screens: [req.id] } : 'only a revoked screen can be forgotten; revoke it first'),
    },
    'enroll:create': {
      role: 'operator',
      run: async (req, by) => {
        const r = await d.enrollment.createLink(req.id, req.config, req.ttlH, by);
        if (typeof r === 'string') return r;
        // The token goes to this operator only; the audit trail names the link, never its secret.
        return { data: r, screens: req.id ? [req.id] : [], detail: { link: r.link.id, expiresAt: r.link.expiresAt, ...req.config } };
      },
    },
    'enroll:revoke': {
      role: 'operator',
      run: async (req) => ((await d.enrollment.revokeLink(req.id)) ? { data: null, detail: { link: req.id } } : 'no such enrollment link'),
    },
  };
}

/**
 * The duty officer's live channel. The handshake must carry a valid session
 * cookie (an anonymous socket gets connect_error "unauthorized"). Each action
 * is validated by its schema from shared/, role-checked against the session as
 * it is now, run, audited and acknowledged.
 */
export function registerConsole(io: Server, deps: ConsoleDeps): ConsoleNamespace {
  const nsp: ConsoleNamespace = io.of(CONSOLE_NAMESPACE);
  const table = handlers(deps);

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
    pairing: deps.pairing.list(),
    enrollLinks: deps.enrollment.links(),
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
  deps.pairing.onChange(broadcast);
  deps.enrollment.onChange(broadcast);
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

  /** Validates, re-checks the session and role, then runs and audits one action. */
  async function dispatch<E extends ConsoleEvent>(socket: ConsoleSocket, event: E, raw: unknown, ack: (r: Ack<ConsoleReplies[E]>) => void): Promise<void> {
    // A client that sent no ack callback gets nothing: there is nowhere to answer.
    if (typeof ack !== 'function') return;
    const fail = (error: string) => ack({ ok: false, error });
    try {
      const u = socket.data.sessionHash ? await deps.auth.stillValid(socket.data.sessionHash) : null;
      if (!u) {
        fail('session ended: sign in again');
        socket.disconnect(true);
        return;
      }
      const h: Handler<E> = table[event];
      if (!hasRole(u, h.role)) return fail(`${h.role} role required`);
      if (u.mustChangePassword && event !== 'audit:list') return fail('change the one-time password first');
      const parsed = CONSOLE_SCHEMAS[event].safeParse(raw);
      if (!parsed.success) return fail(zodReason(parsed.error));
      const out = await h.run(parsed.data, u.name);
      if (typeof out === 'string') return fail(out);
      if (event !== 'audit:list') await deps.audit.record(u.name, event, out.screens ?? [], out.detail ?? {});
      ack({ ok: true, data: out.data });
    } catch (err) {
      deps.log.error({ err, event }, 'console action failed');
      fail(err instanceof Error ? err.message : 'failed');
    }
  }

  nsp.on('connection', (socket) => {
    socket.emit('console:state', state(socket.data.user!, socket.data.mustChangePassword ?? false));
    // socket.io's listener types cannot be indexed by a generic event name, so
    // each event is bound by its literal name; the mapped type makes a missing
    // event a compile error, and the event map checks every line.
    const bind: { [E in ConsoleEvent]: () => void } = {
      'scene:set': () => socket.on('scene:set', (raw, ack) => void dispatch(socket, 'scene:set', raw, ack)),
      'tour:start': () => socket.on('tour:start', (raw, ack) => void dispatch(socket, 'tour:start', raw, ack)),
      'tour:pause': () => socket.on('tour:pause', (raw, ack) => void dispatch(socket, 'tour:pause', raw, ack)),
      'tour:resume': () => socket.on('tour:resume', (raw, ack) => void dispatch(socket, 'tour:resume', raw, ack)),
      'tour:stop': () => socket.on('tour:stop', (raw, ack) => void dispatch(socket, 'tour:stop', raw, ack)),
      'notice:send': () => socket.on('notice:send', (raw, ack) => void dispatch(socket, 'notice:send', raw, ack)),
      'notice:clear': () => socket.on('notice:clear', (raw, ack) => void dispatch(socket, 'notice:clear', raw, ack)),
      'replay:start': () => socket.on('replay:start', (raw, ack) => void dispatch(socket, 'replay:start', raw, ack)),
      'replay:stop': () => socket.on('replay:stop', (raw, ack) => void dispatch(socket, 'replay:stop', raw, ack)),
      'alarm:ack': () => socket.on('alarm:ack', (raw, ack) => void dispatch(socket, 'alarm:ack', raw, ack)),
      'audit:list': () => socket.on('audit:list', (raw, ack) => void dispatch(socket, 'audit:list', raw, ack)),
      'screen:rename': () => socket.on('screen:rename', (raw, ack) => void dispatch(socket, 'screen:rename', raw, ack)),
      'screen:approve': () => socket.on('screen:approve', (raw, ack) => void dispatch(socket, 'screen:approve', raw, ack)),
      'screen:configure': () => socket.on('screen:configure', (raw, ack) => void dispatch(socket, 'screen:configure', raw, ack)),
      'screen:revoke': () => socket.on('screen:revoke', (raw, ack) => void dispatch(socket, 'screen:revoke', raw, ack)),
      'screen:forget': () => socket.on('screen:forget', (raw, ack) => void dispatch(socket, 'screen:forget', raw, ack)),
      'enroll:create': () => socket.on('enroll:create', (raw, ack) => void dispatch(socket, 'enroll:create', raw, ack)),
      'enroll:revoke': () => socket.on('enroll:revoke', (raw, ack) => void dispatch(socket, 'enroll:revoke', raw, ack)),
    };
    for (const b of Object.values(bind)) b();
  });
  return nsp;
}
