import type { IndustryRegistry } from '@futian/shared';
import { readHeaders } from '../../../../kit/context/read-auth';

let pending: Promise<IndustryRegistry> | null = null;
let pendingVersion: string | null = null;

/**
 * GET /api/v1/industry, once per registry version (the wall's ext.industry
 * slot; null before the server has said). A failure is not cached: the next
 * call (the view retries) asks again, so the layers appear when the server is
 * back. A new version (an enterprise list published or rolled back) fetches
 * again; the server answers by ETag, so a same-version refetch is a 304.
 */
export function loadIndustry(base = '', version: string | null = null): Promise<IndustryRegistry> {
  if (version !== null && version !== pendingVersion) {
    pending = null;
    pendingVersion = version;
  }
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
