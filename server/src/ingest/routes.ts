import express, { Router } from 'express';
import { IngestBody, LIMITS } from '@futian/shared';
import type { SourceToken } from '../config/config.js';
import { bearerAuth, sourceOf, type RefusalSink } from '../http/auth.js';
import { HttpError, requireObjectBody } from '../http/errors.js';
import type { Logger } from '../platform/logger.js';
import type { IngestService } from './service.js';

export interface IngestRouteDeps {
  sources: readonly SourceToken[];
  ingest: IngestService;
  /** Refused tokens are audited in aggregate; accepted batches are not audited (too frequent), they are counted in metrics. */
  refusals: RefusalSink;
  log: Logger;
}

/** The public ingest contract: POST /api/v1/ingest. */
export function ingestRoutes(deps: IngestRouteDeps): Router {
  const r = Router();
  const auth = bearerAuth({ tokens: deps.sources, scope: 'ingest', action: 'telemetry.ingest', refusals: deps.refusals });
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

  return r;
}
