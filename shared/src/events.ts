import type { EnrollRequest, PairRequest, ResyncRequest, ScreenConfig, ScreenHello, ScreenState } from './event-schemas.js';
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

export interface PairingOffer {
  /** Shown on the page and typed (or picked) in the console: 6 characters, no look-alikes. */
  code: string;
  expiresAt: number;
  /** Whether this deployment shows anonymous pages the live wall read-only (WALL_OPEN_VIEW). */
  openView: boolean;
}

export interface Enrolled {
  /** Kept by the PC (localStorage) and sent in the handshake; never in a URL. */
  credential: string;
  screen: ScreenIdentity;
}

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
  /** Console: the user as the console shows them (pending set-up steps included), kept current on changes. */
  me?: ConsoleUser;
}

import type { Role } from './roles.js';
import type { ConsoleUser } from './accounts.js';
export type { Role };

/** Namespace the live and replay walls use. */
export const WALL_NAMESPACE = '/wall';
export const LIVE_ROOM = 'live';
