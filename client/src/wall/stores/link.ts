import type { Ack, ResyncRequest, ScreenHello, WallControl, WallDelta, WallSnapshot } from '@futian/shared';

/**
 * The narrow seam between the wall store and a transport. The store is the only
 * caller; the socket.io implementation and the fixture fake both satisfy it, so
 * the resync logic is tested against the same code path the wall runs.
 */
export type LinkStatus = 'connected' | 'disconnected' | 'reconnecting';

export interface LinkHandlers {
  snapshot(s: WallSnapshot): void;
  delta(d: WallDelta): void;
  status(s: LinkStatus, reason?: string): void;
  /** Scene, tour, notice and room orders from the console (sent on hello and on change). */
  control(c: WallControl): void;
}

export interface WallLink {
  readonly connected: boolean;
  /** Resolves with the server's ack, or { ok: false } on timeout; never rejects. */
  resync(req: ResyncRequest, timeoutMs: number): Promise<Ack<WallSnapshot>>;
  hello(h: ScreenHello, timeoutMs: number): Promise<Ack<{ serverTime: number }>>;
  /** Heartbeat and scene report for the console's screen list; dropped while offline. */
  reportState(scene: string): void;
  close(): void;
}

export interface LinkParams {
  room: string;
}

export type LinkFactory = (params: LinkParams, handlers: LinkHandlers) => WallLink | Promise<WallLink>;
