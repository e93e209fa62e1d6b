import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statKey, SUBDISTRICTS } from '@futian/shared';
import { launch, openPage, startLiveWall, textOf, waitConnected, type LiveWall } from './harness.js';

const SHOTS = path.resolve(import.meta.dirname, '../../artifacts/screenshots');

const SIZES = [
  { id: '1080p', width: 1920, height: 1080, u: 1 },
  { id: '4k', width: 3840, height: 2160, u: 2 },
] as const;

async function boundaryNames(url: string): Promise<string[]> {
  const res = await fetch(`${url}/api/v1/geo/subdistricts`);
  const fc = (await res.json()) as { features: Array<{ properties: { name: string } }> };
  return fc.features.map((f) => f.properties.name);
}

/** Until the stats feed has posted the modelled sub-district split. */
async function untilStats(url: string, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  const probe = statKey('de.core.growth', '2021', { subdistrict: SUBDISTRICTS[9]!.adcode });
  while (Date.now() - start < timeoutMs) {
    const snap = (await (await fetch(`${url}/api/v1/snapshot`)).json()) as { seq: number; stats: Record<string, unknown> };
    if (snap.seq > 3 && snap.stats[probe]) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('no modelled statistics arrived');
}

const tile = (name: string): string => `[data-module="growth"] [data-tile="${name}"]`;

async function painted(page: Page, selector: string, min = 300): Promise<boolean> {
  return page.$eval(
    selector,
    (root, atLeast) => {
      const c = root.querySelector('canvas');
      if (!c || c.width < 100 || c.height < 60) return false;
      const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
      if (!d) return false;
      let lit = 0;
      for (let i = 3; i < d.length; i += 4 * 7) if (d[i]! > 0) lit++;
      return lit > atLeast;
    },
    min,
  );
}

describe('增长区域 in Chromium against the real server and feeds', () => {
  let wall: LiveWall;
  let browser: Browser;
  let names: string[];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    wall = await startLiveWall();
    browser = await launch();
    names = await boundaryNames(wall.url);
    await untilStats(wall.url);
  });
  afterAll(async () => {
    await browser?.close();
    await wall?.close();
  });

  for (const size of SIZES) {
    it(`colours the 10 real sub-districts, ranks them, and compares with the city at ${size.id}`, async () => {
      const { page, errors } = await openPage(browser, `${wall.url}/wall?screen=growth&layout=${size.id}`, size.width, size.height);
      await waitConnected(page);

      // The choropleth: every region of the configured boundary file placed on the canvas by the live chart.
      expect(names).toHaveLength(10);
      await page.waitForSelector(`${tile('map')} .region-choropleth[data-drawn="10"]`, { timeout: 20_000 });
      const drawn = (await page.getAttribute(`${tile('map')} .region-choropleth`, 'data-drawn-names'))!.split(',');
      expect(drawn.sort()).toEqual([...names].sort());
      await expect.poll(() => painted(page, `${tile('map')} .region-choropleth`, 2_000), { timeout: 5_000 }).toBe(true);

      // The ranking lists all ten, each with its modelled growth from the snapshot.
      const rows = await page.$$eval(`${tile('ranking')} [data-bar-list] li`, (els) => els.map((e) => (e.textContent ?? '').trim()));
      expect(rows).toHaveLength(10);
      const growth = await page.evaluate(
        (keys) => keys.map((k) => window.__wall!.snapshot()!.stats[k]?.value ?? null),
        SUBDISTRICTS.map((s) => statKey('de.core.growth', '2021', { subdistrict: s.adcode })),
      );
      SUBDISTRICTS.forEach((s, i) => {
        expect(growth[i]).not.toBeNull();
        expect(rows).toContain(`${s.short} +${growth[i]!.toFixed(1)}%`);
      });
      await expect.poll(() => painted(page, tile('ranking')), { timeout: 5_000 }).toBe(true);

      // Modelled values say so.
      for (const name of ['map', 'ranking', 'leaders', 'trend', 'quarterly-va']) {
        expect(await page.locator(`${tile(name)} [data-mark="simulated"]`).count()).toBe(1);
      }
      expect(await page.locator(tile('map')).innerText()).toContain('模型估算');

      // City comparison: 17.8 % against ≈ 6.8 %, 11 points ahead, with sources.
      const cmp = await textOf(page, tile('city-compare'), '+17.8%');
      expect(cmp).toContain('≈6.8%');
      expect(await page.locator(`${tile('city-compare')} [data-gap]`).innerText()).toContain('11');
      expect(cmp).toContain('深福发改函〔2022〕34号');
      expect(cmp).toContain('推算');

      // The sub-districts add up to the district: value added, weighted growth, quarters.
      // Flex items come back from innerText one per line; compare the words.
      const recon = (await textOf(page, tile('reconcile'), '8/8')).replace(/\s+/g, ' ');
      expect(recon).toContain('街道合计 624.92 = 区级 624.92 ✓');
      expect(recon).toContain('按街道加权增速 17.8% = 区级 17.8% ✓');
      expect(recon).toContain('四季度合计 624.92 = 全年 624.92 ✓');
      expect(recon).toContain('8/8 ✓');
      expect(await page.locator(`${tile('reconcile')} [data-ok="false"]`).count()).toBe(0);

      await expect.poll(() => painted(page, tile('trend')), { timeout: 5_000 }).toBe(true);
      await expect.poll(() => painted(page, tile('quarterly-va')), { timeout: 5_000 }).toBe(true);
      expect(await page.$eval(`${tile('reconcile')} .sum-check`, (e) => getComputedStyle(e).fontSize)).toBe(`${14.5 * size.u}px`);

      await page.screenshot({ path: path.join(SHOTS, `growth-${size.id}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('says so, and keeps the ranking, when the boundary file cannot be loaded', async () => {
    const browserPage = await browser.newPage({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
    const errors: string[] = [];
    browserPage.on('pageerror', (e) => errors.push(e.message));
    await browserPage.route('**/api/v1/geo/**', (r) => r.abort());
    await browserPage.goto(`${wall.url}/wall?screen=growth&layout=1080p`);
    await waitConnected(browserPage);
    const msg = await textOf(browserPage, `${tile('map')} [role="alert"]`, '街道边界加载失败');
    expect(msg).toContain('自动重试');
    expect(await browserPage.locator(`${tile('map')} .growth-map`).getAttribute('data-map-state')).toBe('error');
    expect(await browserPage.locator(`${tile('ranking')} [data-bar-list] li`).count()).toBe(10);
    expect(await browserPage.locator(`${tile('reconcile')} .sum-check`).first().getAttribute('data-ok')).toBe('true');
    // Charts redraw at most twice a second (useEChart's throttle): let the bars land before the picture.
    await browserPage.waitForTimeout(1_200);
    await browserPage.screenshot({ path: path.join(SHOTS, 'growth-mapfail-1080p.png') });

    // The server comes back: the retry draws the map without a reload.
    await browserPage.unroute('**/api/v1/geo/**');
    await browserPage.waitForSelector(`${tile('map')} .region-choropleth[data-drawn="10"]`, { timeout: 20_000 });
    expect(errors).toEqual([]);
    await browserPage.close();
  });
});
