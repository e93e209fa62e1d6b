import type { ConsoleEvent, ConsoleRequest } from './console-schemas.js';
import type { AckFn, Role } from './events.js';
import type { AlarmBoard, Notice, SceneRef, TourConfig, TourState } from './ops.js';
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

/** Each event's ack data. */
export interface ConsoleReplies {
  'scene:set': { screens: string[] };
  'tour:start': TourState;
  'tour:pause': TourState;
  'tour:resume': TourState;
  'tour:stop': null;
  'notice:send': Notice;
  'notice:clear': null;
  'replay:start': ReplayMeta;
  'replay:stop': ReplayMeta;
  'alarm:ack': null;
  'audit:list': AuditEntry[];
  'screen:rename': null;
}

export interface ConsoleServerToClientEvents {
  'console:state': (s: ConsoleState) => void;
  'console:audit': (e: AuditEntry) => void;
}

export type ConsoleClientToServerEvents = {
  [E in ConsoleEvent]: (req: ConsoleRequest<E>, ack: AckFn<ConsoleReplies[E]>) => void;
};

