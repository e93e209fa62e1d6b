import { z } from 'zod';
import type { WallControl } from './ops.js';
import type { WallDelta, WallSnapshot } from './wall-state.js';

/**
 * The one socket.io contract of the /wall namespace. Names are lowercase
 * `domain:verb`; every request event has a typed ack so a caller can tell
 * success from a reasoned refusal. Payloads are zod schemas: the server
 * validates every event with them, so the type a handler sees is the type the
 * schema proved, never a cast of whatever arrived.
 */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: string };
export type AckFn<T> = (res: Ack<T>) => void;

/** Screen ids, room ids and other names that travel in URLs and logs. */
export const SAFE_ID = /^[\w.:-]{1,64}$/;
export const ScreenId = z.string().regex(SAFE_ID, 'must be 1–64 letters, digits or _ . : -');

export const ResyncRequest = z.object({
  /** The last seq the client applied, for the server's logs and metrics. */
  lastSeq: z.number().int().min(-1),
});
export type ResyncRequest = z.infer<typeof ResyncRequest>;

export const ScreenHello = z.object({
  /** Stable per physical screen: ?id=… or an id persisted in localStorage. */
  id: ScreenId,
  name: z.string().max(64).optional(),
  layout: z.string().max(64),
  screen: z.string().max(64),
  scene: z.string().max(64).optional(),
  /** 'demo' when the PC was started with ?mode=demo: it plays the tour by itself. */
  mode: z.literal('demo').optional(),
});
export type ScreenHello = z.infer<typeof ScreenHello>;

export const ScreenState = z.object({ scene: z.string().max(64) });
export type ScreenState = z.infer<typeof ScreenState>;

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

/**
 * One line a person can act on, from a failed parse: the first problem, with
 * the path to the field that has it ("text.zh: …"). Used for socket error acks
 * and HTTP 400 reasons alike.
 */
export function zodReason(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}
