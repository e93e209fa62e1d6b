import { z } from 'zod';
import type { AuditFilter, StoredAuditRow } from '../store/audit-types.js';

/** China Standard Time has no daylight saving: a fixed offset is exact. */
const CST_OFFSET_MS = 8 * 3_600_000;

/**
 * A time as epoch ms or ISO 8601. A date or date-time written without an
 * offset is read as China Standard Time (+08:00), whatever the server's
 * zone: an auditor in Futian who asks for `2026-01-01` means local midnight.
 */
export function parseTime(s: string): number | null {
  const v = s.trim();
  if (/^\d{1,15}$/.test(v)) return Number(v);
  let iso = v;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) iso = `${v}T00:00:00+08:00`;
  else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(v)) iso = `${v.replace(' ', 'T')}+08:00`;
  else if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(v)) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

const Time = z.string().transform((s, ctx) => {
  const t = parseTime(s);
  if (t === null) {
    ctx.issues.push({ code: 'custom', message: 'must be epoch ms or an ISO 8601 date or time (no offset: +08:00)', input: s });
    return z.NEVER;
  }
  return t;
});

const Name = z.string().min(1).max(128);

/** The filters the list, the export and the CLI share: time is [from, to). */
export const AuditFilterSchema = z.strictObject({
  from: Time.optional(),
  to: Time.optional(),
  actor: Name.optional(),
  action: Name.optional(),
  outcome: z.enum(['ok', 'refused', 'failed']).optional(),
});

const bounded = <T extends AuditFilter>(f: T): boolean => f.from === undefined || f.to === undefined || f.from < f.to;
const BOUNDED = { message: 'from must be before to', path: ['from'] };

export const AuditFilterQuery = AuditFilterSchema.refine(bounded, BOUNDED);

/** `GET /api/audit`: the filters, newest first, paged backwards with `before`. */
export const AuditListQuery = AuditFilterSchema.extend({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
}).refine(bounded, BOUNDED);

/** The filter as it goes into the audit trail's own record of a read: only what was asked. */
export function filterDetail(f: AuditFilter & { before?: number; limit?: number }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined) out[k] = v;
  return out;
}

/** Epoch ms as ISO 8601 in China Standard Time, e.g. 2026-03-01T09:30:00.000+08:00. */
export function cstIso(ts: number): string {
  return new Date(ts + CST_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

export const CSV_COLUMNS = ['id', 'time', 'actor', 'kind', 'address', 'action', 'target', 'outcome', 'screens', 'detail', 'hash'] as const;

/**
 * One CSV record. Time is +08:00 (the offset is written, so nothing is
 * ambiguous); screens are space-separated; detail is the JSON exactly as
 * stored, so together with id and hash a row can be checked outside.
 */
export function csvRecord(r: StoredAuditRow): string[] {
  const screens = JSON.parse(r.screens) as string[];
  return [String(r.id), cstIso(r.ts), r.actor, r.actorKind, r.address, r.action, r.target, r.outcome, screens.join(' '), r.detail, r.hash];
}
