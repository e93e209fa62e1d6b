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
  /** Cluster mode only: this node's id, the rooms it drives, and its Redis connection's state. */
  cluster?: () => { node: string; ownedRooms: string[]; redis: string };
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
      ...(deps.cluster ? { cluster: deps.cluster() } : {}),
      uptimeS: Math.round((Date.now() - startedAt) / 1000),
    });
  });
  r.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.render());
  });
  return r;
}
