import type { ConsoleEvent, ConsoleRequest } from './console-schemas.js';
import type { ScreenConfig } from './event-schemas.js';
import type { AckFn, Role } from './events.js';
import type { ActorKind, AuditOutcome } from './roles.js';
import type { ConsoleUser } from './accounts.js';
import type { AlarmBoard, Notice, SceneRef, TourConfig, TourState } from './ops.js';
import type { ReplayMeta } from './wall-state.js';

/** The duty-officer console's socket contract (namespace /console, cookie session). */
export const CONSOLE_NAMESPACE = '/console';

/** An enrolled (or revoked) screen as the console lists it. Only enrolled screens take orders. */
export interface ScreenInfo extends ScreenConfig {
  id: string;
  status: 'enrolled' | 'revoked';
  /** What the page reports it runs: its layout and ?screen (from its hello). */
  reportedLayout: string;
  reportedScreen: string;
  /** What the screen reports it is showing now, e.g. 'tour:3 map' or 'map'. */
  scene: string;
  room: string;
  connected: boolean;
  /** The address it last connected from. */
  address: string;
  lastSeen: number;
  enrolledAt: number;
  enrolledBy: string;
  revokedAt: number | null;
}

/** A page waiting for an operator to approve its code. Held in memory; expires by itself. */
export interface PairingRequest {
  code: string;
  address: string;
  /** The layout the page measured, as a hint for the operator. */
  layout: string;
  requestedAt: number;
  expiresAt: number;
}

/** A one-time enrollment link for unattended setup. The token itself is shown once, at creation. */
export interface EnrollLinkInfo extends ScreenConfig {
  id: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  /** Set once a page used it, with the screen it became. */
  usedAt: number | null;
  screenId: string | null;
}

/**
 * One row of the audit trail (等保 8.1.4.3): the time, who (a user, a token's
 * source, a screen or the server), from where, what, on what, and the outcome.
 * Rows form a hash chain: `hash` covers the row and the previous row's hash, so
 * an edited or deleted row breaks the chain at that point.
 */
export interface AuditEntry {
  id: number;
  ts: number;
  actor: string;
  actorKind: ActorKind;
  address: string;
  action: string;
  /** What the action was on: a user, a screen, a setting; '' when nothing in particular. */
  target: string;
  outcome: AuditOutcome;
  /** Screen ids the action targeted, or ['all']. */
  screens: string[];
  detail: Record<string, unknown>;
  hash: string;
}

export interface ConsoleState {
  me: ConsoleUser;
  screens: ScreenInfo[];
  pairing: PairingRequest[];
  enrollLinks: EnrollLinkInfo[];
  tour: { config: TourConfig; state: TourState | null };
  notice: Notice | null;
  sceneAll: SceneRef | null;
  replays: ReplayMeta[];
  /**
   * What a replay can cover: the oldest stored report (or the raw-retention
   * limit) to now, refreshed every 10 s; null while nothing is stored. A
   * `replay:start` whose `from` is before `replayRange.from` is refused.
   */
  replayRange: { from: number; to: number } | null;
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
  'session:touch': { expiresAt: number };
  'screen:rename': null;
  'screen:approve': ScreenInfo;
  'screen:configure': ScreenInfo;
  'screen:revoke': null;
  'screen:forget': null;
  /** The link (`/wall?enroll=<token>`) is shown once; the server keeps only the token's hash. */
  'enroll:create': { link: EnrollLinkInfo; token: string };
  'enroll:revoke': null;
}

export interface ConsoleServerToClientEvents {
  'console:state': (s: ConsoleState) => void;
  /** Sent just before the server drops this console: 'session timed out', 'signed out', a role change… */
  'console:ended': (e: { reason: string }) => void;
}

export type ConsoleClientToServerEvents = {
  [E in ConsoleEvent]: (req: ConsoleRequest<E>, ack: AckFn<ConsoleReplies[E]>) => void;
};

