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
}

export interface ServerToClientEvents {
  'wall:snapshot': (s: WallSnapshot) => void;
  'wall:delta': (d: WallDelta) => void;
}

export interface ClientToServerEvents {
  'wall:resync': (req: ResyncRequest, ack: AckFn<WallSnapshot>) => void;
  'screen:hello': (hello: ScreenHello, ack: AckFn<{ serverTime: number }>) => void;
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
}

export type Role = 'viewer' | 'operator' | 'admin';

/** Namespace the live and replay walls use. */
export const WALL_NAMESPACE = '/wall';
export const LIVE_ROOM = 'live';
