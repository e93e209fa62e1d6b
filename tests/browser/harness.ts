import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { createFeedRunner, type FeedRunner } from '@futian/mock-feeds';
import type { ScreenConfig } from '@futian/shared';
import type { Config } from '@futian/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';
import { enrollUrl } from '../support/screens.js';
import { startServer, until, type TestServer } from '../support/server.js';

export interface LiveWall {
  srv: TestServer;
  feeds: FeedRunner;
  url: string;
  close(): Promise<void>;
}

/**
 * A real server on port 0 with the real mock feeds posting to its ingest API.
 * `prepare` (setting up console accounts) runs once the fleets have reported:
 * it hashes a score of passwords (scrypt, tens of ms of CPU each), and before
 * the feeds' first round is in, that delay leaves sub-districts with silent
 * devices long enough to raise alarms no test asked for.
 */
export async function startLiveWall(overrides: Partial<Config> = {}, seed = 7, prepare?: (srv: TestServer) => Promise<void>): Promise<LiveWall> {
  const srv = await startServer({ publishTickMs: 100, seriesStepMs: 2000, ...overrides });
  const feeds = createFeedRunner({ baseUrl: srv.url, token: srv.token, seed, tickMs: 500 });
  await feeds.start();
  if (prepare) {
    await until(() => {
      const infra = srv.app.live.publisher.snapshot().infra;
      return (['bs5g', 'pole', 'pile'] as const).every((k) => {
        const c = infra[k].district;
        // A few devices of the mock fleet never report (modelled dead); the rest do within a second.
        return c !== undefined && c.total > 0 && c.silent <= c.total * 0.01;
      });
    }, 30_000, 'the fleets reported');
    await prepare(srv);
  }
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

/**
 * Content Security Policy violations seen by any page of any browser this
 * harness launched, since the last test ended. The server's CSP (script-src
 * 'self', hashed inline styles, connect-src 'self', …) must hold for every
 * page: each test fails on a violation, whatever it asserts itself.
 */
export const cspViolations: string[] = [];

afterEach(() => {
  if (cspViolations.length === 0) return;
  const seen = cspViolations.splice(0);
  throw new Error(`Content Security Policy violations:\n${seen.join('\n')}`);
});

async function guardCsp(ctx: BrowserContext): Promise<void> {
  const watch = (page: Page): void => {
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
    });
  };
  ctx.on('page', watch);
  for (const p of ctx.pages()) watch(p);
  // The event catches what the console message may not word the same way (report-only, workers).
  await ctx.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
}

/**
 * Debian's Chromium, with every context it opens (browser.newPage opens one
 * too) watched for CSP violations.
 */
export async function launch(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const ctx = await newContext(options);
    await guardCsp(ctx);
    return ctx;
  };
  return browser;
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

/**
 * Opens a wall page as an enrolled screen: a one-time enrollment link made
 * in-process, redeemed by the page, which keeps the credential and reloads
 * clean; then waits until it is that screen and connected with data. Each page
 * has its own browser context (its own local storage: its own PC).
 */
export async function openScreen(
  browser: Browser,
  srv: TestServer,
  id: string,
  config: Partial<ScreenConfig>,
  width: number,
  height: number,
  query = '',
): Promise<OpenedPage> {
  const url = await enrollUrl(srv.app, srv.url, id, config);
  const opened = await openPage(browser, `${url}${query ? `&${query}` : ''}`, width, height);
  await waitEnrolled(opened.page, id);
  await waitConnected(opened.page);
  return opened;
}

/** Waits until the page is the enrolled screen `id` (after its reload into the credential). */
export async function waitEnrolled(page: Page, id: string, timeout = 20_000): Promise<void> {
  await page.locator(`.wall[data-enrolled="${id}"][data-view="wall"]`).waitFor({ timeout });
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
