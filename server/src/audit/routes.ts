import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { zodReason } from '@futian/shared';
import type { Permission, Role } from '@futian/shared';
import type { Logger } from '../platform/logger.js';
import type { AuditFilter, AuditRepo } from '../store/audit-types.js';
import { AuditFilterQuery, AuditListQuery, cstIso, CSV_COLUMNS, csvRecord, filterDetail } from './filters.js';
import type { Actor, AuditLog } from './log.js';
import { verifyAuditChain, type AuditVerdict } from './verify.js';

/** A signed-in console user, as the auth code hands it over. */
export interface AuditReader {
  id: number;
  name: string;
  role: Role;
  address: string;
}

export interface AuditRouteDeps {
  /** Records each read of the trail (and answers the list). */
  audit: AuditLog;
  /** Pages, exports and verifies the trail. */
  repo: AuditRepo;
  /**
   * The signed-in user with the permission, or a throw of HttpError 401/403.
   * Refusals are audited on that side.
   */
  requireUser: (req: Request, res: Response, permission: Permission) => Promise<AuditReader>;
  log: Logger;
}

/** Rows per page of the CSV export. */
const EXPORT_PAGE = 1000;

/**
 * The query, validated; or a 400 with the reason, answered here. Not a thrown
 * HttpError: http/ imports audit/ (the session gate audits refusals), so
 * audit/ may not import http/. The body has the error handler's shape.
 */
function parse<S extends z.ZodType>(schema: S, query: unknown, res: Response): z.output<S> | undefined {
  const r = schema.safeParse(query);
  if (r.success) return r.data;
  res.status(400).json({ error: zodReason(r.error) });
  return undefined;
}

const actorOf = (u: AuditReader): Actor => ({ name: u.name, kind: 'user', address: u.address });

/**
 * The auditor's endpoints (docs/API.md, "Audit trail"): list, CSV export and
 * chain check, all behind `audit.read`. Every call that gets past the
 * permission check is itself audited, with the filters and how many rows it
 * returned, so the audit trail shows who has read it.
 */
export function auditRoutes(d: AuditRouteDeps): Router {
  const r = Router();
  // One check at a time: each walks the whole trail, and an impatient auditor
  // clicking twice should not start a second walk of a million rows.
  let checking: Promise<AuditVerdict> | null = null;

  r.get('/api/audit', async (req, res) => {
    const u = await d.requireUser(req, res, 'audit.read');
    const q = parse(AuditListQuery, req.query, res);
    if (!q) return;
    const rows = await d.audit.query(q);
    await d.audit.record(actorOf(u), { action: 'audit.read', outcome: 'ok', detail: { ...filterDetail(q), rows: rows.length } });
    res.set('Cache-Control', 'no-store').json({ rows });
  });

  r.get('/api/audit.csv', async (req, res) => {
    const u = await d.requireUser(req, res, 'audit.read');
    const f: AuditFilter | undefined = parse(AuditFilterQuery, req.query, res);
    if (!f) return;
    // The export is the trail as it stood when asked: rows appended while it
    // streams (its own record among them) are left for the next one.
    const upTo = (await d.repo.head())?.id ?? 0;
    let rows = 0;
    let lastId = 0;
    async function* records(): AsyncGenerator<string[]> {
      let after = 0;
      for (;;) {
        const page = await d.repo.scan(after, EXPORT_PAGE, { ...f, maxId: upTo });
        for (const row of page) {
          rows++;
          lastId = row.id;
          yield csvRecord(row);
        }
        if (page.length < EXPORT_PAGE) return;
        after = page[page.length - 1]!.id;
      }
    }
    res.set('Cache-Control', 'no-store');
    res.attachment(`audit-${cstIso(Date.now()).slice(0, 10)}.csv`);
    res.type('text/csv; charset=utf-8');
    // A BOM, or Excel reads the UTF-8 as the local code page and the Chinese
    // is garbled. Formula escaping because actor names come from outside (a
    // failed sign-in records the name typed): `=HYPERLINK(…)` must stay text.
    const csv = stringify({ bom: true, header: true, columns: [...CSV_COLUMNS], escape_formulas: true });
    const detail = { ...filterDetail(f), upToId: upTo };
    try {
      await pipeline(Readable.from(records()), csv, res);
    } catch (err) {
      // The client went away or the store failed mid-stream; the headers are out,
      // so the status cannot change. What was sent is still a read to record.
      await d.audit.record(actorOf(u), {
        action: 'audit.export',
        outcome: 'failed',
        detail: { ...detail, rows, lastId, reason: err instanceof Error ? err.message : String(err) },
      });
      d.log.warn({ err, rows }, 'audit export ended early');
      return;
    }
    await d.audit.record(actorOf(u), { action: 'audit.export', outcome: 'ok', detail: { ...detail, rows } });
  });

  r.get('/api/audit/verify', async (req, res) => {
    const u = await d.requireUser(req, res, 'audit.read');
    if (Object.keys(req.query).length > 0) {
      res.status(400).json({ error: 'verify takes no parameters' });
      return;
    }
    checking ??= verifyAuditChain(d.repo).finally(() => {
      checking = null;
    });
    const v = await checking;
    if (!v.ok) d.log.error({ firstBad: v.firstBad, rows: v.rows }, 'AUDIT CHAIN TAMPERED');
    await d.audit.record(actorOf(u), {
      action: 'audit.verify',
      outcome: 'ok',
      detail: { intact: v.ok, rows: v.rows, head: v.head, anchor: v.anchor, ...(v.firstBad ? { firstBad: v.firstBad } : {}) },
    });
    res.set('Cache-Control', 'no-store').json(v);
  });

  return r;
}
