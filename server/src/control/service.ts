import { randomUUID } from 'node:crypto';
import {
  LIVE_ROOM,
  tourPosition,
  type Label,
  type Notice,
  type SceneRef,
  type Targets,
  type TourConfig,
  type TourState,
  type WallControl,
} from '@futian/shared';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { ReplayService } from '../replay/service.js';
import type { RoomHub } from '../rooms/hub.js';
import { DEMO_ROOM, type DemoRoom } from '../rooms/sources/demo.js';
import type { ScreenRegistry } from '../screens/registry.js';

type Mode = { kind: 'live' } | { kind: 'tour' } | { kind: 'replay'; id: string };

/**
 * Everything the control state is, as plain JSON: what one cluster node sends
 * the others after each change, so a console on node A drives a screen whose
 * socket is on node B (each node pushes to its own sockets).
 */
export interface SharedControl {
  sceneAll: SceneRef | null;
  sceneOf: Array<[string, SceneRef | null]>;
  modeOf: Array<[string, Mode]>;
  tourState: TourState | null;
  notice: { value: Notice; targets: Targets } | null;
}

/**
 * What every wall screen should show, decided in one place and pushed as
 * `wall:control`. State is global (scene for all, the tour, the notice) plus
 * per-screen overrides; a screen's control is derived, never stored twice.
 *
 * Tour timing lives here in server time: every screen in the tour gets the same
 * TourState and derives the current scene from the server clock, so walls driven
 * by several PCs change scene together.
 */
export class ControlService {
  private sceneAll: SceneRef | null = null;
  private readonly sceneOf = new Map<string, SceneRef | null>();
  private readonly modeOf = new Map<string, Mode>();
  private tourState: TourState | null = null;
  private notice: { value: Notice; targets: Targets } | null = null;
  private noticeTimer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly d: {
      tour: TourConfig;
      screens: ScreenRegistry;
      hub: RoomHub;
      replays: ReplayService;
      demo: DemoRoom | null;
      clock: Clock;
      log: Logger;
      /** Cluster mode: hands every change to the other nodes (they `adopt` it). */
      share?: (state: SharedControl) => void;
    },
  ) {}

  /** The whole control state, for the other nodes of a cluster. */
  shared(): SharedControl {
    return {
      sceneAll: this.sceneAll,
      sceneOf: [...this.sceneOf],
      modeOf: [...this.modeOf],
      tourState: this.tourState,
      notice: this.notice,
    };
  }

  /**
   * Takes the control state another node decided and pushes it to this node's
   * screens. Nothing is shared back: the change came from there. A notice's
   * expiry is kept here too, from its own expiresAt.
   */
  adopt(state: SharedControl): void {
    this.sceneAll = state.sceneAll;
    this.sceneOf.clear();
    for (const [id, scene] of state.sceneOf) this.sceneOf.set(id, scene);
    this.modeOf.clear();
    for (const [id, mode] of state.modeOf) this.modeOf.set(id, mode);
    this.tourState = state.tourState;
    this.notice = state.notice;
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    this.noticeTimer = null;
    if (state.notice) {
      const left = state.notice.value.expiresAt - this.d.clock.now();
      this.noticeTimer = setTimeout(() => this.clearNotice(), Math.max(0, left));
      this.noticeTimer.unref?.();
    }
    this.push('all', false);
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  get tour(): { config: TourConfig; state: TourState | null } {
    return { config: this.d.tour, state: this.tourState };
  }

  get currentNotice(): Notice | null {
    return this.notice?.value ?? null;
  }

  get currentSceneAll(): SceneRef | null {
    return this.sceneAll;
  }

  /** The control message for one screen. */
  controlFor(id: string): WallControl {
    const mode = this.modeOf.get(id) ?? { kind: 'live' };
    const touring = mode.kind === 'tour' && this.tourState !== null;
    const n = this.notice;
    const noticeFor = n && (n.targets === 'all' || n.targets.includes(id)) ? n.value : null;
    // A touring screen shows the tour unless an operator took it over (per-screen
    // scene); a scene set for all screens before the tour does not override it.
    const scene = this.sceneOf.has(id) ? this.sceneOf.get(id)! : touring ? null : this.sceneAll;
    return {
      scene,
      tour: touring ? { config: this.d.tour, state: this.tourState! } : null,
      notice: noticeFor,
      room: this.roomFor(mode),
      serverTime: this.d.clock.now(),
    };
  }

  /**
   * A wall said hello, then gets its orders. A ?mode=demo screen joins (or starts)
   * the tour on its first hello since the server started. After that an operator's
   * word stands: a tour the operator stopped, or a replay the screen was moved to,
   * is not undone when the PC reconnects or reboots (its screen id is stable), which
   * would otherwise restart a visit tour in the middle of a briefing.
   */
  onHello(id: string): void {
    if (this.d.screens.isDemo(id) && !this.modeOf.has(id)) {
      this.modeOf.set(id, { kind: 'tour' });
      if (!this.tourState) this.beginTour('system');
    }
    this.push([id]);
  }

  /** A screen's configuration changed in the console: a demo screen joins the tour, a live one leaves it. */
  onConfigured(id: string): void {
    const mode = this.modeOf.get(id);
    if (this.d.screens.isDemo(id)) {
      if (mode?.kind !== 'tour') {
        this.modeOf.set(id, { kind: 'tour' });
        if (!this.tourState) this.beginTour('system');
      }
    } else if (mode?.kind === 'tour') {
      this.modeOf.set(id, { kind: 'live' });
    }
    this.push([id]);
  }

  /** A revoked or forgotten screen takes no more orders; what it was given goes with it. */
  forgetScreen(id: string): void {
    this.modeOf.delete(id);
    this.sceneOf.delete(id);
    for (const fn of this.listeners) fn();
  }

  setScene(targets: Targets, scene: SceneRef | null, by: string): string[] {
    const ids = this.resolve(targets);
    if (targets === 'all') {
      this.sceneAll = scene;
      this.sceneOf.clear();
      // "All screens" includes touring ones: that is a takeover of those too.
      if (scene) for (const [id, m] of this.modeOf) if (m.kind === 'tour') this.sceneOf.set(id, scene);
    } else {
      for (const id of ids) this.sceneOf.set(id, scene);
    }
    // A manual scene on a touring screen is an operator takeover: pause at once.
    if (scene && this.tourState?.state === 'running' && ids.some((id) => this.modeOf.get(id)?.kind === 'tour')) {
      this.pauseTour(by);
    }
    this.push(targets === 'all' ? 'all' : ids);
    return ids;
  }

  startTour(targets: Targets, by: string): TourState {
    const ids = this.resolve(targets);
    for (const id of ids) {
      this.modeOf.set(id, { kind: 'tour' });
      this.sceneOf.delete(id);
    }
    if (targets === 'all') this.sceneAll = null;
    const state = this.beginTour(by);
    this.push('all');
    return state;
  }

  pauseTour(by: string): TourState | null {
    const t = this.tourState;
    if (!t || t.state === 'paused') return t;
    this.tourState = { ...t, state: 'paused', pausedElapsed: this.d.clock.now() - t.startedAt, pausedBy: by };
    this.push('all');
    return this.tourState;
  }

  /** Resumes from the scene and offset where the tour was paused; manual scenes on tour screens are dropped. */
  resumeTour(): TourState | null {
    const t = this.tourState;
    if (!t || t.state === 'running') return t;
    for (const [id, m] of this.modeOf) if (m.kind === 'tour') this.sceneOf.delete(id);
    this.tourState = { ...t, state: 'running', startedAt: this.d.clock.now() - (t.pausedElapsed ?? 0), pausedElapsed: null };
    delete this.tourState.pausedBy;
    this.push('all');
    return this.tourState;
  }

  stopTour(): void {
    for (const [id, m] of this.modeOf) if (m.kind === 'tour') this.modeOf.set(id, { kind: 'live' });
    this.tourState = null;
    this.d.demo?.stop();
    this.push('all');
  }

  sendNotice(text: Label, level: Notice['level'], ttlS: number, targets: Targets, by: string): Notice {
    const value: Notice = { id: randomUUID().slice(0, 8), text, level, expiresAt: this.d.clock.now() + ttlS * 1000, by };
    this.notice = { value, targets };
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    // Expiry is enforced here as well as on the wall, so a wall that missed the
    // clear (reconnecting) still gets the up-to-date control on hello.
    this.noticeTimer = setTimeout(() => this.clearNotice(), ttlS * 1000);
    this.noticeTimer.unref?.();
    this.push('all');
    return value;
  }

  clearNotice(): void {
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    this.noticeTimer = null;
    this.notice = null;
    this.push('all');
  }

  async startReplay(req: { from: number; to: number; speed: number }, targets: Targets): Promise<ReturnType<ReplayService['start']>> {
    const meta = await this.d.replays.start(req);
    for (const id of this.resolve(targets)) this.modeOf.set(id, { kind: 'replay', id: meta.id });
    this.push('all');
    return meta;
  }

  stopReplay(id: string): ReturnType<ReplayService['stop']> {
    const meta = this.d.replays.stop(id);
    for (const [sid, m] of this.modeOf) if (m.kind === 'replay' && m.id === id) this.modeOf.set(sid, { kind: 'live' });
    this.push('all');
    return meta;
  }

  /** Current scene index of the tour, for the console and logs. */
  tourIndex(): number | null {
    return this.tourState ? tourPosition(this.d.tour, this.tourState, this.d.clock.now()).index : null;
  }

  dispose(): void {
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
  }

  private beginTour(by: string): TourState {
    // A fresh start also restarts the scripted demo data: rehearsal = visit.
    this.d.demo?.start();
    this.tourState = {
      tourId: this.d.tour.id,
      version: this.d.tour.version,
      state: 'running',
      startedAt: this.d.clock.now(),
      pausedElapsed: null,
    };
    this.d.log.info({ tour: this.d.tour.id, version: this.d.tour.version, by }, 'tour started');
    return this.tourState;
  }

  private roomFor(mode: Mode): string {
    if (mode.kind === 'tour' && this.tourState) return this.d.demo ? DEMO_ROOM : LIVE_ROOM;
    if (mode.kind === 'replay' && this.d.hub.has(mode.id)) return mode.id;
    return LIVE_ROOM;
  }

  private resolve(targets: Targets): string[] {
    if (targets === 'all') return this.d.screens.connectedIds();
    return targets.filter((id) => typeof id === 'string' && id.length <= 64);
  }

  /** Sends each affected screen its control, moving its sockets to the right room first. */
  private push(targets: Targets, share = true): void {
    const ids = targets === 'all' ? this.d.screens.connectedIds() : targets;
    for (const id of ids) {
      const c = this.controlFor(id);
      if (c.room === DEMO_ROOM) this.d.demo?.ensure();
      for (const sid of this.d.screens.sockets(id)) {
        const socket = this.d.hub.nsp.sockets.get(sid);
        if (!socket) continue;
        if ((socket.data.room ?? LIVE_ROOM) !== c.room) this.d.hub.move(sid, c.room);
        socket.emit('wall:control', c);
      }
      this.d.screens.setRoom(id, c.room);
    }
    if (share) this.d.share?.(this.shared());
    for (const fn of this.listeners) fn();
  }
}
