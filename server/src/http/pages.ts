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
  // Pages are named relative to `root`. send refuses dot segments in the path it is
  // given, and an absolute path includes the install directory, so a checkout under
  // a hidden folder (/home/x/.work/…) answered 404 for /wall. With a root only the
  // part below it is checked, and dotfiles asked for by URL stay refused (the static
  // assets already work this way).
  if (existsSync(path.join(clientDist, 'wall.html'))) {
    r.use('/assets', express.static(path.join(clientDist, 'assets'), { immutable: true, maxAge: '365d' }));
    r.get(['/wall', '/wall/'], (_req, res) => res.sendFile('wall.html', { root: clientDist }));
    r.get(['/console', '/console/'], (_req, res, next) => {
      if (existsSync(path.join(clientDist, 'console.html'))) res.sendFile('console.html', { root: clientDist });
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
