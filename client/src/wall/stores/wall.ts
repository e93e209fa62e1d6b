import { defineStore } from 'pinia';
import { markRaw, ref, shallowReactive, shallowRef, triggerRef } from 'vue';
import {
  applyDelta,
  checkSeq,
  LIVE_ROOM,
  SCREEN_CREDENTIAL_REFUSED,
  type Ack,
  type Enrolled,
  type PairingOffer,
  type ScreenHello,
  type WallControl,
  type WallDelta,
  type WallSnapshot,
} from '@futian/shared';
import { ClockSync } from './clockSync';
import { installDebugHook } from './debugHook';
import { ReplayClock, type ReplayReading } from './replayClock';
import type { LinkFactory, LinkStatus, ScreenEvent, WallLink } from './link';
import type { ConnectionState, WallCounters } from './status';

export interface ConnectOptions {
  room?: string;
  /** Enrolled screens only: sent on every (re)connect; the ack carries the screen's identity. */
  hello?: ScreenHello;
  /** An enrolled screen's credential (handshake auth); without one the page is anonymous. */
  credential?: string;
  /** What the server says about this PC as a screen (enrolled, configured, revoked). */
  onScreen?: (e: ScreenEvent) => void;
  /** Defaults to socket.io; fixture mode and tests pass their own. */
  link?: LinkFactory;
  /** Publish the read-only window.__wall hook for tests and the bench. */
  exposeDebug?: boolean;
}

/** Top-level parts of the wall state; each has a revision counter consumers can depend on. */
export const WALL_SLOTS = ['infra', 'sites', 'feeds', 'series', 'stats', 'faults', 'ext', 'replay'] as const;
export type WallSlot = (typeof WALL_SLOTS)[number];

function slotsOf(d: WallDelta): WallSlot[] {
  const out: WallSlot[] = [];
  if (d.infra?.length) out.push('infra');
  if (d.sites?.length) out.push('sites');
  if (d.feeds && Object.keys(d.feeds).length > 0) out.push('feeds');
  if (d.series?.length) out.push('series');
  if (d.stats?.length) out.push('stats');
  if (d.faults?.length) out.push('faults');
  if (d.ext && Object.keys(d.ext).length > 0) out.push('ext');
  if (d.replay !== undefined) out.push('replay');
  return out;
}

export const RESYNC_TIMEOUT_MS = 5_000;
export const RESYNC_BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000] as const;
/** "reconnecting" turns into "offline" when the link stays down this long. */
export const OFFLINE_AFTER_MS = 15_000;
/** Ten minutes of deltas at the server's 100 ms tick; beyond that a resync is cheaper. */
export const BUFFER_MAX = 6_000;
const HELLO_TIMEOUT_MS = 5_000;
const SCREEN_REQUEST_TIMEOUT_MS = 8_000;
/** After a reconnect the server normally pushes a snapshot; ask only if it does not. */
const RECONNECT_RESYNC_GRACE_MS = 1_500;

export const useWallStore = defineStore('wall', () => {
  /** Never deep-reactive: deltas mutate it in place and one triggerRef repaints. */
  const snapshot = shallowRef<WallSnapshot | null>(null);
  /**
   * Per-slot revisions. Reading `snapshot` re-runs a computed on every delta;
   * reading `revs.series` plus peek() re-runs it only when a series point lands,
   * which is what keeps a chart from being rebuilt ten times a second for nothing.
   */
  const revs = shallowReactive(Object.fromEntries(WALL_SLOTS.map((k) => [k, 0])) as Record<WallSlot, number>);
  /** The same object as snapshot.value, read without tracking. */
  let current: WallSnapshot | null = null;
  const dirty = new Set<WallSlot>();
  const connection = ref<ConnectionState>('idle');
  /** Client clock when the last snapshot or applied delta arrived. */
  const lastDataAt = ref<number | null>(null);
  const serverOffsetMs = ref(0);
  const resyncing = ref(false);
  const room = ref<string>(LIVE_ROOM);
  /**
   * The console's orders for this screen. Kept (not cleared) while offline: a
   * touring wall that loses its link keeps touring on its last orders.
   */
  const control = shallowRef<WallControl | null>(null);
  const counters: WallCounters = markRaw({
    snapshots: 0,
    deltasApplied: 0,
    duplicates: 0,
    gaps: 0,
    resyncs: 0,
    resyncFailures: 0,
    foreignRoom: 0,
    bufferDropped: 0,
  });

  let clock = new ClockSync();
  const replayClock = new ReplayClock();
  let link: WallLink | null = null;
  let hello: ScreenHello | null = null;
  let onScreen: ((e: ScreenEvent) => void) | null = null;
  let buffer: WallDelta[] = [];
  /** Bumped by every accepted snapshot and by dispose(): in-flight resync answers from before are void. */
  let epoch = 0;
  /** Bumped by connect()/dispose(): events from a previous link are ignored. */
  let generation = 0;
  let resyncAttempt = 0;
  let resyncTimer: ReturnType<typeof setTimeout> | undefined;
  let offlineTimer: ReturnType<typeof setTimeout> | undefined;
  let triggerFrame = 0;
  let removeDebugHook: (() => void) | null = null;

  function flushTrigger(): void {
    triggerFrame = 0;
    for (const k of dirty) revs[k]++;
    dirty.clear();
    triggerRef(snapshot);
  }

  /** Deltas applied within one frame cost one repaint. */
  function scheduleTrigger(d: WallDelta): void {
    for (const k of slotsOf(d)) dirty.add(k);
    if (typeof requestAnimationFrame !== 'function') flushTrigger();
    else if (!triggerFrame) triggerFrame = requestAnimationFrame(flushTrigger);
  }

  function noteData(at: number): void {
    const now = Date.now();
    lastDataAt.value = now;
    // A replay room stamps its messages with replay time (days back): as a bound
    // on the server's clock that would, after a few minutes of "implausible
    // latency", drag the wall's real clock back with it.
    if (current?.replay) return;
    clock.observe(at, now);
    serverOffsetMs.value = Math.round(clock.offsetMs);
  }

  function bufferDelta(d: WallDelta): void {
    buffer.push(d);
    if (buffer.length > BUFFER_MAX) {
      buffer.splice(0, buffer.length - BUFFER_MAX);
      counters.bufferDropped++;
    }
  }

  function acceptSnapshot(s: WallSnapshot): void {
    epoch++;
    clearTimeout(resyncTimer);
    resyncing.value = false;
    resyncAttempt = 0;
    current = s;
    snapshot.value = s;
    // The server moves a screen between rooms (demo, replay) with a fresh snapshot.
    room.value = s.room;
    for (const k of WALL_SLOTS) revs[k]++;
    counters.snapshots++;
    replayClock.observe(s.replay, Date.now());
    noteData(s.at);
    const pending = buffer;
    buffer = [];
    pending.sort((a, b) => a.seq - b.seq);
    for (const d of pending) onDelta(d);
  }

  function onDelta(d: WallDelta): void {
    const s = snapshot.value;
    if (!s || resyncing.value) {
      bufferDelta(d);
      return;
    }
    if (d.room !== s.room) {
      counters.foreignRoom++;
      return;
    }
    switch (checkSeq(s.seq, d.seq)) {
      case 'apply':
        applyDelta(s, d);
        counters.deltasApplied++;
        if (d.replay !== undefined) replayClock.observe(d.replay, Date.now());
        noteData(d.at);
        scheduleTrigger(d);
        return;
      case 'duplicate':
        counters.duplicates++;
        return;
      case 'gap':
        counters.gaps++;
        bufferDelta(d);
        startResync();
        return;
    }
  }

  function startResync(): void {
    if (resyncing.value) return;
    resyncing.value = true;
    resyncAttempt = 0;
    void tryResync(epoch);
  }

  async function tryResync(forEpoch: number): Promise<void> {
    // Offline: the server pushes a fresh snapshot on reconnect, which ends this resync.
    if (!link || forEpoch !== epoch || !link.connected) return;
    counters.resyncs++;
    const res = await link.resync({ lastSeq: snapshot.value?.seq ?? -1 }, RESYNC_TIMEOUT_MS);
    if (forEpoch !== epoch) return;
    if (res.ok) {
      acceptSnapshot(res.data);
      return;
    }
    counters.resyncFailures++;
    const delay = RESYNC_BACKOFF_MS[Math.min(resyncAttempt, RESYNC_BACKOFF_MS.length - 1)] ?? 30_000;
    resyncAttempt++;
    clearTimeout(resyncTimer);
    resyncTimer = setTimeout(() => void tryResync(forEpoch), delay);
  }

  async function sendHello(): Promise<void> {
    if (!link || !hello) return;
    const sentAt = Date.now();
    const gen = generation;
    const res = await link.hello(hello, HELLO_TIMEOUT_MS);
    if (gen !== generation) return;
    if (res.ok) {
      clock.hello(res.data.serverTime, sentAt, Date.now());
      serverOffsetMs.value = Math.round(clock.offsetMs);
      onScreen?.({ type: 'config', screen: res.data.screen });
    } else if (res.error === SCREEN_CREDENTIAL_REFUSED) {
      // Revoked between the handshake and the hello.
      onScreen?.({ type: 'revoked' });
    }
  }

  /** Anonymous pages: a pairing code for the measured layout. */
  function pair(layout: string): Promise<Ack<PairingOffer>> {
    if (!link) return Promise.resolve({ ok: false, error: 'disconnected' });
    return link.pair({ layout }, SCREEN_REQUEST_TIMEOUT_MS);
  }

  /** Anonymous pages: trades an enrollment link's token for a credential. */
  function enroll(token: string): Promise<Ack<Enrolled>> {
    if (!link) return Promise.resolve({ ok: false, error: 'disconnected' });
    return link.enroll({ token }, SCREEN_REQUEST_TIMEOUT_MS);
  }

  function onControl(c: WallControl): void {
    if (!c || typeof c !== 'object') return;
    clock.observe(c.serverTime, Date.now());
    serverOffsetMs.value = Math.round(clock.offsetMs);
    control.value = c;
  }

  /** Heartbeat and scene report (screen:state); a no-op without a link. */
  function reportState(scene: string): void {
    link?.reportState(scene);
  }

  function onStatus(st: LinkStatus): void {
    if (st === 'connected') {
      clearTimeout(offlineTimer);
      offlineTimer = undefined;
      connection.value = 'connected';
      void sendHello();
      if (resyncing.value) {
        const e = epoch;
        clearTimeout(resyncTimer);
        resyncTimer = setTimeout(() => void tryResync(e), RECONNECT_RESYNC_GRACE_MS);
      }
      return;
    }
    if (connection.value === 'connected') connection.value = 'reconnecting';
    if (offlineTimer === undefined && connection.value !== 'offline') {
      offlineTimer = setTimeout(() => {
        if (connection.value !== 'connected') connection.value = 'offline';
      }, OFFLINE_AFTER_MS);
    }
  }

  async function connect(opts: ConnectOptions = {}): Promise<void> {
    dispose();
    const gen = ++generation;
    room.value = opts.room ?? LIVE_ROOM;
    hello = opts.hello ?? null;
    onScreen = opts.onScreen ?? null;
    connection.value = 'connecting';
    const factory = opts.link ?? (await import('./socketLink')).socketLink;
    if (gen !== generation) return;
    const guard =
      <A extends unknown[]>(fn: (...a: A) => void) =>
      (...a: A): void => {
        if (gen === generation) fn(...a);
      };
    const created = await factory(
      { room: room.value, ...(opts.credential ? { credential: opts.credential } : {}) },
      {
        snapshot: guard(acceptSnapshot),
        delta: guard(onDelta),
        status: guard(onStatus),
        control: guard(onControl),
        screen: guard((e: ScreenEvent) => onScreen?.(e)),
      },
    );
    if (gen !== generation) {
      created.close();
      return;
    }
    link = created;
    if (link.connected) onStatus('connected');
    if (opts.exposeDebug && typeof window !== 'undefined') {
      removeDebugHook = installDebugHook(window, {
        snapshot: () => current,
        connection: () => connection.value,
        lastDataAt: () => lastDataAt.value,
        serverOffsetMs: () => serverOffsetMs.value,
        resyncing: () => resyncing.value,
        buffered: () => buffer.length,
        counters,
      });
    }
  }

  /** Closes the link and every timer; the last snapshot stays for display. */
  function dispose(): void {
    generation++;
    epoch++;
    link?.close();
    link = null;
    onScreen = null;
    clearTimeout(resyncTimer);
    clearTimeout(offlineTimer);
    offlineTimer = undefined;
    if (triggerFrame) cancelAnimationFrame(triggerFrame);
    if (dirty.size > 0) flushTrigger();
    triggerFrame = 0;
    buffer = [];
    resyncing.value = false;
    connection.value = 'idle';
    clock = new ClockSync();
    removeDebugHook?.();
    removeDebugHook = null;
  }

  function serverNow(clientNow: number = Date.now()): number {
    return clientNow + serverOffsetMs.value;
  }

  /**
   * The replay this room plays, at client time `clientNow`; null on a live room.
   * `lead`: the header's ticking clock; without, the data time the figures on
   * screen are computed up to (what their ages are read against).
   */
  function replayAt(clientNow: number = Date.now(), lead = false): ReplayReading | null {
    return replayClock.read(clientNow, lead);
  }

  /** The current state without creating a dependency; pair it with `revs`. */
  function peek(): WallSnapshot | null {
    return current;
  }

  return {
    snapshot,
    revs,
    peek,
    connection,
    lastDataAt,
    serverOffsetMs,
    resyncing,
    room,
    control,
    counters,
    connect,
    pair,
    enroll,
    reportState,
    dispose,
    serverNow,
    replayAt,
  };
});
