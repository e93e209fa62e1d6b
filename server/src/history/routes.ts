import { Router } from 'express';
import { areaFor, DISTRICT_SCOPE, isHistoryMetric, isSubdistrict } from '@futian/shared';
import type { Retention } from '../config/config.js';
import { HttpError } from '../http/errors.js';
import type { Store } from '../store/types.js';
import { queryHistory } from './query.js';
import type { HistoryWriter } from './writer.js';

const MAX_POINTS = 10_000;

function parseTime(v: unknown, name: string): number | undefined {
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw new HttpError(400, `${name} must be epoch ms or an ISO-8601 time`);
  const n = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(n)) throw new HttpError(400, `${name} must be epoch ms or an ISO-8601 time`);
  return n;
}

function parseStep(v: unknown): number | undefined {
  if (v === undefined || v === '') return undefined;
  const m = typeof v === 'string' ? /^(\d+)(ms|s|m|h|d)?$/.exec(v) : null;
  if (!m) throw new HttpError(400, "step must be like '10s', '1m', '1h' or milliseconds");
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] ?? 'ms'] ?? 1;
  const step = Number(m[1]) * unit;
  if (step < 1000) throw new HttpError(400, 'step must be at least 1s');
  return step;
}

export function historyRoutes(deps: { store: Store; history: HistoryWriter; now: () => number; retention: Retention }): Router {
  const r = Router();
  r.get('/api/v1/history', async (req, res) => {
    const metric = typeof req.query.metric === 'string' ? req.query.metric : '';
    if (!isHistoryMetric(metric)) throw new HttpError(400, `unknown metric '${metric.slice(0, 64)}'`);
    const sd = typeof req.query.subdistrict === 'string' && req.query.subdistrict !== '' ? req.query.subdistrict : DISTRICT_SCOPE;
    if (sd !== DISTRICT_SCOPE && !isSubdistrict(sd)) throw new HttpError(400, `unknown subdistrict '${sd.slice(0, 16)}'`);
    const now = deps.now();
    const to = parseTime(req.query.to, 'to') ?? now;
    const from = parseTime(req.query.from, 'from') ?? to - 3_600_000;
    if (from >= to) throw new HttpError(400, 'from must be before to');
    const step = parseStep(req.query.step) ?? Math.max(10_000, Math.ceil((to - from) / 360 / 10_000) * 10_000);
    if ((to - from) / step > MAX_POINTS) throw new HttpError(400, `more than ${MAX_POINTS} points: widen step`);
    // Derived rows are written in batches; flush so the answer includes the last second.
    await deps.history.flush();
    const answer = await queryHistory(deps.store, { metric, scope: sd, from, to, step }, now, deps.retention);
    res.json({
      metric,
      subdistrict: sd,
      from,
      to,
      ...answer,
      ...(metric.endsWith('.density') ? { area: areaFor(sd) } : {}),
    });
  });
  return r;
}
