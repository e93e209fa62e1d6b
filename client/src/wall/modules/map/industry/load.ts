import type { IndustryRegistry } from '@futian/shared';
import { readHeaders } from '../../../../kit/context/read-auth';

let pending: Promise<IndustryRegistry> | null = null;

/**
 * GET /api/v1/industry, once per page. A failure is not cached: the next call
 * (the view retries) asks again, so the layers appear when the server is back.
 */
export function loadIndustry(base = ''): Promise<IndustryRegistry> {
  pending ??= (async () => {
    const res = await fetch(`${base}/api/v1/industry`, { headers: readHeaders() });
    if (!res.ok) throw new Error(`/api/v1/industry: HTTP ${res.status}`);
    const body = (await res.json()) as IndustryRegistry;
    if (!Array.isArray(body?.enterprises) || !Array.isArray(body.places) || !Array.isArray(body.carriers)) throw new Error('/api/v1/industry: not a registry');
    return body;
  })().catch((err: unknown) => {
    pending = null;
    throw err;
  });
  return pending;
}
