import { z } from 'zod';
import { MODULE_IDS, type WallControl } from './ops.js';
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

/** The wall's layout presets (client/src/wall/layout/presets.ts draws them); 'auto' picks from the window. */
export const WALL_LAYOUT_IDS = ['1080p', '4k', '48x9', '32x9'] as const;
export type WallLayoutId = (typeof WALL_LAYOUT_IDS)[number];

/**
 * What an operator sets on an enrolled screen, when approving it or later:
 * its name, its layout, the module it shows ('auto': the layout's own plan)
 * and whether it plays the demo tour by itself. A page cannot claim any of it.
 */
export const ScreenConfig = z.object({
  name: z.string().trim().min(1, 'a name is required').max(64),
  layout: z.union([z.literal('auto'), z.enum(WALL_LAYOUT_IDS)], { error: 'layout must be auto, 1080p, 4k, 48x9 or 32x9' }),
  screen: z.union([z.literal('auto'), z.enum(MODULE_IDS)], { error: 'screen must be auto or a module' }),
  mode: z.enum(['live', 'demo']),
});
export type ScreenConfig = z.infer<typeof ScreenConfig>;

/** An enrolled screen as it learns itself: its id (bound to its credential) and its configuration. */
export interface ScreenIdentity extends ScreenConfig {
  id: string;
}

/**
 * The handshake `auth` of a /wall socket. An enrolled PC sends the credential
 * it was given; a page without one is anonymous (it may pair, and, where the
 * deployment allows open view, watch the live room read-only).
 */
export interface WallAuth {
  credential?: string;
}

/** connect_error message for a credential the server does not accept (revoked, forgotten, unknown). */
export const SCREEN_CREDENTIAL_REFUSED = 'screen credential refused';

/** An enrolled screen's hello: what the page is actually running, for the console. */
export const ScreenHello = z.object({
  layout: z.string().max(64),
  screen: z.string().max(64),
  scene: z.string().max(64).optional(),
});
export type ScreenHello = z.infer<typeof ScreenHello>;

/** An anonymous page asks for a pairing code; `layout` is what it measured, shown to the approving operator. */
export const PairRequest = z.object({ layout: z.string().max(64) });
export type PairRequest = z.infer<typeof PairRequest>;

export interface PairingOffer {
  /** Shown on the page and typed (or picked) in the console: 6 characters, no look-alikes. */
  code: string;
  expiresAt: number;
  /** Whether this deployment shows anonymous pages the live wall read-only (WALL_OPEN_VIEW). */
  openView: boolean;
}

/** A page opened with an enrollment link (`/wall?enroll=…`) trades the link's token for a credential. */
export const EnrollRequest = z.object({ token: z.string().min(16).max(128) });
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export interface Enrolled {
  /** Kept by the PC (localStorage) and sent in the handshake; never in a URL. */
  credential: string;
  screen: ScreenIdentity;
}

export const ScreenState = z.object({ scene: z.string().max(64) });
export type ScreenState = z.infer<typeof ScreenState>;

export interface ServerToClientEvents {
  'wall:snapshot': (s: WallSnapshot) => void;
  'wall:delta': (d: WallDelta) => void;
  /** Scene, tour, notice and room orders from the console; sent on hello and on change. */
  'wall:control': (c: WallControl) => void;
  /** To a pairing page: an operator approved its code; it now holds a credential. */
  'screen:enrolled': (e: Enrolled) => void;
  /** To an enrolled screen: its configuration changed in the console. */
  'screen:config': (s: ScreenIdentity) => void;
  /** To an enrolled screen: its credential was revoked; the server disconnects it next. */
  'screen:revoked': () => void;
}

export interface ClientToServerEvents {
  'wall:resync': (req: ResyncRequest, ack: AckFn<WallSnapshot>) => void;
  /** Enrolled screens only: answered with the server's clock and the screen's own identity. */
  'screen:hello': (hello: ScreenHello, ack: AckFn<{ serverTime: number; screen: ScreenIdentity }>) => void;
  /** Enrolled screens only: heartbeat and scene report, every ~15 s and whenever the scene changes. */
  'screen:state': (s: ScreenState) => void;
  /** Anonymous pages only: a pairing code for an operator to approve. */
  'screen:pair': (req: PairRequest, ack: AckFn<PairingOffer>) => void;
  /** Anonymous pages only: an enrollment link's token for a credential. */
  'screen:enroll': (req: EnrollRequest, ack: AckFn<Enrolled>) => void;
}

/**
 * Events server nodes send each other through the adapter. None yet: one
 * process drives every room. socket.io's generics still need the map.
 */
export type InterServerEvents = Record<never, never>;

export interface SocketData {
  /** /wall: the room the socket is in; unset for an anonymous page without open view. */
  room?: string;
  /** /wall: set by the handshake when the socket presented a valid screen credential. */
  screenId?: string;
  /** The client address (behind a trusted proxy, the forwarded one): limits and the audit trail. */
  address?: string;
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
