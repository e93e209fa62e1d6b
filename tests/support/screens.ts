import type { ScreenConfig } from '@futian/shared';
import type { WallApp } from '@futian/server';

export const LIVE_1080P: ScreenConfig = { name: 'test', layout: '1080p', screen: 'auto', mode: 'live' };

/**
 * Enrolls a screen in-process the way an unattended PC does (a one-time link,
 * redeemed), for tests that need a screen rather than test enrollment: returns
 * its credential. The flows themselves are tested in contract/screens.test.ts.
 */
export async function enrollScreen(app: WallApp, id: string, config: Partial<ScreenConfig> = {}): Promise<string> {
  const link = await app.enrollment.createLink(id, { ...LIVE_1080P, name: `test ${id}`, ...config }, 1, 'test');
  if (typeof link === 'string') throw new Error(link);
  const r = await app.enrollment.redeem(link.token, '127.0.0.1');
  if (typeof r === 'string') throw new Error(r);
  if (r.screen.id !== id) throw new Error(`enrolled as ${r.screen.id}, not ${id}`);
  return r.credential;
}

/** A `/wall?enroll=` URL for a browser page: the page redeems it, keeps the credential and reloads clean. */
export async function enrollUrl(app: WallApp, baseUrl: string, id: string, config: Partial<ScreenConfig> = {}): Promise<string> {
  const link = await app.enrollment.createLink(id, { ...LIVE_1080P, name: `test ${id}`, ...config }, 1, 'test');
  if (typeof link === 'string') throw new Error(link);
  return `${baseUrl}/wall?enroll=${encodeURIComponent(link.token)}`;
}
