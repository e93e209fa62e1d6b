import express, { type Request, type RequestHandler, type Response } from 'express';
import type { AuditLog } from '../../audit/log.js';
import { HttpError } from '../../http/errors.js';
import type { Gate } from '../../http/session.js';
import { FileRefused } from './zip-guard.js';

/** The largest upload: a full 10,000-row sheet is about 2 MB as .xlsx and 1 MB as CSV. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** The content types an upload may carry; a cross-site form can send none of them. */
export const UPLOAD_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv', 'application/octet-stream'];

type SessionUser = Awaited<ReturnType<Gate['require']>>;

export interface UploadRoute<P> {
  gate: Gate;
  audit: Pick<AuditLog, 'record'>;
  /** The audit action of every step and refusal, e.g. `stats.preview`. */
  action: string;
  /** Reads and checks the file; throws FileRefused for a file that is not a usable sheet. */
  preview: (buf: Buffer, fileName: string, owner: number) => Promise<P>;
  /** What the audit row records of a preview (its id, hash, counts). */
  summary: (p: P) => Record<string, unknown>;
  /** What the console is sent. */
  view: (p: P) => unknown;
}

const actorOf = (u: { name: string; address: string }) => ({ name: u.name, kind: 'user' as const, address: u.address });

/**
 * The upload step both console workflows share (statistics and the enterprise
 * list): the session and `stats.publish` first, so an anonymous body is never
 * read; only the spreadsheet content types; a body over 5 MB refused (413) as it
 * streams in; the file read into a preview, or refused with the reason (400).
 * Every outcome is audited under `action`, refusals included.
 */
export function uploadHandlers<P>(d: UploadRoute<P>): RequestHandler[] {
  const raw = express.raw({ type: UPLOAD_TYPES, limit: MAX_UPLOAD_BYTES });
  const user = (res: Response): SessionUser => res.locals.uploadUser as SessionUser;
  const target = (req: Request): string => String(req.query.name ?? 'upload').slice(0, 128).replace(/[\u0000-\u001f]/g, '') || 'upload';
  return [
    async (req, res, next) => {
      res.locals.uploadUser = await d.gate.require(req, res, 'stats.publish');
      next();
    },
    (req, res, next) => {
      const u = user(res);
      if (!req.is(UPLOAD_TYPES)) {
        void d.audit.record(actorOf(u), { action: d.action, target: target(req), outcome: 'refused', detail: { reason: `content type ${req.get('content-type') ?? 'none'}` } });
        throw new HttpError(415, 'send the file as the request body with Content-Type .xlsx, text/csv or application/octet-stream');
      }
      raw(req, res, (err?: unknown) => {
        if (!err) return next();
        d.audit
          .record(actorOf(u), { action: d.action, target: target(req), outcome: 'refused', detail: { reason: (err as { type?: string }).type ?? 'unreadable body', bytes: Number(req.get('content-length') ?? 0) } })
          .finally(() => next(err));
      });
    },
    async (req, res) => {
      const u = user(res);
      const fileName = target(req);
      const buf = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      try {
        const p = await d.preview(buf, fileName, u.id);
        await d.audit.record(actorOf(u), { action: d.action, target: fileName, outcome: 'ok', detail: d.summary(p) });
        res.json(d.view(p));
      } catch (e) {
        if (!(e instanceof FileRefused)) throw e;
        await d.audit.record(actorOf(u), { action: d.action, target: fileName, outcome: 'refused', detail: { reason: e.message, bytes: buf.length } });
        throw new HttpError(400, e.message);
      }
    },
  ];
}
