import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedRunner, type FeedRunner } from '@futian/mock-feeds';
import { startServer, type TestServer } from '../support/server.js';
import { launch, openPage, startLiveWall, textOf, waitConnected, type LiveWall } from './harness.js';

const SHOTS = path.resolve(import.meta.dirname, '../../artifacts/screenshots');

const SIZES = [
  { id: '1080p', width: 1920, height: 1080 },
  { id: '4k', width: 3840, height: 2160 },
] as const;

async function untilLive(url: string, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const snap = (await (await fetch(`${url}/api/v1/snapshot`)).json()) as { seq: number; faults: unknown[] };
    if (snap.seq > 3 && snap.faults.length > 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server published no deltas or fault events');
}

describe('live infrastructure in Chromium against the real server and feeds', () => {
  let wall: LiveWall;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    wall = await startLiveWall();
    browser = await launch();
    await untilLive(wall.url);
  });
  afterAll(async () => {
    await browser?.close();
    await wall?.close();
  });

  for (const size of SIZES) {
    it(`shows fleet status, charging and the fault ticker with their sources at ${size.id}`, async () => {
      const { page, errors } = await openPage(browser, `${wall.url}/wall?screen=infra&layout=${size.id}`, size.width, size.height);
      await waitConnected(page, 45_000);
      const root = '[data-module="infra"]';
      // Fleet status: each kind's registry and online rate, marked simulated.
      await textOf(page, `${root} .counts-cols [data-kind="bs5g"]`, '5,700');
      await textOf(page, `${root} .counts-cols [data-kind="pole"]`, '3,700');
      await textOf(page, `${root} .counts-cols [data-kind="pile"]`, '9,499');
      const status = await page.locator(`${root} [data-metric="infra.bs5g.onlineRate"]`).innerText();
      expect(status).toMatch(/99\.\d\d%|9\d\.\d\d%/);
      expect(status).toContain('模拟');
      // Published density from the letter beside the live registry over the official area.
      const density = await textOf(page, `${root} [data-figure="pile-density"]`, '120.8');
      expect(density).toContain('131');
      expect(density).toContain('深福发改函〔2022〕34号');
      expect(density).toContain('78.66');
      // The utilisation curve is drawn and its current value printed.
      await textOf(page, `${root} [data-figure="utilisation"]`, '%');
      // The ticker shows fault events from the server, newest at the bottom.
      await page.locator(`${root} .fault-ticker .row`).first().waitFor({ state: 'visible', timeout: 20_000 });
      const rows = await page.$$eval(`${root} .fault-ticker .row`, (els) => els.map((e) => Number(e.getAttribute('data-event'))));
      expect(rows.length).toBeGreaterThan(0);
      expect([...rows].sort((a, b) => a - b)).toEqual(rows);
      expect(await page.locator(`${root} [data-mark="simulated"]`).count()).toBeGreaterThanOrEqual(4);
      await page.waitForTimeout(1_500);
      await page.screenshot({ path: path.join(SHOTS, `infra-${size.id}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

/**
 * Samples, once per animation frame, the ticker's translate and the text of a
 * rolling number; returns per-frame data for the checks below.
 */
async function sampleFrames(page: Page, ms: number): Promise<{ t: number[]; y: number[]; rows: number[]; num: string[] }> {
  return page.evaluate((duration) => {
    return new Promise<{ t: number[]; y: number[]; rows: number[]; num: string[] }>((resolve) => {
      const out = { t: [] as number[], y: [] as number[], rows: [] as number[], num: [] as string[] };
      const list = document.querySelector<HTMLElement>('[data-module="infra"] .fault-ticker .rows')!;
      const num = document.querySelector<HTMLElement>('[data-module="infra"] .counts-cols [data-kind="pile"] .counts .online dd')!;
      const t0 = performance.now();
      const frame = (t: number): void => {
        // The scroll is a compositor animation; computed style reports its current value.
        const m = /matrix\(1, 0, 0, 1, 0, (-?[\d.e-]+)\)/.exec(getComputedStyle(list).transform);
        out.t.push(t);
        out.y.push(m ? -Number(m[1]) : 0);
        out.rows.push(list.children.length);
        out.num.push(num.textContent ?? '');
        if (t - t0 < duration) requestAnimationFrame(frame);
        else resolve(out);
      };
      requestAnimationFrame(frame);
    });
  }, ms);
}

/** A burst: `n` devices report a fault in one batch, each a fault event on the wall. */
async function faultBurst(srv: TestServer, n: number, offset: number): Promise<void> {
  const res = await fetch(`${srv.url}/api/v1/devices?kind=pile&limit=${n + offset}`);
  const { devices } = (await res.json()) as { devices: Array<{ deviceId: string }> };
  const ts = Date.now();
  const reports = devices.slice(offset).map((d) => ({ deviceId: d.deviceId, kind: 'pile', ts, status: 'fault' }));
  const post = await fetch(`${srv.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${srv.token}` },
    body: JSON.stringify({ reports }),
  });
  expect([200, 202]).toContain(post.status);
}

describe('no jitter under a 10× feed burst', () => {
  let srv: TestServer;
  let feeds: FeedRunner;
  let browser: Browser;

  beforeAll(async () => {
    srv = await startServer({ publishTickMs: 100, seriesStepMs: 2000 });
    feeds = createFeedRunner({ baseUrl: srv.url, token: srv.token, seed: 11, tickMs: 500, rate: 10 });
    await feeds.start();
    browser = await launch();
    await untilLive(srv.url);
  });
  afterAll(async () => {
    await browser?.close();
    await feeds?.stop();
    await srv?.close();
  });

  it('scrolls the fault ticker at one constant speed and rolls numbers without reversals', async () => {
    const { page, errors } = await openPage(browser, `${srv.url}/wall?screen=infra&layout=1080p`, 1920, 1080);
    await waitConnected(page, 45_000);
    await page.locator('[data-module="infra"] .fault-ticker .row').first().waitFor({ state: 'visible', timeout: 30_000 });
    // Two bursts of 60 fault events on top of the 10× feeds, the second mid-measurement.
    await faultBurst(srv, 60, 0);
    // While the list is still filling its viewport, rows join without scrolling; measure once it is full.
    await page.waitForTimeout(3_000);
    const sampling = sampleFrames(page, 6_000);
    await page.waitForTimeout(2_500);
    await faultBurst(srv, 60, 60);
    const s = await sampling;
    const rowPx = 44;
    // Offset moves forward by speed·dt each frame; when a row leaves at the top the
    // offset drops by exactly one row height and the content does not move. Whole
    // device pixels make single frames step 0 or 1 px, so speed is measured per
    // one-second window: with the bursts queued, every window must run at 30 px/s.
    const travelled: number[] = [0];
    for (let i = 1; i < s.t.length; i++) {
      let dy = s.y[i]! - s.y[i - 1]!;
      if (s.rows[i]! < s.rows[i - 1]!) dy += rowPx * (s.rows[i - 1]! - s.rows[i]!);
      travelled.push(travelled[i - 1]! + dy);
    }
    const windows: number[] = [];
    for (let a = 0, b = 0; a < s.t.length; a = b) {
      while (b < s.t.length && s.t[b]! - s.t[a]! < 1000) b++;
      if (b >= s.t.length) break;
      windows.push((travelled[b]! - travelled[a]!) / ((s.t[b]! - s.t[a]!) / 1000));
    }
    expect(windows.length).toBeGreaterThanOrEqual(4);
    for (const v of windows) {
      expect(v, `px/s per 1 s window: ${windows.map((w) => w.toFixed(1)).join(', ')}`).toBeGreaterThan(26);
      expect(v).toBeLessThan(34);
    }
    // Never a jump: no single frame moved more than a few px, whatever arrived.
    for (let i = 1; i < s.y.length; i++) {
      let dy = s.y[i]! - s.y[i - 1]!;
      if (s.rows[i]! < s.rows[i - 1]!) dy += rowPx * (s.rows[i - 1]! - s.rows[i]!);
      expect(Math.abs(dy)).toBeLessThan(8);
    }
    // Rolling numbers: the value on screen changes direction rarely (each reversal
    // needs the target itself to reverse; a jittering roll reverses every frame).
    const vals = s.num.map((x) => Number(x.replace(/,/g, ''))).filter(Number.isFinite);
    let reversals = 0;
    let dir = 0;
    for (let i = 1; i < vals.length; i++) {
      const d = Math.sign(vals[i]! - vals[i - 1]!);
      if (d !== 0 && dir !== 0 && d !== dir) reversals++;
      if (d !== 0) dir = d;
    }
    expect(reversals).toBeLessThan(12);
    const counters = await page.evaluate(() => window.__wall!.counters);
    expect(counters.deltasApplied).toBeGreaterThan(20);
    expect(errors).toEqual([]);
    await page.close();
  });
});
