import type { Label } from './catalogue.js';
import type { AckFn, Role } from './events.js';
import type { AlarmBoard, Notice, SceneRef, TourConfig, TourState, WallControl } from './ops.js';
import type { ReplayMeta } from './wall-state.js';

/** The duty-officer console's socket contract (namespace /console, cookie session). */
export const CONSOLE_NAMESPACE = '/console';

export interface ConsoleUser {
  id: number;
  name: string;
  role: Role;
  mustChangePassword: boolean;
}

export interface ScreenInfo {
  id: string;
  name: string;
  layout: string;
  /** The ?screen= module the PC was started with, or 'auto'. */
  screen: string;
  /** What the screen reports it is showing now, e.g. 'tour:3 map' or 'map'. */
  scene: string;
  room: string;
  connected: boolean;
  lastSeen: number;
  firstSeen: number;
}

export interface AuditEntry {
  id: number;
  ts: number;
  user: string;
  action: string;
  /** Screen ids the action targeted, or ['all']. */
  screens: string[];
  detail: Record<string, unknown>;
}

export interface ConsoleState {
  me: ConsoleUser;
  screens: ScreenInfo[];
  tour: { config: TourConfig; state: TourState | null };
  notice: Notice | null;
  sceneAll: SceneRef | null;
  replays: ReplayMeta[];
  alarms: AlarmBoard;
  serverTime: number;
}

export type Targets = 'all' | string[];

export interface ConsoleServerToClientEvents {
  'console:state': (s: ConsoleState) => void;
  'console:audit': (e: AuditEntry) => void;
}

export interface ConsoleClientToServerEvents {
  'scene:set': (req: { screens: Targets; scene: SceneRef | null }, ack: AckFn<{ screens: string[] }>) => void;
  'tour:start': (req: { screens: Targets }, ack: AckFn<TourState>) => void;
  'tour:pause': (req: Record<string, never>, ack: AckFn<TourState>) => void;
  'tour:resume': (req: Record<string, never>, ack: AckFn<TourState>) => void;
  'tour:stop': (req: Record<string, never>, ack: AckFn<null>) => void;
  'notice:send': (req: { text: Label; level: Notice['level']; ttlS: number; screens: Targets }, ack: AckFn<Notice>) => void;
  'notice:clear': (req: Record<string, never>, ack: AckFn<null>) => void;
  'replay:start': (req: { from: number; to: number; speed: number; screens: Targets }, ack: AckFn<ReplayMeta>) => void;
  'replay:stop': (req: { id: string }, ack: AckFn<ReplayMeta>) => void;
  'alarm:ack': (req: { id: number; comment: string }, ack: AckFn<null>) => void;
  'audit:list': (req: { before?: number; limit?: number }, ack: AckFn<AuditEntry[]>) => void;
  'screen:rename': (req: { id: string; name: string }, ack: AckFn<null>) => void;
}

/** What /wall sockets receive from the control plane, besides data. */
export interface WallControlEvents {
  'wall:control': (c: WallControl) => void;
}
