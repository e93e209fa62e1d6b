import type {
  Ack,
  Enrolled,
  EnrollRequest,
  PairingOffer,
  PairRequest,
  ResyncRequest,
  ScreenHello,
  ScreenIdentity,
  WallControl,
  WallDelta,
  WallSnapshot,
} from '@futian/shared';

/**
 * The narrow seam between the wall store and a transport. The store is the only
 * caller; the socket.io implementation and the fixture fake both satisfy it, so
 * the resync logic is tested against the same code path the wall runs.
 */
export type LinkStatus = 'connected' | 'disconnected' | 'reconnecting';

/**
 * What the server says about this PC as a screen: its code was approved (it now
 * holds a credential), its configuration (pushed by the console, or in the hello
 * ack), or that its credential is no longer accepted (revoked, or refused at the
 * handshake).
 */
export type ScreenEvent = { type: 'enrolled'; enrolled: Enrolled } | { type: 'config'; screen: ScreenIdentity } | { type: 'revoked' };

export interface LinkHandlers {
  snapshot(s: WallSnapshot): void;
  delta(d: WallDelta): void;
  status(s: LinkStatus, reason?: string): void;
  /** Scene, tour, notice and room orders from the console (sent on hello and on change). */
  control(c: WallControl): void;
  screen(e: ScreenEvent): void;
}

export interface HelloAck {
  serverTime: number;
  screen: ScreenIdentity;
}

export interface WallLink {
  readonly connected: boolean;
  /** Resolves with the server's ack, or { ok: false } on timeout; never rejects. */
  resync(req: ResyncRequest, timeoutMs: number): Promise<Ack<WallSnapshot>>;
  /** Enrolled screens only. */
  hello(h: ScreenHello, timeoutMs: number): Promise<Ack<HelloAck>>;
  /** Anonymous pages only: a pairing code for an operator to approve. */
  pair(req: PairRequest, timeoutMs: number): Promise<Ack<PairingOffer>>;
  /** Anonymous pages only: an enrollment link's token for a credential. */
  enroll(req: EnrollRequest, timeoutMs: number): Promise<Ack<Enrolled>>;
  /** Heartbeat and scene report for the console's screen list; dropped while offline. */
  reportState(scene: string): void;
  close(): void;
}

export interface LinkParams {
  room: string;
  /** An enrolled screen's credential, sent in the handshake; absent on an anonymous page. */
  credential?: string;
}

export type LinkFactory = (params: LinkParams, handlers: LinkHandlers) => WallLink | Promise<WallLink>;
