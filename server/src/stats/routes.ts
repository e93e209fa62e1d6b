import express, { Router } from 'express';
import { StatsBody, statKey } from '@futian/shared';
import type { AuditLog } from '../audit/log.js';
import type { SourceToken } from '../config/config.js';
import { bearerAuth, clientAddress, sourceOf, type RefusalSink } from '../http/auth.js';
import { HttpError, requireObjectBody } from '../http/errors.js';
import type { StatsService } from './service.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Revisions listed in one audit row; the stored revisions themselves keep every one, with its source. */
const AUDIT_REVISIONS = 100;

export interface StatsRouteDeps {
  sources: readonly SourceToken[];
  stats: StatsService;
  /** Every publish that stored a revision is audited under the source's name; refused tokens in aggregate. */
  audit: Pick<AuditLog, 'record'>;
  refusals: RefusalSink;
}

export function statsRoutes(deps: StatsRouteDeps): Router {
  const r = Router();
  const auth = bearerAuth({ tokens: deps.sources, scope: 'stats', action: 'stats.publish', refusals: deps.refusals });
  r.post('/api/v1/stats', auth, express.json({ limit: 2 * 1024 * 1024 }), async (req, res) => {
    const parsed = StatsBody.safeParse(requireObjectBody(req.body));
    if (!parsed.success) throw new HttpError(400, 'body must be { "figures": [ ... ] } with at most 10,000 figures');
    const source = sourceOf(res.locals);
    const { revised, ...result } = await deps.stats.submit(parsed.data.figures, source);
    // A revision replaces a figure on every wall at once: who published it, from
    // where, is on record before the publisher hears the answer.
    if (revised.length > 0) {
      const keys = revised.map((x) => x.key);
      await deps.audit.record(
        { name: source.name, kind: 'token', address: clientAddress(req) },
        {
          action: 'stats.publish',
          target: keys.length > 5 ? `${keys.slice(0, 5).join(', ')} … (+${keys.length - 5})` : keys.join(', '),
          outcome: 'ok',
          detail: {
            figures: parsed.data.figures.length,
            accepted: result.accepted,
            unchanged: result.unchanged,
            rejected: result.rejected.length,
            revisions: revised.slice(0, AUDIT_REVISIONS),
            ...(revised.length > AUDIT_REVISIONS ? { moreRevisions: revised.length - AUDIT_REVISIONS } : {}),
          },
        },
      );
    }
    res.status(202).json(result);
  });

  /** Current values, filtered by any of indicator, period, subdistrict, sector, category, tier. */
  r.get('/api/v1/stats', (req, res) => {
    const q = req.query;
    const f = {
      indicator: str(q.indicator),
      period: str(q.period),
      subdistrict: str(q.subdistrict),
      sector: str(q.sector),
      category: str(q.category),
      tier: str(q.tier),
    };
    const values = deps.stats.all().filter(
      (v) =>
        (!f.indicator || v.indicator === f.indicator) &&
        (!f.period || v.period === f.period) &&
        (!f.subdistrict || v.scope.subdistrict === f.subdistrict) &&
        (!f.sector || v.scope.sector === f.sector) &&
        (!f.category || v.scope.category === f.category) &&
        (!f.tier || v.scope.tier === f.tier),
    );
    res.json({ values });
  });

  /** Every revision of one figure, oldest first. */
  r.get('/api/v1/stats/revisions', async (req, res) => {
    const indicator = str(req.query.indicator);
    const period = str(req.query.period);
    if (!indicator || !period) throw new HttpError(400, 'indicator and period are required');
    const key = statKey(indicator, period, {
      subdistrict: str(req.query.subdistrict),
      sector: str(req.query.sector),
      category: str(req.query.category),
      tier: str(req.query.tier),
    });
    res.json({ key, revisions: await deps.stats.revisions(key) });
  });
  return r;
}
