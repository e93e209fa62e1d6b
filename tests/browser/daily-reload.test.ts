import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, startLiveWall, waitConnected, type LiveWall } from './harness.js';

/**
 * `?reload=HH:MM[:SS]`: the wall reloads itself at a local time, comes back live,
 * and refuses to reload while the server does not answer for the page.
 */
let browser: Browser;
let wall: LiveWall;
beforeAll(async () => {
  wall = await startLiveWall();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await wall?.close();
});

/** Local wall-clock time `ms` from now, as the page's own clock reads it. */
async function clockIn(page: Page, ms: number): Promise<string> {
  return page.evaluate((ahead) => {
    const d = new Date(Date.now() + ahead);
    const p = (n: number): string => String(n).padStart(2, '0');
    return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  }, ms);
}

async function mark(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { __beforeReload: true }));
}
const marked = (page: Page): Promise<boolean> => page.evaluate(() => (window as unknown as { __beforeReload?: boolean }).__beforeReload === true);

describe('daily reload', () => {
  it('reloads at the given time and comes back live with no errors', async () => {
    const { page, errors } = await openPage(browser, 'about:blank', 1920, 1080);
    const at = await clockIn(page, 8_000);
    await page.goto(`${wall.url}/wall?layout=1080p&reload=${at}`);
    await waitConnected(page);
    await mark(page);
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await reloaded;
    await waitConnected(page);
    expect(await marked(page)).toBe(false);
    expect(await page.evaluate(() => new URL(location.href).searchParams.get('reload'))).toBe(at);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the picture when the server does not answer for the page, and asks again', async () => {
    const { page, errors } = await openPage(browser, 'about:blank', 1920, 1080);
    const at = await clockIn(page, 6_000);
    let refused = 0;
    // The page itself loads; only the reachability check (HEAD) finds no server.
    await page.route('**/wall?*', (route) => {
      if (route.request().method() === 'HEAD') {
        refused++;
        return route.abort('connectionrefused');
      }
      return route.continue();
    });
    await page.goto(`${wall.url}/wall?layout=1080p&reload=${at}`);
    await waitConnected(page);
    await mark(page);
    await page.waitForTimeout(12_000);
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(await marked(page)).toBe(true);
    expect(await page.evaluate(() => window.__wall?.connection)).toBe('connected');
    // The aborted HEAD shows up as a console network error; nothing else may.
    expect(errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(e))).toEqual([]);
    await page.close();
  });
});
