import { z } from 'zod';
import { ScreenConfig, ScreenId, type AckFn, type Role } from './events.js';
import { MODULE_IDS, type AlarmBoard, type Highlight, type Notice, type SceneRef, type TourConfig, type TourState } from './ops.js';
import type { ReplayMeta } from './wall-state.js';

/** The duty-officer console's socket contract (namespace /console, cookie session). */
export const CONSOLE_NAMESPACE = '/console';

export interface ConsoleUser {
  id: number;
  name: string;
  role: Role;
  mustChangePassword: boolean;
}

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
  pairing: PairingRequest[];
  enrollLinks: EnrollLinkInfo[];
  tour: { config: TourConfig; state: TourState | null };
  notice: Notice | null;
  sceneAll: SceneRef | null;
  replays: ReplayMeta[];
  alarms: AlarmBoard;
  serverTime: number;
}

// ---- Requests: each console event's payload, validated by the server with these schemas ----

export const Targets = z.union([z.literal('all'), z.array(ScreenId).min(1).max(200)], {
  error: "screens must be 'all' or a list of 1–200 screen ids",
});
export type Targets = z.infer<typeof Targets>;

export const HighlightSchema = z.object({
  type: z.enum(['subdistrict', 'sector', 'kpi', 'board']),
  id: z.string().min(1).max(64),
});

/**
 * What one screen shows: a module (or 'auto' for the layout's own plan), plus
 * focus. The only layout a scene can ask for is the module alone ('single', as
 * ?screen=); a null highlight is the same as none.
 */
export const SceneRefSchema = z
  .object({
    module: z.union([z.literal('auto'), z.enum(MODULE_IDS)], { error: 'module must be auto or a known module' }),
    layout: z.literal('single', { error: 'layout must be "single" or absent' }).optional(),
    highlight: HighlightSchema.nullable().optional(),
  })
  .transform(({ module, layout, highlight }): SceneRef => ({
    module,
    ...(layout ? { layout } : {}),
    ...(highlight ? { highlight: highlight satisfies Highlight } : {}),
  }));

const NoPayload = z.object({});

/** One schema per console event: the single definition of what each request may carry. */
export const CONSOLE_REQUESTS = {
  'scene:set': z.object({ screens: Targets, scene: SceneRefSchema.nullable() }),
  'tour:start': z.object({ screens: Targets }),
  'tour:pause': NoPayload,
  'tour:resume': NoPayload,
  'tour:stop': NoPayload,
  'notice:send': z.object({
    text: z.object({
      zh: z.string().trim().min(1, 'the Chinese text is required').max(200),
      /** Empty or absent: the wall shows the Chinese text to English readers too. */
      en: z.string().trim().max(200).optional(),
    }),
    level: z.enum(['info', 'warn', 'urgent']),
    ttlS: z.number().min(5, 'ttlS must be 5 s – 24 h').max(24 * 3600, 'ttlS must be 5 s – 24 h'),
    screens: Targets,
  }),
  'notice:clear': NoPayload,
  'replay:start': z.object({ from: z.number(), to: z.number(), speed: z.number(), screens: Targets }),
  'replay:stop': z.object({ id: z.string().min(1).max(64) }),
  'alarm:ack': z.object({
    id: z.number().int(),
    comment: z.string().trim().min(1, 'a comment is required to acknowledge an alarm').max(500),
  }),
  'audit:list': z.object({ before: z.number().int().optional(), limit: z.number().int().min(1).max(500).optional() }),
  'screen:rename': z.object({ id: ScreenId, name: z.string().trim().min(1, 'a name is required').max(64) }),
  /** Approves a pairing code shown on a page; `id` is optional (one is made from nothing guessable). */
  'screen:approve': z.object({ code: z.string().trim().min(4).max(16), id: ScreenId.optional(), config: ScreenConfig }),
  'screen:configure': z.object({ id: ScreenId, config: ScreenConfig }),
  'screen:revoke': z.object({ id: ScreenId }),
  /** Removes a revoked screen from the list (an enrolled one must be revoked first). */
  'screen:forget': z.object({ id: ScreenId }),
  'enroll:create': z.object({
    id: ScreenId.optional(),
    config: ScreenConfig,
    ttlH: z.number().min(0.25, 'ttlH must be 15 min – 7 days').max(24 * 7, 'ttlH must be 15 min – 7 days'),
  }),
  'enroll:revoke': z.object({ id: z.string().min(1).max(64) }),
} as const;

export type ConsoleEvent = keyof typeof CONSOLE_REQUESTS;
/** What a client sends. */
export type ConsoleRequest<E extends ConsoleEvent> = z.input<(typeof CONSOLE_REQUESTS)[E]>;
/** What a handler receives once the schema has checked (and normalised) it. */
export type ConsoleParsed<E extends ConsoleEvent> = z.output<(typeof CONSOLE_REQUESTS)[E]>;

/**
 * The same schemas, typed per event: indexing this with a generic event name
 * gives that event's own schema (indexing CONSOLE_REQUESTS would give the
 * union of all twelve), so a dispatcher stays typed without casts.
 */
export type ConsoleSchemas = { [E in ConsoleEvent]: z.ZodType<ConsoleParsed<E>, ConsoleRequest<E>> };
export const CONSOLE_SCHEMAS: ConsoleSchemas = CONSOLE_REQUESTS;

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
  'console:audit': (e: AuditEntry) => void;
}

export type ConsoleClientToServerEvents = {
  [E in ConsoleEvent]: (req: ConsoleRequest<E>, ack: AckFn<ConsoleReplies[E]>) => void;
};

