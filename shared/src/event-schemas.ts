import { z } from 'zod';
import { MODULE_IDS, WALL_LAYOUT_IDS } from './ops.js';

/**
 * The /wall events' payloads as zod schemas: what the server validates each
 * event with, and (through z.infer) the types of the event map in events.ts.
 * Kept apart from events.ts: a client module importing a constant from there
 * must not drag zod into the wall's bundle.
 */

/** Screen ids, room ids and other names that travel in URLs and logs. */
export const SAFE_ID = /^[\w.:-]{1,64}$/;
export const ScreenId = z.string().regex(SAFE_ID, 'must be 1–64 letters, digits or _ . : -');

export const ResyncRequest = z.object({
  /** The last seq the client applied, for the server's logs and metrics. */
  lastSeq: z.number().int().min(-1),
});
export type ResyncRequest = z.infer<typeof ResyncRequest>;

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

/** A page opened with an enrollment link (`/wall?enroll=…`) trades the link's token for a credential. */
export const EnrollRequest = z.object({ token: z.string().min(16).max(128) });
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const ScreenState = z.object({ scene: z.string().max(64) });
export type ScreenState = z.infer<typeof ScreenState>;

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
