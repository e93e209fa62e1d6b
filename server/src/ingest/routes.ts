import express, { Router } from 'express';
import { DeviceRegistration, DeviceRegistrationBody, isDeviceKind, IngestBody, LIMITS, type EffectiveStatus } from '@futian/shared';
import type { SourceToken } from '../config.js';
import type { DeviceRegistry } from '../devices/registry.js';
import { bearerAuth, sourceOf } from '../http/auth.js';
import { HttpError, requireObjectBody } from '../http/errors.js';
import type { Logger } from '../logger.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { IngestService } from './service.js';

export interface IngestRouteDeps {
  sources: readonly SourceToken[];
  ingest: IngestService;
  registry: DeviceRegistry;
  live: Pipeline;
  log: Logger;
}

/** The public ingest contract: POST /api/v1/ingest, and the device registry. */
export function ingestRoutes(deps: IngestRouteDeps): Router {
  const r = Router();
  const auth = bearerAuth(deps.sources);
  // Auth runs before the body is read, so an unauthenticated 50 MB upload is
  // refused with 401 without buffering it.
  const json = express.json({ limit: LIMITS.maxBodyBytes, strict: false });

  r.post('/api/v1/ingest', auth, json, async (req, res) => {
    const body = requireObjectBody(req.body);
    const parsed = IngestBody.safeParse(body);
    if (!parsed.success) throw new HttpError(400, "body must be { \"reports\": [ ... ] }");
    const { reports } = parsed.data;
    if (reports.length > LIMITS.maxBatch) {
      throw new HttpError(413, `batch of ${reports.length} reports exceeds the limit of ${LIMITS.maxBatch}`, {
        limit: LIMITS.maxBatch,
      });
    }
    const source = sourceOf(res.locals);
    const result = await deps.ingest.ingest(reports, source, 'http');
    if (result.rejected.length > 0) {
      deps.log.debug({ source: source.name, rejected: result.rejected.length, first: result.rejected[0] }, 'ingest rejections');
    }
    res.status(202).json(result);
  });

  r.post('/api/v1/devices', auth, express.json({ limit: 16 * 1024 * 1024 }), async (req, res) => {
    const parsed = DeviceRegistrationBody.safeParse(requireObjectBody(req.body));
    if (!parsed.success) throw new HttpError(400, 'body must be { "devices": [ ... ] } with at most 50,000 devices');
    const rows = [];
    const rejected: Array<{ index: number; error: string }> = [];
    for (const [index, item] of parsed.data.devices.entries()) {
      const d = DeviceRegistration.safeParse(item);
      if (!d.success) {
        const issue = d.error.issues[0];
        rejected.push({ index, error: `${String(issue?.path[0] ?? 'device')}: ${issue?.message ?? 'invalid'}` });
        continue;
      }
      rows.push({
        deviceId: d.data.deviceId,
        kind: d.data.kind,
        subdistrict: d.data.subdistrict,
        siteId: d.data.siteId ?? null,
        fast: d.data.fast ?? false,
        lng: d.data.lng ?? null,
        lat: d.data.lat ?? null,
      });
    }
    const result = await deps.registry.register(rows);
    deps.log.info({ source: sourceOf(res.locals).name, added: result.added, updated: result.updated }, 'devices registered');
    res.status(200).json({
      added: result.added,
      updated: result.updated,
      rejected: [...rejected, ...result.errors.map((e) => ({ deviceId: e.deviceId, error: e.error }))],
    });
  });

  r.get('/api/v1/devices', (req, res) => {
    const kind = typeof req.query.kind === 'string' ? req.query.kind : undefined;
    if (kind !== undefined && !isDeviceKind(kind)) throw new HttpError(400, "kind must be 'bs5g', 'pole' or 'pile'");
    const sd = typeof req.query.subdistrict === 'string' ? req.query.subdistrict : undefined;
    const status = typeof req.query.status === 'string' ? (req.query.status as EffectiveStatus) : undefined;
    const limit = Math.min(Math.max(Number(req.query.limit ?? 100) || 100, 1), 5000);
    const offset = Math.max(Number(req.query.offset ?? 0) || 0, 0);
    const out = [];
    let total = 0;
    for (const d of deps.registry.all()) {
      if (kind && d.kind !== kind) continue;
      if (sd && d.subdistrict !== sd) continue;
      const st = deps.live.fleet.status(d.idx) ?? 'silent';
      if (status && st !== status) continue;
      if (total >= offset && out.length < limit) {
        out.push({
          deviceId: d.deviceId,
          kind: d.kind,
          subdistrict: d.subdistrict,
          siteId: d.siteId,
          fast: d.fast,
          lng: d.lng,
          lat: d.lat,
          status: st,
        });
      }
      total++;
    }
    res.json({ devices: out, total, offset, limit });
  });

  return r;
}
