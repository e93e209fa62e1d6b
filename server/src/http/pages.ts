import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import type { Logger } from '../platform/logger.js';

/**
 * The two pages (/wall, /console) and their hashed assets from the client
 * build. Without a build, /wall says how to make one instead of a blank 404.
 */
export function pageRoutes(clientDist: string, log: Logger): Router {
  const r = Router();
  if (existsSync(path.join(clientDist, 'wall.html'))) {
    r.use('/assets', express.static(path.join(clientDist, 'assets'), { immutable: true, maxAge: '365d' }));
    r.get(['/wall', '/wall/'], (_req, res) => res.sendFile(path.join(clientDist, 'wall.html')));
    r.get(['/console', '/console/'], (_req, res, next) => {
      const file = path.join(clientDist, 'console.html');
      if (existsSync(file)) res.sendFile(file);
      else next();
    });
  } else {
    log.warn({ clientDist }, 'client is not built; /wall will answer 503');
    r.get(['/wall', '/wall/'], (_req, res) => {
      res.status(503).json({ error: 'client not built: run `pnpm build`' });
    });
  }
  r.get('/', (_req, res) => res.redirect(302, '/wall'));
  return r;
}
