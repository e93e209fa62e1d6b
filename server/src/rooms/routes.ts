import { Router } from 'express';
import { LIVE_ROOM } from '@futian/shared';
import { HttpError } from '../http/errors.js';
import type { RoomHub } from './hub.js';

/** GET /api/v1/snapshot: the same state a wall in that room receives on connect. */
export function roomRoutes(hub: RoomHub): Router {
  const r = Router();
  r.get('/api/v1/snapshot', (req, res) => {
    const room = typeof req.query.room === 'string' ? req.query.room : LIVE_ROOM;
    const snap = hub.snapshot(room);
    if (!snap) throw new HttpError(404, `no room '${room}'`);
    res.json(snap);
  });
  return r;
}
