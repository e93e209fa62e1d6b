import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, startLiveWall, textOf, waitConnected, type LiveWall } from './harness.js';

const SHOTS = path.resolve(import.meta.dirname, '../../artifacts/screenshots');

const SIZES = [
  { id: '1080p', width: 1920, height: 1080, u: 1 },
  { id: '4k', width: 3840, height: 2160, u: 2 },
] as const;

/** The smallest font size of visible text inside the industry view, in CSS px. */
async function smallestText(page: Page): Promise<{ px: number; text: string }> {
  return page.evaluate(() => {
    let best = { px: Infinity, text: '' };
    const root = document.querySelector('[data-industry]');
    if (!root) return best;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !(n.textContent ?? '').trim()) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < best.px) best = { px, text: (n.textContent ?? '').trim().slice(0, 40) };
    }
    return best;
  });
}

const card = '[data-panel="industry-card"]';

describe('产业地图 industry layers in Chromium', () => {
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

  for (const size of SIZES) {
    it(`shows firms, buildings, the 招商图谱 and carriers, each with a card and its marks, at ${size.id}`, async () => {
      const { page, errors } = await openPage(browser, `${wall.url}/wall?screen=map&layout=${size.id}`, size.width, size.height);
      await waitConnected(page, 45_000);
      await page.locator('.district-map .label[data-region]').first().waitFor({ timeout: 20_000 });

      // Firms: clustered, coloured points and a 12-sector legend.
      await page.click('[data-industry-button="firms"]');
      await page.locator('[data-industry-layer="firms"]').waitFor({ timeout: 20_000 });
      await page.waitForFunction(() => document.querySelectorAll('[data-industry] .pt').length >= 10, undefined, { timeout: 20_000 });
      const counts = await page.$$eval('[data-industry] .pt', (els) => els.map((e) => Number(e.getAttribute('data-count'))));
      // Clustered: far fewer markers than firms, and together they hold every firm with a position (~2,300).
      expect(counts.length).toBeLessThan(400);
      expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(2_000);
      const colours = await page.$$eval('[data-industry] .pt', (els) => new Set(els.map((e) => (e as HTMLElement).style.background)).size);
      expect(colours).toBeGreaterThan(3);
      expect(await page.locator('[data-legend] .key').count()).toBe(12);
      expect((await smallestText(page)).px).toBeGreaterThanOrEqual(14 * size.u);
      await page.screenshot({ path: path.join(SHOTS, `industry-firms-${size.id}.png`) });

      // A cluster's card: simulated and approximate; Esc brings the list back.
      await page.locator('[data-industry] .pt.many').first().click();
      await page.locator(card).waitFor({ timeout: 5_000 });
      const marks = await page.$$eval(`${card} [data-card-mark]`, (els) => els.map((e) => e.getAttribute('data-card-mark')));
      expect(marks).toEqual(expect.arrayContaining(['sim', 'approx']));
      await textOf(page, `${card} [data-card-source]`, '模拟');
      await page.keyboard.press('Escape');
      await page.locator(card).waitFor({ state: 'detached', timeout: 5_000 });
      // Esc closed the card only: the map stays on the industry layer.
      expect(await page.getAttribute('[data-module="map"]', 'data-layer')).toBe('firms');

      // A named firm: 原文点名, the letter as source; the back button returns.
      await page.click('[data-firm="yinghe-robotics"]');
      await textOf(page, `${card} [data-card-source]`, '深福发改函〔2022〕34号');
      expect(await page.$$eval(`${card} [data-card-mark]`, (els) => els.map((e) => e.getAttribute('data-card-mark')))).toEqual(expect.arrayContaining(['named', 'approx']));
      await page.screenshot({ path: path.join(SHOTS, `industry-card-${size.id}.png`) });
      await page.click('[data-action="card-back"]');
      await page.locator(card).waitFor({ state: 'detached', timeout: 5_000 });

      // Filter by sector: one colour left, fewer firms.
      await page.click('[data-legend] .key[data-key="fintech"]');
      await page.waitForFunction(() => new Set([...document.querySelectorAll<HTMLElement>('[data-industry] .pt')].map((e) => e.style.background)).size === 1, undefined, { timeout: 5_000 });

      // Buildings and parks (key 7): only the published outputs, with the letter as source.
      await page.keyboard.press('7');
      await page.locator('[data-panel="industry-places"]').waitFor({ timeout: 5_000 });
      const outs = await page.$$eval('[data-panel="industry-places"] .out', (els) => els.map((e) => e.textContent?.trim()));
      expect(outs).toEqual(['约 50 亿元/年', '约 20 亿元/年']);
      await page.click('[data-place="bagualing-3-1"]');
      await textOf(page, card, '八卦岭工业区');
      await textOf(page, `${card} [data-card-source]`, '深福发改函');
      await page.screenshot({ path: path.join(SHOTS, `industry-places-${size.id}.png`) });
      // A click outside (the map's empty south-west corner, Shenzhen Bay) closes it.
      const stage = (await page.locator('[data-industry] .stage').boundingBox())!;
      await page.mouse.click(stage.x + 12 * size.u, stage.y + stage.height - 12 * size.u);
      await page.locator(card).waitFor({ state: 'detached', timeout: 5_000 });

      // 招商图谱 (key 8): six configured boards, marked 示例配置, named firms listed first.
      await page.keyboard.press('8');
      await page.locator('[data-panel="industry-boards"]').waitFor({ timeout: 5_000 });
      expect(await page.locator('[data-panel="industry-boards"] [data-board]').count()).toBe(6);
      expect(await page.locator('[data-mark="example"]').count()).toBe(1);
      await page.screenshot({ path: path.join(SHOTS, `industry-boards-${size.id}.png`) });

      // Innovation carriers (key 9): the letter's 42.
      await page.keyboard.press('9');
      await textOf(page, '[data-panel="industry-carriers"] h3', '42');
      expect(await page.locator('[data-panel="industry-carriers"] [data-carrier]').count()).toBe(6);

      // By sub-district (key 6): a choropleth with a card per sub-district.
      await page.keyboard.press('6');
      await page.waitForFunction(() => document.querySelectorAll('.district-map .label[data-region]').length === 10, undefined, { timeout: 10_000 });
      await page.click('[data-panel="industry-subdistricts"] [data-sd="440304007"]');
      await textOf(page, card, '梅林');
      expect(await page.$$eval(`${card} [data-card-mark]`, (els) => els.map((e) => e.getAttribute('data-card-mark')))).toEqual(expect.arrayContaining(['model']));
      await page.screenshot({ path: path.join(SHOTS, `industry-subdistricts-${size.id}.png`) });
      await page.keyboard.press('Escape');
      await page.locator(card).waitFor({ state: 'detached', timeout: 5_000 });

      // Back to an infrastructure layer (key 3).
      await page.keyboard.press('3');
      await page.locator('[data-module="map"][data-layer="pile"]').waitFor({ timeout: 5_000 });
      expect(await page.locator('[data-industry]').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
