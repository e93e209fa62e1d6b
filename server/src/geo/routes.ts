import { Router } from 'express';

/** The boundary and park layers from configuration (WALL_GEO_FILE, WALL_PARKS_FILE), served as loaded. */
export function geoRoutes(geo: { boundaries: string; parks: string }): Router {
  const r = Router();
  r.get('/api/v1/geo/subdistricts', (_req, res) => {
    res.type('application/geo+json').set('Cache-Control', 'public, max-age=300').send(geo.boundaries);
  });
  r.get('/api/v1/geo/parks', (_req, res) => {
    res.type('application/geo+json').set('Cache-Control', 'public, max-age=300').send(geo.parks);
  });
  return r;
}
