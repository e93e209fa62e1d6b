import { gzipSync } from 'node:zlib';
import { Router } from 'express';

/**
 * The registry as built at start-up (it changes only with the configuration):
 * serialised and compressed once, not per request. Some 2,300 firms are ~0.9 MB
 * of JSON and ~80 KB gzipped, and the server has no compression middleware.
 */
export function industryRoutes(registryJson: string): Router {
  const gz = gzipSync(registryJson);
  const r = Router();
  r.get('/api/v1/industry', (req, res) => {
    res.type('application/json').set('Cache-Control', 'private, max-age=300').set('Vary', 'Accept-Encoding');
    if (/\bgzip\b/.test(req.get('accept-encoding') ?? '')) res.set('Content-Encoding', 'gzip').send(gz);
    else res.send(registryJson);
  });
  return r;
}
