import type { ResyncRequest, ScreenHello, ScreenState } from './event-schemas.js';
import type { WallControl } from './ops.js';
import type { WallDelta, WallSnapshot } from './wall-state.js';

/**
 * The one socket.io contract of the /wall namespace. Names are lowercase
 * `domain:verb`; every request event has a typed ack so a caller can tell
 * success from a reasoned refusal. Payload types come from the zod schemas in
 * event-schemas.ts, which the server validates every event with. They live in
 * a module of their own so the wall's bundle, which needs the types and these
 * constants only, never pulls in zod.
 */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: string };
export type AckFn<T> = (res: Ack<T>) => void;

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
  'screen:state': (s: ScreenState) => void;
}

/**
 * Events server nodes send each other through the adapter. None yet: one
 * process drives every room. socket.io's generics still need the map.
 */
export type InterServerEvents = Record<never, never>;

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
