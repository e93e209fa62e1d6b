import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from '../http/errors.js';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

export interface ReadAccessDeps {
  /** With open view on, the read endpoints answer anyone, as the live wall does. */
  openView: () => boolean;
  /** Read tokens (WALL_READ_TOKENS) for integrators: `Authorization: Bearer <token>`. */
  readTokens: ReadonlyArray<{ name: string; token: string }>;
  /** An enrolled screen's credential: `Authorization: Screen <credential>` (the wall page's own fetches). */
  screenOf: (credential: string) => string | undefined;
  /** A console session cookie, any role. */
  consoleUser: (cookieHeader: string | undefined) => Promise<string | null>;
}

/**
 * The read endpoints (snapshot, devices with their positions, history,
 * statistics, geo, replays) show what the walls show and more; off a trusted
 * network that is not for anyone on the LAN. Who is asking is put on
 * res.locals.reader for logs.
 */
export function readAccess(d: ReadAccessDeps): RequestHandler {
  const tokens = d.readTokens.map((t) => ({ name: t.name, hash: digest(t.token) }));
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (d.openView()) return next();
    const m = /^(Bearer|Screen)\s+(\S{16,256})$/i.exec(req.get('authorization') ?? '');
    if (m && m[1]!.toLowerCase() === 'screen') {
      const id = d.screenOf(m[2]!);
      if (id) {
        res.locals.reader = `screen:${id}`;
        return next();
      }
    } else if (m) {
      const h = digest(m[2]!);
      const hit = tokens.find((t) => timingSafeEqual(t.hash, h));
      if (hit) {
        res.locals.reader = `token:${hit.name}`;
        return next();
      }
    }
    d.consoleUser(req.headers.cookie).then(
      (user) => {
        if (user) {
          res.locals.reader = `user:${user}`;
          next();
        } else {
          res.setHeader('WWW-Authenticate', 'Bearer realm="futian-wall"');
          next(new HttpError(401, 'a screen credential, a console session or a read token is required'));
        }
      },
      (err: unknown) => next(err),
    );
  };
}

/**
 * /metrics: with WALL_METRICS_TOKEN set, that bearer token; without it, only
 * callers on this host (the address of the TCP peer, never a forwarded one).
 */
export function metricsAccess(token: string | null): RequestHandler {
  const want = token ? digest(token) : null;
  return (req, _res, next) => {
    if (want) {
      const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
      if (m && timingSafeEqual(digest(m[1]!), want)) return next();
      return next(new HttpError(401, 'metrics token required'));
    }
    const peer = req.socket.remoteAddress ?? '';
    if (peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1') return next();
    next(new HttpError(403, 'metrics are served to this host only; set WALL_METRICS_TOKEN to read them from elsewhere'));
  };
}
