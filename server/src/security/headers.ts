import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The inline <style> each page paints before any script runs (so an unattended
 * wall never flashes white) is allowed by its hash, read from the built page,
 * so the CSP needs no 'unsafe-inline' for style elements.
 */
function inlineStyleHashes(clientDist: string): string[] {
  const out = new Set<string>();
  for (const page of ['wall.html', 'console.html']) {
    const file = path.join(clientDist, page);
    if (!existsSync(file)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/<style>([\s\S]*?)<\/style>/g)) {
      out.add(`'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
    }
  }
  return [...out];
}

/**
 * Browser protections on every response. No inline or foreign script; no
 * framing (a wall page framed by another site could be driven or overlaid);
 * no MIME sniffing; no referrer leaving the site. Style attributes stay
 * allowed: Vue and ECharts set element styles, which carry no script.
 */
export function securityHeaders(clientDist: string): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrcElem: ["'self'", ...inlineStyleHashes(clientDist)],
        styleSrcAttr: ["'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The wall is served over plain HTTP on a LAN unless a proxy adds TLS; HSTS is the proxy's to send.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
}

/** Console answers carry sessions, users and the audit trail: never cached by a browser or proxy. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
