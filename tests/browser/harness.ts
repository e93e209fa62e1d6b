import { chromium, type Browser, type Page } from 'playwright-core';
import { createFeedRunner, type FeedRunner } from '@futian/mock-feeds';
import type { Config } from '@futian/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';
import { startServer, type TestServer } from '../support/server.js';


export interface LiveWall {
  srv: TestServer;
  feeds: FeedRunner;
  url: string;
  close(): Promise<void>;
}

/** A real server on port 0 with the real mock feeds posting to its ingest API. */
export async function startLiveWall(overrides: Partial<Config> = {}, seed = 7): Promise<LiveWall> {
  const srv = await startServer({ publishTickMs: 100, seriesStepMs: 2000, ...overrides });
  const feeds = createFeedRunner({ baseUrl: srv.url, token: srv.token, seed, tickMs: 500 });
  await feeds.start();
  return {
    srv,
    feeds,
    url: srv.url,
    async close() {
      await feeds.stop();
      await srv.close();
    },
  };
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}

export interface OpenedPage {
  page: Page;
  /** Uncaught exceptions and console errors seen so far. */
  errors: string[];
}

/** Opens a page at a viewport in real pixels (deviceScaleFactor 1) and records errors. */
export async function openPage(browser: Browser, url: string, width: number, height: number): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  return { page, errors };
}

/** Waits until the wall's store holds a snapshot and is connected. */
export async function waitConnected(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(() => window.__wall?.connection === 'connected' && (window.__wall?.seq ?? 0) > 0, undefined, { timeout });
}

/**
 * Waits until the element's text contains `expected`. Number rolls animate from
 * their previous value, so a figure reaches its target a moment after render.
 */
export async function textOf(page: Page, selector: string, expected: string, timeout = 10_000): Promise<string> {
  const loc = page.locator(selector).first();
  await loc.waitFor({ state: 'visible', timeout });
  const start = Date.now();
  let last = '';
  while (Date.now() - start < timeout) {
    last = await loc.innerText();
    if (last.includes(expected)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`${selector}: expected text containing '${expected}', last saw '${last.replace(/\s+/g, ' ').slice(0, 200)}'`);
}
