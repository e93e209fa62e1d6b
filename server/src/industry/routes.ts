import { gzipSync } from 'node:zlib';
import { Router } from 'express';

interface Served {
  json: string;
  gz: Buffer;
  version: string;
}

/**
 * The registry, serialised and compressed once per version, not per request:
 * some 2,300 firms are ~0.9 MB of JSON and ~80 KB gzipped, and the server has
 * no compression middleware. It changes when staff publish or roll back an
 * enterprise list, so browsers revalidate (ETag = version) rather than keep it.
 */
export function industryRoutes(source: string | { current(): Served }): Router {
  const fixed: Served | null = typeof source === 'string' ? { json: source, gz: gzipSync(source), version: 'config' } : null;
  const r = Router();
  r.get('/api/v1/industry', (req, res) => {
    const s = fixed ?? (source as { current(): Served }).current();
    const etag = `"industry-${s.version}"`;
    res.type('application/json').set('Cache-Control', 'private, no-cache').set('Vary', 'Accept-Encoding').set('ETag', etag);
    if (req.get('if-none-match') === etag) {
      res.status(304).end();
      return;
    }
    if (/\bgzip\b/.test(req.get('accept-encoding') ?? '')) res.set('Content-Encoding', 'gzip').send(s.gz);
    else res.send(s.json);
  });
  return r;
}
