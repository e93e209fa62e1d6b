import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { SourceToken } from '../config/config.js';
import { clientAddress, outOfScope, refusedTarget, TokenBook, type RefusalSink } from '../http/auth.js';
import { HttpError } from '../http/errors.js';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

export interface ReadAccessDeps {
  /** With open view on, the read endpoints answer anyone, as the live wall does. */
  openView: () => boolean;
  /** Machine tokens: those with the `read` scope may read (`Authorization: Bearer <token>`); any other is refused with 403. */
  tokens: readonly SourceToken[];
  /** Refused tokens, audited in aggregate. */
  refusals?: RefusalSink;
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
  const book = new TokenBook(d.tokens);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (d.openView()) return next();
    const m = /^(Bearer|Screen)\s+(\S{16,256})$/i.exec(req.get('authorization') ?? '');
    let unknownToken = false;
    if (m && m[1]!.toLowerCase() === 'screen') {
      const id = d.screenOf(m[2]!);
      if (id) {
        res.locals.reader = `screen:${id}`;
        return next();
      }
    } else if (m) {
      const hit = book.find(m[2]!);
      if (hit?.scopes.includes('read')) {
        res.locals.reader = `token:${hit.name}`;
        return next();
      }
      // An upstream's token is known but not for reading: say so, rather than
      // fall through to a 401 that would suggest the token itself is wrong.
      if (hit) {
        d.refusals?.note({ name: hit.name, kind: 'token', address: clientAddress(req) }, 'api.read', refusedTarget(req), 'token lacks the read scope');
        return next(new HttpError(403, outOfScope('read')));
      }
      unknownToken = true;
    }
    d.consoleUser(req.headers.cookie).then(
      (user) => {
        if (user) {
          res.locals.reader = `user:${user}`;
          next();
        } else {
          if (unknownToken) d.refusals?.note({ name: 'unknown-token', kind: 'anonymous', address: clientAddress(req) }, 'api.read', refusedTarget(req), 'invalid token');
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
