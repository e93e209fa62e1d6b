import type { WallControl } from './ops.js';
import type { WallDelta, WallSnapshot } from './wall-state.js';

/**
 * The one socket.io contract. Names are lowercase `domain:verb`; every request
 * event has a typed ack so a caller can tell success from a reasoned refusal.
 */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: string };
export type AckFn<T> = (res: Ack<T>) => void;

export interface ResyncRequest {
  /** The last seq the client applied, for the server's logs and metrics. */
  lastSeq: number;
}

export interface ScreenHello {
  /** Stable per physical screen: ?id=… or an id persisted in localStorage. */
  id: string;
  name?: string;
  layout: string;
  screen: string;
  scene?: string;
  /** 'demo' when the PC was started with ?mode=demo: it plays the tour by itself. */
  mode?: 'demo';
}

export interface ServerToClientEvents {
  'wall:snapshot': (s: WallSnapshot) => void;
  'wall:delta': (d: WallDelta) => void;
  /** Scene, tour, notice and room orders from the console; sent on hello and on change. */
  'wall:control': (c: WallControl) => void;
}

export interface ClientToServerEvents {
  'wall:resync': (req: ResyncRequest, ack: AckFn<WallSnapshot>) => void;
  'screen:hello': (hello: ScreenHello, ack: AckFn<{ serverTime: number }>) => void;
  /** Heartbeat and scene report, every ~15 s and whenever the scene changes. */
  'screen:state': (s: { scene: string }) => void;
}

/** Events server nodes send each other through the adapter. */
export interface InterServerEvents {
  'node:ping': (nodeId: string) => void;
}

export interface SocketData {
  room: string;
  screenId?: string;
  /** Set on /console sockets after the session cookie checks out. */
  user?: { id: number; name: string; role: Role };
  /** Console sessions are re-checked on every action (logout or disable takes effect at once). */
  sessionHash?: string;
  /** Console: the user must change a one-time password before controlling walls. */
  mustChangePassword?: boolean;
}

export type Role = 'viewer' | 'operator' | 'admin';

/** Namespace the live and replay walls use. */
export const WALL_NAMESPACE = '/wall';
export const LIVE_ROOM = 'live';
