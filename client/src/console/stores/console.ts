import { defineStore } from 'pinia';
import { io, type Socket } from 'socket.io-client';
import { ref, shallowRef } from 'vue';
import {
  CONSOLE_NAMESPACE,
  type Ack,
  type ConsoleClientToServerEvents,
  type ConsoleServerToClientEvents,
  type ConsoleState,
} from '@futian/shared';
import { t } from '../strings';
import { useToasts } from './toasts';

type ConsoleSocket = Socket<ConsoleServerToClientEvents, ConsoleClientToServerEvents>;
type Events = ConsoleClientToServerEvents;
type ReqOf<E extends keyof Events> = Parameters<Events[E]>[0];
type DataOf<E extends keyof Events> = Parameters<Parameters<Events[E]>[1]>[0] extends Ack<infer T> ? T : never;

export type ConnState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

const ACK_TIMEOUT_MS = 8_000;
/** After a drop that still left the session valid (a server restart, a role change's new state), try again this soon. */
const SERVER_KICK_RETRY_MS = 1_500;

/**
 * What the socket tells its owner. The server says why it drops a console
 * ('console:ended': timed out, signed out, ended by the security admin, the
 * account changed) and then disconnects it. A drop without that word (an
 * action refused on an expired session, a refused handshake) is explained by
 * asking over REST (/api/console/me answers 401 with the reason).
 */
export interface LinkOwner {
  /** The server ended this console's session, with its reason. */
  ended(reason: string): void;
  /** The server dropped us or refused the handshake (`why`: its connect_error message, if any). True: the session holds, reconnect. */
  dropped(why: string | null): Promise<boolean>;
}

/**
 * The /console socket and everything it brings: the console state, the server
 * clock offset, and every control action with its ack. This is the only code
 * that touches the socket.
 */
export const useConsole = defineStore('console-link', () => {
  const toasts = useToasts();
  const state = shallowRef<ConsoleState | null>(null);
  const conn = ref<ConnState>('idle');
  const attempt = ref(0);
  /** serverTime − Date.now() at the last state push: walls and console share the server clock. */
  const offsetMs = ref(0);
  let socket: ConsoleSocket | null = null;
  let kickTimer: ReturnType<typeof setTimeout> | undefined;

  function open(owner: LinkOwner): void {
    close();
    conn.value = 'connecting';
    const s: ConsoleSocket = io(CONSOLE_NAMESPACE, { withCredentials: true, reconnectionDelay: 1_000, reconnectionDelayMax: 10_000 });
    socket = s;
    /** Asks the owner whether the session still holds; reconnects if so. */
    const recheck = (why: string | null): void => {
      clearTimeout(kickTimer);
      void owner.dropped(why).then((holds) => {
        if (socket !== s) return;
        if (!holds) return close();
        kickTimer = setTimeout(() => {
          if (socket === s && !s.connected) s.connect();
        }, SERVER_KICK_RETRY_MS);
      });
    };
    s.on('connect', () => {
      conn.value = 'connected';
      attempt.value = 0;
    });
    /** The reason the server gave just before dropping us, if it gave one. */
    let endedBecause: string | null = null;
    s.on('console:ended', (e) => {
      endedBecause = e.reason;
    });
    s.on('disconnect', (reason) => {
      conn.value = s.active ? 'reconnecting' : 'disconnected';
      // A deliberate server disconnect is not retried by socket.io: the session is over, or may be.
      if (reason !== 'io server disconnect') return;
      if (endedBecause !== null) {
        const why = endedBecause;
        close();
        owner.ended(why);
      } else recheck(null);
    });
    s.on('connect_error', (err) => {
      conn.value = s.active ? 'reconnecting' : 'disconnected';
      // A refusal by the server's middleware stops socket.io's retries; a transport failure does not.
      if (!s.active) recheck(err.message);
    });
    s.io.on('reconnect_attempt', (n) => {
      attempt.value = n;
      conn.value = 'reconnecting';
    });
    s.on('console:state', (cs) => {
      offsetMs.value = cs.serverTime - Date.now();
      state.value = cs;
    });
  }

  function close(): void {
    clearTimeout(kickTimer);
    if (socket) {
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
      socket = null;
    }
    conn.value = 'idle';
    state.value = null;
  }

  async function request<E extends keyof Events>(ev: E, req: ReqOf<E>): Promise<Ack<DataOf<E>>> {
    // An emit while offline would sit in socket.io's buffer and fire later, stale.
    if (!socket?.connected) return { ok: false, error: t('error.disconnected') };
    try {
      const timed = socket.timeout(ACK_TIMEOUT_MS);
      // socket.io's typings cannot take a generic event name; ReqOf/DataOf keep each call site typed.
      const emit = timed.emitWithAck.bind(timed) as unknown as (e: E, r: ReqOf<E>) => Promise<Ack<DataOf<E>>>;
      return await emit(ev, req);
    } catch {
      return { ok: false, error: t('error.timeout') };
    }
  }

  /** Sends an order and reports its ack as a toast; true when the server accepted it. */
  async function act<E extends keyof Events>(ev: E, req: ReqOf<E>, success: (data: DataOf<E>) => string): Promise<boolean> {
    const r = await request(ev, req);
    if (r.ok) toasts.ok(success(r.data));
    else toasts.error(t('common.failed', { e: r.error }));
    return r.ok;
  }

  /** As act(), for an action whose answer the caller needs (an enrollment link's one-time token). */
  async function ask<E extends keyof Events>(ev: E, req: ReqOf<E>, success: (data: DataOf<E>) => string): Promise<DataOf<E> | null> {
    const r = await request(ev, req);
    if (r.ok) toasts.ok(success(r.data));
    else toasts.error(t('common.failed', { e: r.error }));
    return r.ok ? r.data : null;
  }

  /**
   * The person at the console is active: the session's idle clock restarts.
   * Only ever called from the activity gate (a key, a click, the pointer).
   */
  async function touch(): Promise<number | null> {
    const r = await request('session:touch', {});
    return r.ok ? r.data.expiresAt : null;
  }

  return {
    state,
    conn,
    attempt,
    offsetMs,
    open,
    close,
    touch,
    connected: () => socket?.connected ?? false,
    setScene: (screens: ReqOf<'scene:set'>['screens'], scene: ReqOf<'scene:set'>['scene']) =>
      act('scene:set', { screens, scene }, (d) => t(scene ? 'scene.done' : 'scene.autoDone', { n: d.screens.length })),
    startTour: (screens: ReqOf<'tour:start'>['screens']) => act('tour:start', { screens }, () => t('tour.started')),
    pauseTour: () => act('tour:pause', {}, () => t('tour.pausedToast')),
    resumeTour: () => act('tour:resume', {}, () => t('tour.resumed')),
    stopTour: () => act('tour:stop', {}, () => t('tour.stopped')),
    sendNotice: (req: ReqOf<'notice:send'>) => act('notice:send', req, () => t('notice.sent')),
    clearNotice: () => act('notice:clear', {}, () => t('notice.cleared')),
    startReplay: (req: ReqOf<'replay:start'>) => act('replay:start', req, (m) => t('replay.started', { id: m.id })),
    stopReplay: (id: string) => act('replay:stop', { id }, () => t('replay.stopped')),
    ackAlarm: (id: number, comment: string) => act('alarm:ack', { id, comment }, () => t('alarms.ackDone')),
    renameScreen: (id: string, name: string) => act('screen:rename', { id, name }, () => t('screens.renamed')),
    approveScreen: (req: ReqOf<'screen:approve'>) => act('screen:approve', req, (s) => t('screens.approved', { name: s.name, id: s.id })),
    configureScreen: (id: string, config: ReqOf<'screen:configure'>['config']) =>
      act('screen:configure', { id, config }, (s) => t('screens.configured', { name: s.name })),
    revokeScreen: (id: string) => act('screen:revoke', { id }, () => t('screens.revokedToast', { id })),
    forgetScreen: (id: string) => act('screen:forget', { id }, () => t('screens.forgotten', { id })),
    createEnrollLink: (req: ReqOf<'enroll:create'>) => ask('enroll:create', req, () => t('links.created')),
    revokeEnrollLink: (id: string) => act('enroll:revoke', { id }, () => t('links.revoked')),
  };
});
