import { defineStore } from 'pinia';
import { io, type Socket } from 'socket.io-client';
import { ref, shallowRef } from 'vue';
import {
  CONSOLE_NAMESPACE,
  type Ack,
  type AuditEntry,
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
const AUDIT_PAGE = 50;
/** After the server drops us (session check failed), reconnecting tells us whether the session still holds. */
const SERVER_KICK_RETRY_MS = 1_500;

/**
 * The /console socket and everything it brings: the console state, the server
 * clock offset, the audit rows, and every control action with its ack. This is
 * the only code that touches the socket.
 */
export const useConsole = defineStore('console-link', () => {
  const toasts = useToasts();
  const state = shallowRef<ConsoleState | null>(null);
  const conn = ref<ConnState>('idle');
  const attempt = ref(0);
  /** serverTime − Date.now() at the last state push: walls and console share the server clock. */
  const offsetMs = ref(0);
  const audit = shallowRef<AuditEntry[]>([]);
  const auditEnd = ref(false);
  const auditLoading = ref(false);
  let socket: ConsoleSocket | null = null;
  let kickTimer: ReturnType<typeof setTimeout> | undefined;

  function open(onUnauthorized: () => void): void {
    close();
    conn.value = 'connecting';
    const s: ConsoleSocket = io(CONSOLE_NAMESPACE, { withCredentials: true, reconnectionDelay: 1_000, reconnectionDelayMax: 10_000 });
    socket = s;
    s.on('connect', () => {
      conn.value = 'connected';
      attempt.value = 0;
      void loadAudit(false);
    });
    s.on('disconnect', (reason) => {
      conn.value = s.active ? 'reconnecting' : 'disconnected';
      // A deliberate server disconnect is not retried by socket.io; one retry
      // either restores the link or ends in connect_error 'unauthorized'.
      if (reason === 'io server disconnect') {
        clearTimeout(kickTimer);
        kickTimer = setTimeout(() => s.connect(), SERVER_KICK_RETRY_MS);
      }
    });
    s.on('connect_error', (err) => {
      if (err.message === 'unauthorized') {
        close();
        onUnauthorized();
        return;
      }
      conn.value = s.active ? 'reconnecting' : 'disconnected';
    });
    s.io.on('reconnect_attempt', (n) => {
      attempt.value = n;
      conn.value = 'reconnecting';
    });
    s.on('console:state', (cs) => {
      offsetMs.value = cs.serverTime - Date.now();
      state.value = cs;
    });
    s.on('console:audit', (e) => {
      if (audit.value.some((x) => x.id === e.id)) return;
      audit.value = [e, ...audit.value];
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
    audit.value = [];
    auditEnd.value = false;
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

  async function loadAudit(more: boolean): Promise<void> {
    if (auditLoading.value) return;
    auditLoading.value = true;
    try {
      const last = audit.value[audit.value.length - 1];
      const req = more && last ? { before: last.id, limit: AUDIT_PAGE } : { limit: AUDIT_PAGE };
      const r = await request('audit:list', req);
      if (!r.ok) {
        toasts.error(t('common.failed', { e: r.error }));
        return;
      }
      if (more) {
        const seen = new Set(audit.value.map((x) => x.id));
        audit.value = [...audit.value, ...r.data.filter((x) => !seen.has(x.id))];
      } else {
        // A first page after (re)connecting replaces the list: rows recorded while offline are in it.
        audit.value = r.data;
      }
      auditEnd.value = r.data.length < AUDIT_PAGE;
    } finally {
      auditLoading.value = false;
    }
  }

  return {
    state,
    conn,
    attempt,
    offsetMs,
    audit,
    auditEnd,
    auditLoading,
    open,
    close,
    loadAudit,
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
