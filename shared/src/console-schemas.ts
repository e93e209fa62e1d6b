import { z } from 'zod';
import { ScreenConfig, ScreenId } from './event-schemas.js';
import { MODULE_IDS, type Highlight, type SceneRef } from './ops.js';

/**
 * The console events' payloads as zod schemas: the single definition of what
 * each request may carry. console.ts derives the event map's request types
 * from these; the server validates every request with them. Kept apart so the
 * console's bundle, which needs only the types, never pulls in zod.
 */

export const Targets = z.union([z.literal('all'), z.array(ScreenId).min(1).max(200)], {
  error: "screens must be 'all' or a list of 1–200 screen ids",
});
export type Targets = z.infer<typeof Targets>;

export const HighlightSchema = z.object({
  type: z.enum(['subdistrict', 'sector', 'kpi', 'board', 'mapLayer']),
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
  /** The user is at the console (a key or a click): keeps the session from timing out while idle. */
  'session:touch': NoPayload,
  'screen:rename': z.object({ id: ScreenId, name: z.string().trim().min(1, 'a name is required').max(64) }),
  /** Approves a pairing code shown on a page; without an `id` one is made that nobody chose. */
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
