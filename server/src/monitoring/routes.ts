import { Router } from 'express';
import type { Metrics } from './metrics.js';

export interface HealthDeps {
  store: () => 'sqlite' | 'postgres';
  devices: () => number;
  /** Connected wall and console sockets. */
  clients: () => number;
  /** The live room's seq, so a monitor sees deltas moving. */
  seq: () => number;
  rooms: () => number;
}

const startedAt = Date.now();

/** `GET /api/health` (the external contract) and Prometheus `GET /metrics`. */
export function monitoringRoutes(deps: HealthDeps & { metrics: Metrics }): Router {
  const r = Router();
  r.get('/api/health', (_req, res) => {
    res.json({
      status: 'ok',
      store: deps.store(),
      devices: deps.devices(),
      clients: deps.clients(),
      seq: deps.seq(),
      rooms: deps.rooms(),
      uptimeS: Math.round((Date.now() - startedAt) / 1000),
    });
  });
  r.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.render());
  });
  return r;
}
