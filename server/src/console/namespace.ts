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
  type ConsoleUser,
  type InterServerEvents,
  can,
  type Permission,
  type SocketData,
  type Targets,
} from '@futian/shared';
import type { AlarmService } from '../alarms/service.js';
import { cstIso } from '../audit/filters.js';
import type { AuditLog } from '../audit/log.js';
import { parseCookies, SESSION_COOKIE, type AuthService } from '../auth/service.js';
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
  /** What the caller's role must allow (shared/src/roles.ts). */
  need: Permission;
  run: (req: ConsoleParsed<E>, by: string) => Promise<Outcome<ConsoleReplies[E]>> | Outcome<ConsoleReplies[E]>;
}

type Handlers = { [E in ConsoleEvent]: Handler<E> };

/** What the audit trail names as targets: 'all', or the screens asked for (or those an action resolved them to). */
const audited = (t: Targets, resolved?: string[]): string[] => (t === 'all' ? ['all'] : (resolved ?? t));

/** Every console action: who may do it, and what it does. The schema in shared/ has already checked the request. */
function handlers(d: ConsoleDeps): Handlers {
  return {
    'scene:set': {
      need: 'wall.control',
      run: (req, by) => {
        const ids = d.control.setScene(req.screens, req.scene, by);
        return { data: { screens: ids }, screens: audited(req.screens, ids), detail: { scene: req.scene } };
      },
    },
    'tour:start': {
      need: 'wall.control',
      run: (req, by) => {
        const st = d.control.startTour(req.screens, by);
        return { data: st, screens: audited(req.screens), detail: { tour: st.tourId, version: st.version } };
      },
    },
    'tour:pause': {
      need: 'wall.control',
      run: (_req, by) => {
        const st = d.control.pauseTour(by);
        return st ? { data: st, detail: { index: d.control.tourIndex() } } : 'no tour is running';
      },
    },
    'tour:resume': {
      need: 'wall.control',
      run: () => {
        const st = d.control.resumeTour();
        return st ? { data: st, detail: { index: d.control.tourIndex() } } : 'no tour to resume';
      },
    },
    'tour:stop': {
      need: 'wall.control',
      run: () => {
        d.control.stopTour();
        return { data: null };
      },
    },
    'notice:send': {
      need: 'wall.control',
      run: (req, by) => {
        const text = { zh: req.text.zh, en: req.text.en || req.text.zh };
        const n = d.control.sendNotice(text, req.level, req.ttlS, req.screens, by);
        return { data: n, screens: audited(req.screens), detail: { text: n.text.zh, level: req.level, ttlS: req.ttlS } };
      },
    },
    'notice:clear': {
      need: 'wall.control',
      run: () => {
        d.control.clearNotice();
        return { data: null };
      },
    },
    'replay:start': {
      need: 'wall.control',
      run: async (req) => {
        try {
          const meta = await d.control.startReplay({ from: req.from, to: req.to, speed: req.speed }, req.screens);
          return {
            data: meta,
            screens: audited(req.screens),
            // China time, as the console shows it: an auditor reads the row, not epoch milliseconds.
            detail: { id: meta.id, from: cstIso(meta.from), to: cstIso(meta.to), speed: meta.speed },
          };
        } catch (err) {
          return err instanceof Error ? err.message : 'cannot start replay';
        }
      },
    },
    'replay:stop': {
      need: 'wall.control',
      run: (req) => {
        const meta = d.control.stopReplay(req.id);
        return meta ? { data: meta, detail: { id: meta.id } } : 'no such replay';
      },
    },
    'alarm:ack': {
      need: 'wall.control',
      run: async (req, by) => {
        const a = await d.alarms.ack(req.id, by, req.comment);
        return a ? { data: null, detail: { alarm: a.id, rule: a.ruleId, subject: a.subject, comment: req.comment } } : 'no such open alarm';
      },
    },
    'session:touch': {
      need: 'console.view',
      // The touch itself is done by dispatch (every action is activity); this only reports the new limit.
      run: () => ({ data: { expiresAt: 0 } }),
    },
    'screen:rename': {
      need: 'screens.manage',
      run: async (req) => {
        const me = d.screens.identity(req.id);
        const info = me && (await d.enrollment.configure(req.id, { name: req.name, layout: me.layout, screen: me.screen, mode: me.mode }));
        return info ? { data: null, screens: [req.id], detail: { name: req.name } } : 'no such enrolled screen';
      },
    },
    'screen:approve': {
      need: 'screens.manage',
      run: async (req, by) => {
        const info = await d.enrollment.approve(req.code, req.id, req.config, by);
        if (typeof info === 'string') return info;
        d.control.onConfigured(info.id);
        return { data: info, screens: [info.id], detail: { via: 'pairing code', address: info.address, ...req.config } };
      },
    },
    'screen:configure': {
      need: 'screens.manage',
      run: async (req) => {
        const info = await d.enrollment.configure(req.id, req.config);
        if (!info) return 'no such enrolled screen';
        d.control.onConfigured(req.id);
        return { data: info, screens: [req.id], detail: { ...req.config } };
      },
    },
    'screen:revoke': {
      need: 'screens.manage',
      run: async (req) => {
        if (!(await d.enrollment.revoke(req.id))) return 'no such enrolled screen';
        d.control.forgetScreen(req.id);
        return { data: null, screens: [req.id] };
      },
    },
    'screen:forget': {
      need: 'screens.manage',
      run: async (req) => ((await d.enrollment.forget(req.id)) ? { data: null, screens: [req.id] } : 'only a revoked screen can be forgotten; revoke it first'),
    },
    'enroll:create': {
      need: 'screens.manage',
      run: async (req, by) => {
        const r = await d.enrollment.createLink(req.id, req.config, req.ttlH, by);
        if (typeof r === 'string') return r;
        // The token goes to this operator only; the audit trail names the link, never its secret.
        return { data: r, screens: req.id ? [req.id] : [], detail: { link: r.link.id, expiresAt: r.link.expiresAt, ...req.config } };
      },
    },
    'enroll:revoke': {
      need: 'screens.manage',
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
    // Connecting is activity: the person just opened or reloaded the console.
    deps.auth
      .session(token, { touch: true })
      .then((u) => {
        if (u === 'timed out') return next(new Error('session timed out'));
        if (!u) return next(new Error('unauthorized'));
        // The auditor reads the audit trail over REST and sees nothing of the walls (三员分立).
        if (!can(u.role, 'console.view')) return next(new Error('your role has no console'));
        const { sessionHash, sessionId: _i, expiresAt: _e, ...me } = u;
        socket.data.user = { id: u.id, name: u.name, role: u.role };
        socket.data.sessionHash = sessionHash;
        socket.data.me = me;
        next();
      })
      .catch(() => next(new Error('unauthorized')));
  });

  const state = (me: ConsoleUser): ConsoleState => ({
    me,
    screens: deps.screens.list(),
    pairing: deps.pairing.list(),
    enrollLinks: deps.enrollment.links(),
    tour: deps.control.tour,
    notice: deps.control.currentNotice,
    sceneAll: deps.control.currentSceneAll,
    replays: deps.replays.list(),
    replayRange: deps.replays.range(),
    alarms: deps.alarms.board(),
    serverTime: deps.clock.now(),
  });

  // One broadcast per burst of changes, not one per screen heartbeat.
  let pending: NodeJS.Timeout | null = null;
  const broadcast = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      for (const s of nsp.sockets.values()) if (s.data.me) s.emit('console:state', state(s.data.me));
    }, 200);
    pending.unref?.();
  };
  deps.screens.onChange(broadcast);
  deps.pairing.onChange(broadcast);
  deps.enrollment.onChange(broadcast);
  deps.control.onChange(broadcast);
  deps.alarms.onChange(broadcast);
  /** Tells the console why, then drops it: the page shows the reason on the sign-in screen. */
  const end = (s: ConsoleSocket, reason: string) => {
    s.emit('console:ended', { reason });
    s.disconnect(true);
  };
  // A signed-out, timed-out, disabled or re-roled user's open consoles drop at once, not at their next action.
  deps.auth.onSessionsEnded((e) => {
    for (const s of nsp.sockets.values()) {
      if ((e.userId !== undefined && s.data.user?.id === e.userId) || (e.sessionHash && s.data.sessionHash === e.sessionHash)) end(s, e.reason);
    }
  });
  // Pending steps finished, a second factor added, the policy changed: the console shows the account as it is now.
  deps.auth.onUserChanged((userId) => {
    for (const s of nsp.sockets.values()) {
      if (s.data.user?.id !== userId || !s.data.sessionHash) continue;
      void deps.auth.sessionByHash(s.data.sessionHash, { touch: false }).then((u) => {
        if (!u || u === 'timed out') return;
        const { sessionHash: _h, sessionId: _i, expiresAt: _e, ...me } = u;
        s.data.user = { id: u.id, name: u.name, role: u.role };
        s.data.me = me;
        s.emit('console:state', state(me));
      });
    }
  });
  // Replay progress moves every tick; the console hears about it once a second.
  // The replayable range's start moves when the first data is stored and when
  // pruning advances it; consoles hear of that too (their presets depend on it).
  let rangeFrom: number | null = deps.replays.range()?.from ?? null;
  deps.every(1000, () => {
    const from = deps.replays.range()?.from ?? null;
    if (from !== rangeFrom || deps.replays.list().some((r) => r.state === 'running')) broadcast();
    rangeFrom = from;
  });
  // Idle consoles time out even if nobody acts on them (an unattended desk):
  // each open session is checked every 15 s without counting as activity.
  deps.every(15_000, () => {
    for (const s of nsp.sockets.values()) {
      const h = s.data.sessionHash;
      if (!h) continue;
      void deps.auth.sessionByHash(h, { touch: false }).then((u) => {
        if (u === null) end(s, 'session ended');
        // 'timed out' has already been announced through onSessionsEnded.
      });
    }
  });

  /** Validates, re-checks the session and permission, then runs and audits one action. */
  async function dispatch<E extends ConsoleEvent>(socket: ConsoleSocket, event: E, raw: unknown, ack: (r: Ack<ConsoleReplies[E]>) => void): Promise<void> {
    // A client that sent no ack callback gets nothing: there is nowhere to answer.
    if (typeof ack !== 'function') return;
    const fail = (error: string) => ack({ ok: false, error });
    const address = socket.data.address ?? '';
    try {
      const u = socket.data.sessionHash ? await deps.auth.sessionByHash(socket.data.sessionHash, { touch: true }) : null;
      if (!u || u === 'timed out') {
        fail(u ? 'session timed out: sign in again' : 'session ended: sign in again');
        socket.disconnect(true);
        return;
      }
      const actor = { name: u.name, kind: 'user' as const, address };
      const h: Handler<E> = table[event];
      if (event === 'session:touch') return ack({ ok: true, data: { expiresAt: u.expiresAt } as ConsoleReplies[E] });
      const parsed = CONSOLE_SCHEMAS[event].safeParse(raw);
      const refuse = async (reason: string) => {
        await deps.audit.record(actor, { action: event, outcome: 'refused', detail: { reason } });
        fail(reason);
      };
      if (!can(u.role, h.need)) return void (await refuse(`your role (${u.role}) may not do this: ${h.need} required`));
      if (u.pending.length > 0) return void (await refuse('finish setting up your account first'));
      if (!parsed.success) return void (await refuse(zodReason(parsed.error)));
      const out = await h.run(parsed.data, u.name);
      if (typeof out === 'string') return void (await refuse(out));
      const screens = out.screens ?? [];
      await deps.audit.record(actor, { action: event, target: screens.join(','), outcome: 'ok', screens, detail: out.detail ?? {} });
      ack({ ok: true, data: out.data });
    } catch (err) {
      deps.log.error({ err, event }, 'console action failed');
      await deps.audit
        .record({ name: socket.data.user?.name ?? '?', kind: 'user', address }, { action: event, outcome: 'failed', detail: { error: err instanceof Error ? err.message : String(err) } })
        .catch(() => undefined);
      fail(err instanceof Error ? err.message : 'failed');
    }
  }

  nsp.on('connection', (socket) => {
    socket.emit('console:state', state(socket.data.me!));
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
      'session:touch': () => socket.on('session:touch', (raw, ack) => void dispatch(socket, 'session:touch', raw, ack)),
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
