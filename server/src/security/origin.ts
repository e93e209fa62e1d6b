import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { HttpError } from '../http/errors.js';

/**
 * Cross-site requests carrying the console's cookie are refused. A browser
 * sends Origin on every cross-origin request and WebSocket handshake; it must
 * be this server's own origin (from the Host header the request came to) or
 * one the deployment lists (WALL_ALLOWED_ORIGINS, for a proxy on another
 * name). A request with no Origin is not a browser's cross-site request and
 * passes: it has to bring its own credentials.
 */
export function originAllowed(allowed: readonly string[]): (req: IncomingMessage) => boolean {
  const extra = new Set(allowed.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  return (req) => {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    const o = origin.toLowerCase();
    if (extra.has(o)) return true;
    const host = req.headers.host?.toLowerCase();
    if (!host) return false;
    return o === `http://${host}` || o === `https://${host}`;
  };
}

/** For state-changing console HTTP: POST, PATCH, PUT and DELETE from a foreign origin get 403. */
export function sameOriginWrites(check: (req: IncomingMessage) => boolean): RequestHandler {
  return (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    if (!check(req)) return next(new HttpError(403, 'cross-site request refused: Origin is not this console'));
    next();
  };
}
