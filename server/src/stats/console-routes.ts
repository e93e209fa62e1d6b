import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../audit/log.js';
import { HttpError, requireObjectBody } from '../http/errors.js';
import type { Gate } from '../http/session.js';
import { StatBatchConflict } from '../store/types.js';
import { UPLOAD_TYPES, uploadHandlers } from './import/upload.js';
import { templateCsv, templateXlsx } from './import/template.js';
import type { Preview, StatsImports } from './imports.js';
import type { StatsService } from './service.js';


const Publish = z.object({
  note: z.string().trim().min(1, 'a note is required (e.g. 2022 年报 / 快报, or what changed)').max(200),
  unit: z.string().trim().min(1, 'your unit is required: it is shown as the figures\u2019 source').max(64).regex(/^[^\u0000-\u001f<>]+$/, 'the unit has characters that cannot be shown'),
  /** Publish the valid rows of a file that also has rows with errors. */
  skipErrors: z.boolean().optional(),
  /** Publish although a reconciliation check fails (the walls then show the difference). */
  acceptMismatch: z.boolean().optional(),
});
const Rollback = z.object({
  note: z.string().trim().min(1, 'a note is required: why the batch is rolled back').max(200),
  unit: Publish.shape.unit,
});

const reason = (e: z.ZodError): string => e.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');

/** What the console shows of a preview (the owner's id stays on the server). */
function view(p: Preview) {
  const { owner: _owner, ...rest } = p;
  return rest;
}

/**
 * Statistics operations for statistics staff (`stats.publish`): template,
 * upload and preview, publish as a batch under the uploader's unit, history,
 * rollback. Every step is audited, refusals and refused files included.
 */
export function statsConsoleRoutes(deps: { stats: StatsService; imports: StatsImports; gate: Gate; audit: Pick<AuditLog, 'record'> }): Router {
  const { stats, imports, gate, audit } = deps;
  const r = Router();
  const json = express.json({ limit: 8 * 1024 });
  const actorOf = (u: { name: string; address: string }) => ({ name: u.name, kind: 'user' as const, address: u.address });

  r.get(['/api/console/stats/template.xlsx', '/api/console/stats/template.csv'], async (req: Request, res) => {
    await gate.require(req, res, 'stats.publish');
    const csv = req.path.endsWith('.csv');
    const body = csv ? templateCsv(stats.all()) : await templateXlsx(stats.all());
    res.setHeader('Content-Type', csv ? 'text/csv; charset=utf-8' : UPLOAD_TYPES[0]!);
    res.setHeader('Content-Disposition', `attachment; filename="futian-stats-template.${csv ? 'csv' : 'xlsx'}"`);
    res.send(body);
  });

  r.post(
    '/api/console/stats/imports',
    ...uploadHandlers({
      gate,
      audit,
      action: 'stats.preview',
      preview: (buf, name, owner) => imports.preview(buf, name, owner),
      summary: (p) => ({ preview: p.id, sha256: p.sha256, format: p.format, rows: p.rows.length, ...p.counts, checksFailed: p.checks.filter((c) => !c.ok).length }),
      view,
    }),
  );

  r.get('/api/console/stats/imports/:id', async (req, res) => {
    const u = await gate.require(req, res, 'stats.publish');
    const p = imports.get(String(req.params.id), u.id);
    if (!p) throw new HttpError(404, 'no such preview (it lapses after 30 minutes, or was published): upload the file again');
    res.json(view(p));
  });

  r.post('/api/console/stats/imports/:id/publish', json, async (req, res) => {
    const u = await gate.require(req, res, 'stats.publish');
    const parsed = Publish.safeParse(requireObjectBody(req.body));
    const p = imports.get(String(req.params.id), u.id);
    const refuse = async (status: number, why: string, extra: Record<string, unknown> = {}) => {
      await audit.record(actorOf(u), { action: 'stats.publish', target: p?.fileName ?? String(req.params.id), outcome: 'refused', detail: { reason: why, ...extra } });
      throw new HttpError(status, why, extra);
    };
    if (!parsed.success) return refuse(400, reason(parsed.error));
    if (!p) return refuse(404, 'no such preview (it lapses after 30 minutes, or was published): upload the file again');
    const b = parsed.data;
    if (p.counts.error > 0 && !b.skipErrors) {
      return refuse(400, `${p.counts.error} row(s) have errors: fix the file and upload it again, or publish the other rows (skipErrors)`, { errorRows: p.rows.filter((x) => x.status === 'error').map((x) => x.line).slice(0, 50) });
    }
    const failed = p.checks.filter((c) => !c.ok);
    if (failed.length > 0 && !b.acceptMismatch) {
      return refuse(400, `${failed.length} reconciliation check(s) do not add up: correct the file, or publish anyway (acceptMismatch) and the walls show the difference`, { checks: failed.map((c) => c.id) });
    }
    const moved = imports.changedSince(p);
    if (moved.length > 0) return refuse(409, 'figures in this file were changed by someone else since the preview: upload the file again to see the current values', { rows: moved.slice(0, 50) });
    const figures = p.rows.filter((x) => x.status !== 'error' && x.figure).map((x) => x.figure!);
    const out = await stats.publishBatch({ actor: u.name, unit: b.unit, note: b.note, fileName: p.fileName, fileSha256: p.sha256 }, figures);
    imports.take(p.id);
    await audit.record(actorOf(u), {
      action: 'stats.publish',
      target: out.batch ? `batch #${out.batch.id}` : p.fileName,
      outcome: 'ok',
      detail: {
        file: p.fileName,
        sha256: p.sha256,
        unit: b.unit,
        note: b.note,
        stored: out.stored,
        unchanged: out.unchanged,
        skippedErrorRows: p.counts.error,
        checksFailed: failed.map((c) => c.id),
      },
    });
    res.status(out.batch ? 201 : 200).json({ batch: out.batch, stored: out.stored, unchanged: out.unchanged });
  });

  r.get('/api/console/stats/batches', async (req, res) => {
    await gate.require(req, res, 'stats.publish');
    res.json({ batches: await stats.batches(200) });
  });

  r.get('/api/console/stats/batches/:id', async (req, res) => {
    await gate.require(req, res, 'stats.publish');
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(400, 'bad batch id');
    const b = await stats.batch(id);
    if (!b) throw new HttpError(404, `no batch ${id}`);
    res.json(b);
  });

  r.post('/api/console/stats/batches/:id/rollback', json, async (req, res) => {
    const u = await gate.require(req, res, 'stats.publish');
    const id = Number(req.params.id);
    const parsed = Rollback.safeParse(requireObjectBody(req.body));
    const refuse = async (status: number, why: string) => {
      await audit.record(actorOf(u), { action: 'stats.rollback', target: `batch #${req.params.id}`, outcome: 'refused', detail: { reason: why } });
      throw new HttpError(status, why);
    };
    if (!Number.isSafeInteger(id) || id <= 0) return refuse(400, 'bad batch id');
    if (!parsed.success) return refuse(400, reason(parsed.error));
    try {
      const out = await stats.rollbackBatch(id, { actor: u.name, unit: parsed.data.unit, note: parsed.data.note });
      await audit.record(actorOf(u), {
        action: 'stats.rollback',
        target: `batch #${id}`,
        outcome: 'ok',
        detail: { rollback: out.batch?.id ?? null, stored: out.stored, skipped: out.skipped.slice(0, 50), note: parsed.data.note, unit: parsed.data.unit },
      });
      res.status(201).json(out);
    } catch (e) {
      if (e instanceof StatBatchConflict) return refuse(/^no batch/.test(e.message) ? 404 : 409, e.message);
      throw e;
    }
  });

  return r;
}
