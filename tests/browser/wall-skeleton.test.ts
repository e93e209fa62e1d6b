import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, startLiveWall, textOf, waitConnected, type LiveWall } from './harness.js';

const SHOTS = path.resolve(import.meta.dirname, '../../artifacts/screenshots');

describe('the wall in Chromium against the real server and feeds', () => {
  let wall: LiveWall;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    wall = await startLiveWall();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await wall?.close();
  });

  it('shows the headline figures with provenance, live counts marked 模拟, a drawn chart, and no page errors', async () => {
    const { page, errors } = await openPage(browser, `${wall.url}/wall?screen=overview&layout=1080p`, 1920, 1080);
    await waitConnected(page);
    const va = await textOf(page, '[data-metric="de.core.valueAdded"]', '624.92');
    await textOf(page, '[data-metric="de.core.growth"]', '17.8');
    await textOf(page, '[data-metric="de.core.gdpShare"]', '11.7');
    await textOf(page, '[data-metric="de.core.gdpShare"]', '10.9');
    await textOf(page, '[data-metric="ent.leadingIntroduced"]', '18');
    await textOf(page, '[data-metric="innov.carriers"]', '42');
    // Every headline tile names its source document and reference period.
    expect(va).toContain('深福发改函〔2022〕34号');
    expect(va).toContain('2021 年');
    expect(await page.locator('[data-mark="simulated"]').count()).toBeGreaterThanOrEqual(3);

    // Live numbers move: the store applies deltas and the fleet totals are the documented sizes.
    const seq0 = await page.evaluate(() => window.__wall!.seq!);
    await page.waitForFunction((s) => (window.__wall?.seq ?? 0) > s + 3, seq0, { timeout: 15_000 });
    const snap = await page.evaluate(() => window.__wall!.snapshot()!);
    expect(snap.infra.bs5g.district!.total).toBe(5700);
    expect(snap.infra.pole.district!.total).toBe(3700);
    expect(snap.infra.pile.district!.total).toBe(9499);
    expect(snap.infra.pile.district!.online).toBeGreaterThan(9000);

    // A chart was created and drawn: ECharts canvases with real size and non-background pixels.
    await page.waitForFunction(() => (window as unknown as { __wallCharts?: { redraws: number } }).__wallCharts!.redraws > 0);
    const painted = await page.evaluate(() => {
      const canvases = [...document.querySelectorAll('canvas')];
      return canvases.some((c) => {
        if (c.width < 200 || c.height < 100) return false;
        const ctx = c.getContext('2d');
        const d = ctx?.getImageData(0, 0, c.width, c.height).data;
        if (!d) return false;
        let lit = 0;
        for (let i = 3; i < d.length; i += 4 * 7) if (d[i]! > 0) lit++;
        return lit > 200;
      });
    });
    expect(painted).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'overview-1080p.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the last values and shows a banner when the connection is lost', async () => {
    const { page, errors } = await openPage(browser, `${wall.url}/wall?screen=overview&layout=1080p`, 1920, 1080);
    await waitConnected(page);
    const before = await textOf(page, '[data-metric="de.core.valueAdded"]', '624.92');
    // Cut the wall off: block socket.io so reconnects fail, then drop the live connection.
    await page.route('**/socket.io/**', (r) => r.abort());
    await wall.srv.app.io.of('/wall').disconnectSockets(true);
    await page.locator('[data-banner]').first().waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.locator('[data-banner]').first().innerText()).toContain('数据连接中断');
    expect(await page.locator('[data-metric="de.core.valueAdded"]').first().innerText()).toBe(before);
    const infraText = await page.locator('body').innerText();
    expect(infraText).toContain('5,700');
    await page.screenshot({ path: path.join(SHOTS, 'overview-offline-1080p.png') });
    expect(errors.filter((e) => !/socket\.io|WebSocket|ERR_FAILED|net::/.test(e))).toEqual([]);
    await page.close();
  });
});
