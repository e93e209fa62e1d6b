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
      // The utilisation curve is drawn and its current value printed. The trend is
      // painted on its own canvas (charts/paint-plot.ts): wait for the line's
      // saturated, opaque pixels, which neither the grey grid and labels nor the
      // translucent area under the line have. A fresh test server has only seconds of
      // history, a few pixels of an hour-wide axis, so a handful is the bar.
      await textOf(page, `${root} [data-figure="utilisation"]`, '%');
      await page.waitForFunction(
        (sel) => {
          const c = document.querySelector<HTMLCanvasElement>(sel);
          const d = c?.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
          if (!d) return false;
          let line = 0;
          for (let i = 0; i < d.length; i += 4) {
            if (d[i + 3]! > 200 && Math.max(d[i]!, d[i + 1]!, d[i + 2]!) - Math.min(d[i]!, d[i + 1]!, d[i + 2]!) > 90) line++;
          }
          return line >= 6;
        },
        `${root} .a-util .trend-line canvas`,
        { timeout: 20_000 },
      );
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
 * Samples, once per animation frame, how far the ticker's rows moved up since the
 * previous frame (measured on the rows present in both frames, so a row leaving at
 * the top or joining at the bottom is not counted as motion), and the text of a
 * rolling number.
 */
async function sampleFrames(page: Page, ms: number): Promise<{ t: number[]; moved: number[]; num: string[] }> {
  return page.evaluate((duration) => {
    return new Promise<{ t: number[]; moved: number[]; num: string[] }>((resolve) => {
      const out = { t: [] as number[], moved: [] as number[], num: [] as string[] };
      const list = document.querySelector<HTMLElement>('[data-module="infra"] .fault-ticker .rows')!;
      const num = document.querySelector<HTMLElement>('[data-module="infra"] .counts-cols [data-kind="pile"] .counts .online dd')!;
      let prev = new Map<string, number>();
      const t0 = performance.now();
      const frame = (t: number): void => {
        // The slide is a compositor animation; layout queries report its current value.
        const tops = new Map<string, number>();
        for (const row of list.children) tops.set(row.getAttribute('data-event') ?? '', row.getBoundingClientRect().top);
        const d: number[] = [];
        for (const [id, top] of tops) {
          const p = prev.get(id);
          if (p !== undefined) d.push(p - top);
        }
        out.t.push(t);
        out.moved.push(d.length > 0 ? d.reduce((x, y) => x + y, 0) / d.length : 0);
        out.num.push(num.textContent ?? '');
        prev = tops;
        if (t - t0 < duration) requestAnimationFrame(frame);
        else resolve(out);
      };
      requestAnimationFrame(frame);
    });
  }, ms);
}

/** Slides between rests of at least `restMs`: when each began and how far it went. */
function slides(t: number[], moved: number[], restMs = 250): Array<{ at: number; px: number }> {
  const out: Array<{ at: number; px: number }> = [];
  let cur: { at: number; px: number; lastMove: number } | null = null;
  for (let i = 1; i < t.length; i++) {
    if (Math.abs(moved[i]!) > 0.01) {
      if (!cur || t[i]! - cur.lastMove > restMs) {
        if (cur) out.push({ at: cur.at, px: cur.px });
        cur = { at: t[i - 1]!, px: 0, lastMove: t[i]! };
      }
      cur.px += moved[i]!;
      cur.lastMove = t[i]!;
    }
  }
  if (cur && t.at(-1)! - cur.lastMove > restMs) out.push({ at: cur.at, px: cur.px });
  // A slide already under way when sampling began was seen only in part.
  if (out[0] && out[0].at - t[0]! < restMs) out.shift();
  return out;
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

  it('moves the fault ticker one row per step at one cadence under bursts, resting between, and rolls numbers without reversals', async () => {
    const { page, errors } = await openPage(browser, `${srv.url}/wall?screen=infra&layout=1080p`, 1920, 1080);
    await waitConnected(page, 45_000);
    await page.locator('[data-module="infra"] .fault-ticker .row').first().waitFor({ state: 'visible', timeout: 30_000 });
    // Two bursts of 60 fault events on top of the 10× feeds, the second mid-measurement.
    await faultBurst(srv, 60, 0);
    // While the list is still filling its viewport, rows join in place, quickly (nothing
    // moves, so there is no pace to keep); measure once it is full. One row per period
    // would take about ten seconds here.
    await page.waitForTimeout(3_000);
    const fill = await page.evaluate(() => {
      const vp = document.querySelector<HTMLElement>('[data-module="infra"] .fault-ticker .viewport')!;
      const rows = [...vp.querySelectorAll<HTMLElement>('.row')];
      return { viewport: vp.clientHeight, rowsBottom: rows.length ? rows.at(-1)!.getBoundingClientRect().bottom - vp.getBoundingClientRect().top : 0 };
    });
    expect(fill.rowsBottom, JSON.stringify(fill)).toBeGreaterThanOrEqual(fill.viewport - 1);
    const sampling = sampleFrames(page, 9_000);
    await page.waitForTimeout(3_500);
    await faultBurst(srv, 60, 60);
    const s = await sampling;
    const rowPx = 44;
    const periodMs = (rowPx / 30) * 1000;
    const seen = slides(s.t, s.moved);
    const report = seen.map((x) => `${x.at.toFixed(0)}:${x.px.toFixed(1)}`).join(', ');
    // With the bursts queued the ticker never idles: a slide every period, 9 s ≈ 6 slides.
    expect(seen.length, report).toBeGreaterThanOrEqual(5);
    // Every slide moves exactly one row, whatever arrived: the same distance each time.
    for (const x of seen) expect(Math.abs(x.px - rowPx), report).toBeLessThan(1.5);
    // One cadence: consecutive slides start one period apart (a frame or two of slack),
    // so the pace is the old crawl's 30 px/s on average and a burst never speeds it up.
    for (let i = 1; i < seen.length; i++) {
      expect(Math.abs(seen[i]!.at - seen[i - 1]!.at - periodMs), report).toBeLessThan(120);
    }
    const pace = ((seen.length - 1) * rowPx) / ((seen.at(-1)!.at - seen[0]!.at) / 1000);
    expect(pace, report).toBeGreaterThan(27);
    expect(pace, report).toBeLessThan(33);
    // Never a jump: no single frame moved more than a few px.
    for (const d of s.moved) expect(Math.abs(d)).toBeLessThan(8);
    // And it rests: most frames move nothing (a crawl moves in every frame).
    const still = s.moved.filter((d) => Math.abs(d) <= 0.01).length / s.moved.length;
    expect(still).toBeGreaterThan(0.3);
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
