import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { ActorKind, AuditOutcome } from '@futian/shared';
import type { SourceToken, TokenScope } from '../config/config.js';
import { HttpError } from './errors.js';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * Where refused token requests are counted for the audit trail. Structurally the
 * audit's AuditRefusals (http/ does not import audit/): refusals are audited in
 * aggregate, so a client hammering with a bad token adds one row per window.
 */
export interface RefusalSink {
  note(actor: { name: string; kind: ActorKind; address: string }, action: string, target: string, reason: string, outcome?: AuditOutcome): void;
}

/**
 * Looks up bearer tokens. Tokens are compared as SHA-256 digests with
 * timingSafeEqual, so neither content nor length leaks through timing.
 */
export class TokenBook {
  private readonly known: Array<{ source: SourceToken; hash: Buffer }>;

  constructor(tokens: readonly SourceToken[]) {
    this.known = tokens.map((source) => ({ source, hash: digest(source.token) }));
  }

  find(token: string): SourceToken | undefined {
    const h = digest(token);
    let hit: SourceToken | undefined;
    // Every entry is compared, so the time taken does not say which one matched.
    for (const k of this.known) if (timingSafeEqual(k.hash, h)) hit ??= k.source;
    return hit;
  }
}

/** The message of a 403 for a known token used outside its scopes. */
/** What each scope lets a token do, in the words a refusal uses. */
const SCOPE_VERB: Record<TokenScope, string> = { ingest: 'send telemetry or register devices', stats: 'publish statistics', read: 'read' };
export const outOfScope = (scope: TokenScope): string => `this token may not ${SCOPE_VERB[scope]} (it lacks the '${scope}' scope)`;

export interface TokenGuard {
  tokens: readonly SourceToken[];
  /** The scope the route needs. */
  scope: TokenScope;
  /** The audit action a refusal is filed under, e.g. 'stats.publish'. */
  action: string;
  refusals?: RefusalSink;
}

export const clientAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? '';

/**
 * What a refusal is filed against: the route or mount path, not the path asked
 * for, so a client cannot open a new audit row per made-up path (refusals are
 * aggregated per target), and never the query, which can carry a secret.
 */
export const refusedTarget = (req: Request): string => {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? route : req.baseUrl || req.path;
};

/**
 * Bearer-token check for machine callers: 401 for a missing or unknown token,
 * 403 for a known one without the scope. It runs before the body is read, so an
 * unauthorised upload is refused without buffering it. The matched source (its
 * name, never the token) is put on res.locals for logs, metrics and the audit trail.
 */
export function bearerAuth(g: TokenGuard): RequestHandler {
  const book = new TokenBook(g.tokens);
  return (req, res, next) => {
    const address = clientAddress(req);
    const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!m) {
      g.refusals?.note({ name: 'anonymous', kind: 'anonymous', address }, g.action, refusedTarget(req), 'missing bearer token');
      res.setHeader('WWW-Authenticate', 'Bearer realm="futian-wall"');
      next(new HttpError(401, 'missing bearer token'));
      return;
    }
    const source = book.find(m[1]!);
    if (!source) {
      g.refusals?.note({ name: 'unknown-token', kind: 'anonymous', address }, g.action, refusedTarget(req), 'invalid token');
      res.setHeader('WWW-Authenticate', 'Bearer realm="futian-wall", error="invalid_token"');
      next(new HttpError(401, 'invalid token'));
      return;
    }
    if (!source.scopes.includes(g.scope)) {
      g.refusals?.note({ name: source.name, kind: 'token', address }, g.action, refusedTarget(req), `token lacks the ${g.scope} scope`);
      res.setHeader('WWW-Authenticate', `Bearer realm="futian-wall", error="insufficient_scope", scope="${g.scope}"`);
      next(new HttpError(403, outOfScope(g.scope)));
      return;
    }
    res.locals.source = source;
    next();
  };
}

export function sourceOf(locals: Record<string, unknown>): SourceToken {
  const s = locals.source as SourceToken | undefined;
  if (!s) throw new HttpError(401, 'missing bearer token');
  return s;
}
