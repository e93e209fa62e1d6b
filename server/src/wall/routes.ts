import { Router } from 'express';
import { LIVE_ROOM } from '@futian/shared';
import type { Config } from '../config.js';
import type { DeviceRegistry } from '../devices/registry.js';
import { HttpError } from '../http/errors.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { Store } from '../store/types.js';

export interface WallRouteDeps {
  config: Config;
  store: Store;
  registry: DeviceRegistry;
  rooms: Map<string, Pipeline>;
  geo: { boundaries: string; parks: string };
  metrics: Metrics;
  /** Connected wall and console sockets. */
  clients: () => number;
}

const startedAt = Date.now();

/** Health, snapshot, geo layers and Prometheus metrics. */
export function wallRoutes(deps: WallRouteDeps): Router {
  const r = Router();

  r.get('/api/health', (_req, res) => {
    const live = deps.rooms.get(LIVE_ROOM)!;
    res.json({
      status: 'ok',
      store: deps.store.kind,
      devices: deps.registry.size,
      clients: deps.clients(),
      seq: live.publisher.seq,
      rooms: deps.rooms.size,
      uptimeS: Math.round((Date.now() - startedAt) / 1000),
    });
  });

  /** The same state a wall in that room receives on connect. */
  r.get('/api/v1/snapshot', (req, res) => {
    const room = typeof req.query.room === 'string' ? req.query.room : LIVE_ROOM;
    const p = deps.rooms.get(room);
    if (!p) throw new HttpError(404, `no room '${room}'`);
    res.json(p.publisher.snapshot());
  });

  // The boundary file comes from configuration (WALL_GEO_FILE), served as-is.
  r.get('/api/v1/geo/subdistricts', (_req, res) => {
    res.type('application/geo+json').set('Cache-Control', 'public, max-age=300').send(deps.geo.boundaries);
  });
  r.get('/api/v1/geo/parks', (_req, res) => {
    res.type('application/geo+json').set('Cache-Control', 'public, max-age=300').send(deps.geo.parks);
  });

  r.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.render());
  });
  return r;
}
