import express, { Router } from 'express';
import type { SourceToken } from '../config/config.js';
import { bearerAuth } from '../http/auth.js';
import { HttpError, requireObjectBody } from '../http/errors.js';
import type { ReplayService } from './service.js';

const time = (v: unknown, name: string): number => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? (/^\d+$/.test(v) ? Number(v) : Date.parse(v)) : NaN;
  if (!Number.isFinite(n)) throw new HttpError(400, `${name} must be epoch ms or an ISO-8601 time`);
  return n;
};

/**
 * Replay control over REST, for integrators and scripts (bearer token). The
 * console drives the same service over its own authenticated namespace.
 */
export function replayRoutes(deps: { sources: readonly SourceToken[]; replays: ReplayService }): Router {
  const r = Router();
  r.get('/api/v1/replays', (_req, res) => {
    res.json({ replays: deps.replays.list() });
  });
  r.post('/api/v1/replays', bearerAuth(deps.sources), express.json({ limit: 4096 }), async (req, res) => {
    const b = requireObjectBody(req.body);
    try {
      const meta = await deps.replays.start({ from: time(b.from, 'from'), to: time(b.to, 'to'), speed: Number(b.speed ?? 10) });
      res.status(201).json(meta);
    } catch (err) {
      if (err instanceof HttpError) throw err;
      throw new HttpError(400, err instanceof Error ? err.message : 'cannot start replay');
    }
  });
  r.delete('/api/v1/replays/:id', bearerAuth(deps.sources), (req, res) => {
    const id = String(req.params.id);
    const meta = deps.replays.stop(id);
    if (!meta) throw new HttpError(404, `no replay '${id.slice(0, 40)}'`);
    res.json(meta);
  });
  return r;
}
