import { Router } from 'express';
import type { ReplayService } from './service.js';

/**
 * The replays list, for integrators (behind read access). Starting and stopping
 * a replay moves walls into a replay room, which changes what they show, so it
 * is the console's alone (`replay:start`, `replay:stop`), done by a signed-in
 * operator and audited; an upstream's token never could.
 */
export function replayRoutes(deps: { replays: ReplayService }): Router {
  const r = Router();
  r.get('/api/v1/replays', (_req, res) => {
    res.json({ replays: deps.replays.list() });
  });
  return r;
}
