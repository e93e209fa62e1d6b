/**
 * The rotating 4K wall that the turn benches (`turn-trace`, `turn-raster`) look at: the
 * bench's server with the last hour seeded, feeds at 10×, one Chromium page at
 * 3840×2160 `?layout=4k`, and a way to see and wait for a rotation turn. Also the
 * `devtools.timeline` trace both of them take around a turn.
 */
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';
import { spawnServer } from './server-proc.js';
import { seedSeriesHour } from './seed-series.js';
import { ensureBuilt, fleetUp, startFeeds, stopChild } from './wall-procs.js';

/** Which module each slot shows, joined: a change is a turn. Evaluated both to read it and to wait for it to change. */
/** The modules on screen, read in the page. A function, not a string: the wall's CSP allows no eval, which string predicates need. */
const active = (): string => [...document.querySelectorAll('[data-active-module]')].map((e) => e.getAttribute('data-active-module')).join();

export interface TurningWall {
  page: Page;
  cdp: CDPSession;
  /** The modules on screen now, e.g. "overview,structure". */
  activeNow(): Promise<string>;
  /** Resolves once the modules on screen are no longer `before` (polled every `pollMs`). */
  waitTurn(before: string, pollMs: number): Promise<void>;
}

/** Runs `use` against a connected 4K wall, and always stops the browser, feeds and server after. */
export async function withTurningWall(use: (wall: TurningWall) => Promise<void>): Promise<void> {
  ensureBuilt();
  const srv = await spawnServer({}, (dir) => seedSeriesHour(dir));
  const feeds = startFeeds(srv.url, srv.token, 10);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    await fleetUp(srv.url);
    const page = await browser.newPage({ viewport: { width: 3840, height: 2160 }, deviceScaleFactor: 1 });
    await page.goto(`${srv.url}/wall?layout=4k`);
    await page.waitForFunction(() => window.__wall?.connection === 'connected', undefined, { timeout: 120_000 });
    const cdp = await page.context().newCDPSession(page);
    await use({
      page,
      cdp,
      activeNow: () => page.evaluate(active),
      waitTurn: async (before, pollMs) => {
        await page.waitForFunction(
          (b) => [...document.querySelectorAll('[data-active-module]')].map((e) => e.getAttribute('data-active-module')).join() !== b,
          before,
          { timeout: 60_000, polling: pollMs },
        );
      },
    });
  } finally {
    await browser.close();
    await stopChild(feeds);
    await srv.stop();
  }
}

/**
 * The main thread's and raster workers' trace events (`devtools.timeline`) while
 * `during` runs. The protocol types trace events as plain objects; callers read them
 * as their own event shape.
 */
export async function traceTimeline<T>(cdp: CDPSession, during: () => Promise<void>): Promise<T[]> {
  const events: T[] = [];
  const onData = (e: { value: object[] }): void => void events.push(...(e.value as T[]));
  cdp.on('Tracing.dataCollected', onData);
  try {
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    await during();
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
  } finally {
    cdp.off('Tracing.dataCollected', onData);
  }
  return events;
}
