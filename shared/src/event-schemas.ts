import { z } from 'zod';

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
