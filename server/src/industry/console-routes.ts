import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../audit/log.js';
import { HttpError, requireObjectBody } from '../http/errors.js';
import type { Gate } from '../http/session.js';
import { UPLOAD_TYPES, uploadHandlers } from '../stats/import/upload.js';
import { StatBatchConflict } from '../store/types.js';
import { enterpriseTemplateCsv, enterpriseTemplateXlsx } from './import.js';
import type { EnterprisePreviewHeld, IndustryService } from './service.js';

/** The content types an upload may carry; a cross-site form cannot send any of them. */

const Publish = z.object({
  note: z.string().trim().min(1, 'a note is required (e.g. 2022 年报 / 快报, or what changed)').max(200),
  unit: z.string().trim().min(1, 'your unit is required: it is shown as the figures\u2019 source').max(64).regex(/^[^\u0000-\u001f<>]+$/, 'the unit has characters that cannot be shown'),
  /** Publish the valid rows of a file that also has rows with errors. */
  skipErrors: z.boolean().optional(),
});
const Rollback = z.object({
  note: z.string().trim().min(1, 'a note is required: why the batch is rolled back').max(200),
  unit: Publish.shape.unit,
});

const reason = (e: z.ZodError): string => e.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');

/** What the console shows of a preview (the owner's id stays on the server). */
function view(p: EnterprisePreviewHeld) {
  const { owner: _owner, ...rest } = p;
  return rest;
}

/**
 * The enterprise list for statistics staff (`stats.publish`), the statistics
 * workflow over the 企业名录 sheet: template, upload and preview, publish as a
 * batch under the uploader's unit (it replaces the simulated firms), history,
 * rollback of the list in force. Every step is audited, refusals included.
 */
export function industryConsoleRoutes(deps: { industry: IndustryService; gate: Gate; audit: Pick<AuditLog, 'record'> }): Router {
  const { industry, gate, audit } = deps;
  const r = Router();
  const json = express.json({ limit: 8 * 1024 });
  const actorOf = (u: { name: string; address: string }) => ({ name: u.name, kind: 'user' as const, address: u.address });

  r.get(['/api/console/industry/template.xlsx', '/api/console/industry/template.csv'], async (req: Request, res) => {
    await gate.require(req, res, 'stats.publish');
    const csv = req.path.endsWith('.csv');
    const reg = industry.current().registry;
    const body = csv ? enterpriseTemplateCsv(reg) : await enterpriseTemplateXlsx(reg);
    res.setHeader('Content-Type', csv ? 'text/csv; charset=utf-8' : UPLOAD_TYPES[0]!);
    res.setHeader('Content-Disposition', `attachment; filename="futian-enterprises-template.${csv ? 'csv' : 'xlsx'}"`);
    res.send(body);
  });

  r.post(
    '/api/console/industry/imports',
    ...uploadHandlers({
      gate,
      audit,
      action: 'industry.preview',
      preview: (buf, name, owner) => industry.preview(buf, name, owner),
      summary: (p) => ({ preview: p.id, sha256: p.sha256, format: p.format, rows: p.rows.length, ...p.counts }),
      view,
    }),
  );

  r.get('/api/console/industry/imports/:id', async (req, res) => {
    const u = await gate.require(req, res, 'stats.publish');
    const p = industry.held(String(req.params.id), u.id);
    if (!p) throw new HttpError(404, 'no such preview (it lapses after 30 minutes, or was published): upload the file again');
    res.json(view(p));
  });

  r.post('/api/console/industry/imports/:id/publish', json, async (req, res) => {
    const u = await gate.require(req, res, 'stats.publish');
    const parsed = Publish.safeParse(requireObjectBody(req.body));
    const p = industry.held(String(req.params.id), u.id);
    const refuse = async (status: number, why: string, extra: Record<string, unknown> = {}) => {
      await audit.record(actorOf(u), { action: 'industry.publish', target: p?.fileName ?? String(req.params.id), outcome: 'refused', detail: { reason: why, ...extra } });
      throw new HttpError(status, why, extra);
    };
    if (!parsed.success) return refuse(400, reason(parsed.error));
    if (!p) return refuse(404, 'no such preview (it lapses after 30 minutes, or was published): upload the file again');
    const b = parsed.data;
    if (p.counts.error > 0 && !b.skipErrors) {
      return refuse(400, `${p.counts.error} row(s) have errors: fix the file and upload it again, or publish the other rows (skipErrors)`, { errorRows: p.rows.filter((x) => x.status === 'error').map((x) => x.line).slice(0, 50) });
    }
    if (p.counts.ok === 0) return refuse(400, 'the list has no valid row: an empty list would take every firm off the map; fix the file');
    const out = await industry.publish(p, { actor: u.name, unit: b.unit, note: b.note });
    await audit.record(actorOf(u), {
      action: 'industry.publish',
      target: `batch #${out.id}`,
      outcome: 'ok',
      detail: { file: p.fileName, sha256: p.sha256, unit: b.unit, note: b.note, firms: out.rows, skippedErrorRows: p.counts.error, replacedSimulated: p.replaces.simulated },
    });
    res.status(201).json({ batch: out });
  });

  r.get('/api/console/industry/batches', async (req, res) => {
    await gate.require(req, res, 'stats.publish');
    res.json({ batches: await industry.batches(200) });
  });

  r.get('/api/console/industry/batches/:id', async (req, res) => {
    await gate.require(req, res, 'stats.publish');
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(400, 'bad batch id');
    const b = await industry.batch(id);
    if (!b) throw new HttpError(404, `no batch ${id}`);
    res.json(b);
  });

  r.post('/api/console/industry/batches/:id/rollback', json, async (req, res) => {
    const u = await gate.require(req, res, 'stats.publish');
    const id = Number(req.params.id);
    const parsed = Rollback.safeParse(requireObjectBody(req.body));
    const refuse = async (status: number, why: string) => {
      await audit.record(actorOf(u), { action: 'industry.rollback', target: `batch #${req.params.id}`, outcome: 'refused', detail: { reason: why } });
      throw new HttpError(status, why);
    };
    if (!Number.isSafeInteger(id) || id <= 0) return refuse(400, 'bad batch id');
    if (!parsed.success) return refuse(400, reason(parsed.error));
    try {
      const out = await industry.rollback(id, { actor: u.name, unit: parsed.data.unit, note: parsed.data.note });
      await audit.record(actorOf(u), {
        action: 'industry.rollback',
        target: `batch #${id}`,
        outcome: 'ok',
        detail: { rollback: out.id, note: parsed.data.note, unit: parsed.data.unit, served: industry.current().version },
      });
      res.status(201).json({ batch: out, served: industry.current().version });
    } catch (e) {
      if (e instanceof StatBatchConflict) return refuse(/^no batch/.test(e.message) ? 404 : 409, e.message);
      throw e;
    }
  });

  return r;
}
