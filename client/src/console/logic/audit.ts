import type { AuditOutcome } from '@futian/shared';
import type { Checked } from './checked';
import { fromDatetimeLocal } from './format';

/**
 * The auditor's filters as query strings. The list, the CSV export and the
 * paging share one builder, so "download CSV" exports exactly what is listed.
 */
export interface AuditFilter {
  /** datetime-local values (China time, as the console shows times), '' for open-ended. */
  from: string;
  to: string;
  actor: string;
  action: string;
  outcome: '' | AuditOutcome;
}

export const AUDIT_PAGE = 100;
export const OUTCOMES: readonly AuditOutcome[] = ['ok', 'refused', 'failed'];

export function emptyAuditFilter(): AuditFilter {
  return { from: '', to: '', actor: '', action: '', outcome: '' };
}

export interface AuditQuery {
  from?: number;
  to?: number;
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
}

/** The filter as the server takes it: times in epoch ms, empty fields left out. */
export function checkAuditFilter(f: AuditFilter): Checked<AuditQuery> {
  const q: AuditQuery = {};
  if (f.from) {
    const v = fromDatetimeLocal(f.from);
    if (v === null) return { ok: false, error: 'audit.badDate' };
    q.from = v;
  }
  if (f.to) {
    const v = fromDatetimeLocal(f.to);
    if (v === null) return { ok: false, error: 'audit.badDate' };
    q.to = v;
  }
  if (q.from !== undefined && q.to !== undefined && q.from >= q.to) return { ok: false, error: 'audit.badRange' };
  if (f.actor.trim()) q.actor = f.actor.trim();
  if (f.action.trim()) q.action = f.action.trim();
  if (f.outcome) q.outcome = f.outcome;
  return { ok: true, value: q };
}

/** `?from=…&actor=…` (or '' when nothing is set); `page` adds the list's paging. */
export function auditSearch(q: AuditQuery, page?: { before?: number; limit?: number }): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...page })) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The CSV export of the same rows: every match, no paging. */
export function auditCsvHref(q: AuditQuery): string {
  return `/api/audit.csv${auditSearch(q)}`;
}
