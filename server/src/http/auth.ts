import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { SourceToken } from '../config/config.js';
import { HttpError } from './errors.js';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * Bearer-token check for upstream sources. Tokens are compared as SHA-256 digests
 * with timingSafeEqual, so neither content nor length leaks through timing. The
 * matched source (its name, never the token) is put on res.locals for logs,
 * metrics and the audit trail.
 */
export function bearerAuth(sources: readonly SourceToken[]): RequestHandler {
  const known = sources.map((s) => ({ source: s, hash: digest(s.token) }));
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="futian-wall"');
      next(new HttpError(401, 'missing bearer token'));
      return;
    }
    const h = digest(m[1]!);
    const hit = known.find((k) => timingSafeEqual(k.hash, h));
    if (!hit) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="futian-wall", error="invalid_token"');
      next(new HttpError(401, 'invalid token'));
      return;
    }
    res.locals.source = hit.source;
    next();
  };
}

export function sourceOf(locals: Record<string, unknown>): SourceToken {
  const s = locals.source as SourceToken | undefined;
  if (!s) throw new HttpError(401, 'missing bearer token');
  return s;
}
