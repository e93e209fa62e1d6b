import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../platform/logger.js';

/** An error with the status and JSON reason a client should see. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Raised by the store; maps to 503 so upstreams retry instead of dropping data. */
export class StoreUnavailable extends Error {}

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  limit?: number;
}

const BODY_ERRORS: Record<string, [number, string]> = {
  'entity.parse.failed': [400, 'malformed JSON body'],
  'entity.too.large': [413, 'body too large'],
  'encoding.unsupported': [415, 'unsupported content encoding'],
  'charset.unsupported': [415, 'unsupported charset'],
  'request.aborted': [400, 'request aborted'],
  'request.size.invalid': [400, 'request size did not match content-length'],
  'stream.encoding.set': [500, 'stream encoding set'],
  'entity.verify.failed': [400, 'body verification failed'],
};

/**
 * Every failure becomes a JSON reason with a 4xx where the client is at fault.
 * Body-parser errors carry a `type`; anything unexpected is logged with its
 * stack and answered 503 (retry later) so no input can produce a 500 page.
 */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: err.message, ...err.extra });
      return;
    }
    const e = err as BodyParserError;
    const known = e?.type ? BODY_ERRORS[e.type] : undefined;
    if (known) {
      res.status(known[0] === 500 ? 400 : known[0]).json({ error: known[1], ...(e.limit ? { limitBytes: e.limit } : {}) });
      return;
    }
    const status = e?.status ?? e?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: e?.expose && err instanceof Error ? err.message : 'bad request' });
      return;
    }
    // The path only: a query can carry a secret (an enrollment link's token).
    log.error({ err, method: req.method, path: req.path }, 'request failed');
    res.status(503).json({ error: err instanceof StoreUnavailable ? 'storage unavailable, retry later' : 'temporarily unavailable, retry later' });
  };
}

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: `no route ${req.method} ${req.path}` });
};

/** Requires a JSON object body (after express.json ran). */
export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (body === undefined) throw new HttpError(400, "expected a JSON body with 'Content-Type: application/json'");
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'body must be a JSON object');
  return body as Record<string, unknown>;
}
