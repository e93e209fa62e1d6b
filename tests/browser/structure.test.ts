import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORE_CATEGORIES, KEY_SECTORS, statKey } from '@futian/shared';
import { launch, openPage, startLiveWall, textOf, waitConnected, type LiveWall } from './harness.js';

const SHOTS = path.resolve(import.meta.dirname, '../../artifacts/screenshots');

const SIZES = [
  { id: '1080p', width: 1920, height: 1080, u: 1 },
  { id: '4k', width: 3840, height: 2160, u: 2 },
] as const;

/** Until the stats feed has posted its modelled split: the parts are what this module is about. */
async function untilStats(url: string, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const snap = (await (await fetch(`${url}/api/v1/snapshot`)).json()) as { seq: number; stats: Record<string, unknown> };
    if (snap.seq > 3 && snap.stats[statKey('de.core.valueAdded', '2021', { sector: 'fintech' })]) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('no modelled statistics arrived');
}

const tile = (name: string): string => `[data-module="structure"] [data-tile="${name}"]`;

/** The bar charts are canvas; each carries its figures in a list for screen readers, read here. */
async function barList(page: Page, name: string): Promise<string[]> {
  return page.$$eval(`${tile(name)} [data-bar-list] li`, (els) => els.map((e) => (e.textContent ?? '').trim()));
}

async function painted(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (root) => {
    const c = root.querySelector('canvas');
    if (!c || c.width < 100 || c.height < 60) return false;
    const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    if (!d) return false;
    let lit = 0;
    for (let i = 3; i < d.length; i += 4 * 7) if (d[i]! > 0) lit++;
    return lit > 300;
  });
}

describe('结构分析 in Chromium against the real server and feeds', () => {
  let wall: LiveWall;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    wall = await startLiveWall();
    browser = await launch();
    await untilStats(wall.url);
  });
  afterAll(async () => {
    await browser?.close();
    await wall?.close();
  });

  for (const size of SIZES) {
    it(`shows the macro figures, every breakdown reconciled to 624.92, and the honest board view at ${size.id}`, async () => {
      const { page, errors } = await openPage(browser, `${wall.url}/wall?screen=structure&layout=${size.id}`, size.width, size.height);
      await waitConnected(page);

      // Macro view: documented value added and growth, modelled enterprise count.
      const va = await textOf(page, tile('value-added'), '624.92');
      expect(va).toContain('深福发改函〔2022〕34号');
      expect(va).toContain('2021 年');
      await textOf(page, tile('growth'), '+17.8');
      await textOf(page, tile('growth'), '11');
      await textOf(page, tile('gdp-share'), '11.7');
      await textOf(page, tile('gdp-share'), '10.9');
      const ent = await page.evaluate(() => {
        const s = window.__wall!.snapshot()!.stats;
        const q = Object.values(s)
          .filter((v) => v.indicator === 'de.core.enterprises' && !v.scope.tier && /Q/.test(v.period))
          .sort((a, b) => (a.period < b.period ? 1 : -1))[0];
        return q?.value ?? null;
      });
      expect(ent).not.toBeNull();
      await textOf(page, tile('enterprises'), ent!.toLocaleString('en-US'));
      expect(await page.locator(`${tile('enterprises')} [data-mark="simulated"]`).count()).toBe(1);

      // Every breakdown adds up to the district total, to the cent, and says so.
      for (const name of ['sectors', 'categories', 'boards']) {
        const check = page.locator(`${tile(name)} .sum-check`);
        expect(await check.getAttribute('data-ok')).toBe('true');
        expect((await check.innerText()).replace(/\s+/g, ' ')).toContain('624.92 = 区级 624.92 ✓');
        expect(await page.locator(`${tile(name)} [data-mark="simulated"]`).count()).toBe(1);
        expect(await page.locator(tile(name)).innerText()).toContain('模型估算');
      }
      await textOf(page, `${tile('value-added')} [data-score]`, '3/3');

      // The twelve key sectors and the four core categories, by name.
      const sectors = await barList(page, 'sectors');
      expect(sectors).toHaveLength(12);
      for (const s of KEY_SECTORS) expect(sectors.some((t) => t.startsWith(s.zh))).toBe(true);
      const cats = await barList(page, 'categories');
      expect(cats.map((t) => t.slice(0, 2))).toEqual(CORE_CATEGORIES.map((c) => c.id));

      // Boards are configuration the documents never name: marked as an editable example.
      await textOf(page, `${tile('boards')} [data-mark="example"]`, '示例配置 · 可编辑');
      const note = await page.locator(`${tile('boards')} [data-board-note]`).innerText();
      expect(note).toContain('不代表官方口径');
      // It points where the boards really are set: the configuration file (the console has no board editor).
      expect(note).toContain('config/boards.json');
      expect(note).not.toContain('控制台');

      // Tiers add up to the enterprise count.
      expect(await barList(page, 'tiers')).toHaveLength(4);
      expect(await page.locator(`${tile('tiers')} .sum-check`).getAttribute('data-ok')).toBe('true');

      // Leading firms: only those the reply letter names, cited, moving row by row.
      const items = await page.locator(`${tile('leaders')} [data-board-item]`).allInnerTexts();
      expect(items.length).toBeGreaterThanOrEqual(3);
      for (const name of ['华为数字能源', '极智嘉', '北科瑞声']) expect(items.some((t) => t.includes(name))).toBe(true);
      expect(items.every((t) => t.includes('原文点名'))).toBe(true);
      // Rows rest at the top edge, then slide up by exactly one row: a Web Animation on
      // the compositor. Read at chosen points of its timeline, not by waiting on the clock.
      const rests = await page.$eval(`${tile('leaders')} .track`, (track) => {
        const [anim] = track.getAnimations();
        if (!anim) return null;
        const running = anim.playState === 'running';
        const frames = (anim.effect as KeyframeEffect).getKeyframes();
        const loopMs = Number(anim.effect!.getTiming().duration);
        const y = (offset: number): number => {
          anim.currentTime = offset * loopMs;
          return new DOMMatrixReadOnly(getComputedStyle(track).transform).m42;
        };
        const firstRow = track.querySelector('li')!;
        const secondRow = firstRow.nextElementSibling as HTMLElement;
        // Rest 0 spans offsets [0, frames[1]]; the first slide ends at frames[2].
        const out = {
          running,
          loopMs,
          restStart: y(0),
          restEnd: y(Number(frames[1]!.offset) - 0.001),
          midSlide: y((Number(frames[1]!.offset) + Number(frames[2]!.offset)) / 2),
          secondRest: y(Number(frames[2]!.offset) + 0.001),
          secondRowTop: secondRow.getBoundingClientRect().top - firstRow.getBoundingClientRect().top,
        };
        anim.play();
        return out;
      });
      expect(rests).not.toBeNull();
      expect(rests!.running).toBe(true);
      expect(rests!.loopMs).toBeGreaterThan(10_000);
      expect(rests!.restStart).toBe(0);
      expect(rests!.restEnd).toBe(0);
      expect(rests!.midSlide).toBeLessThan(0);
      expect(rests!.midSlide).toBeGreaterThan(-rests!.secondRowTop);
      // The second row rests at the top edge, on a whole pixel (crisp text at rest).
      expect(rests!.secondRest).toBe(-Math.round(rests!.secondRowTop));

      for (const name of ['boards', 'sectors', 'categories', 'tiers']) await expect.poll(() => painted(page, tile(name)), { timeout: 5_000 }).toBe(true);
      // Rendered natively: the reconciliation line is 15 design px × u, not a scaled bitmap.
      expect(await page.$eval(`${tile('sectors')} .sum-check`, (e) => getComputedStyle(e).fontSize)).toBe(`${15 * size.u}px`);

      await page.screenshot({ path: path.join(SHOTS, `structure-${size.id}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('speaks English with ?lang=en, board view still marked as an example', async () => {
    const { page, errors } = await openPage(browser, `${wall.url}/wall?screen=structure&layout=1080p&lang=en`, 1920, 1080);
    await waitConnected(page);
    await textOf(page, `${tile('boards')} [data-mark="example"]`, 'Example config');
    await textOf(page, `${tile('sectors')} .sum-check`, 'Sectors sum');
    const fintech = await page.evaluate(
      (k) => window.__wall!.snapshot()!.stats[k]!.value,
      statKey('de.core.valueAdded', '2021', { sector: 'fintech' }),
    );
    expect(await barList(page, 'sectors')).toContain(`Fintech ${fintech.toFixed(2)}`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the difference, not a tick, when a revision breaks a sum', async () => {
    const { page, errors } = await openPage(browser, `${wall.url}/wall?screen=structure&layout=1080p`, 1920, 1080);
    await waitConnected(page);
    const key = statKey('de.core.valueAdded', '2021', { sector: 'fintech' });
    const before = await page.evaluate((k) => window.__wall!.snapshot()!.stats[k]!.value, key);
    // How often each chart has called setOption, and at what size, once the first draws have settled.
    const draws = (): Promise<Record<string, string>> =>
      page.$$eval('[data-module="structure"] [data-tile]', (tiles) =>
        Object.fromEntries(
          tiles.flatMap((t) => {
            const d = t.querySelector<HTMLElement>('[data-draws]');
            return d ? [[t.getAttribute('data-tile') ?? '', `${d.dataset.draws} ${d.clientWidth}x${d.clientHeight}`]] : [];
          }),
        ),
      );
    await expect.poll(() => painted(page, tile('tiers')), { timeout: 5_000 }).toBe(true);
    // Settled: the same counts and sizes a second apart.
    let drawn = await draws();
    for (let i = 0; i < 10; i++) {
      await page.waitForTimeout(1_000);
      const next = await draws();
      const same = JSON.stringify(next) === JSON.stringify(drawn);
      drawn = next;
      if (same) break;
    }
    expect(Object.keys(drawn)).toHaveLength(4);
    const res = await fetch(`${wall.url}/api/v1/stats`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${wall.srv.token}` },
      body: JSON.stringify({ figures: [{ indicator: 'de.core.valueAdded', period: '2021', sector: 'fintech', value: before + 5 }] }),
    });
    expect(res.ok).toBe(true);
    await textOf(page, `${tile('sectors')} .sum-check[data-ok="false"]`, '差 +5.00');
    await textOf(page, `${tile('boards')} .sum-check[data-ok="false"]`, '差 +5.00');
    expect(await page.locator(`${tile('categories')} .sum-check`).getAttribute('data-ok')).toBe('true');
    await textOf(page, `${tile('value-added')} [data-score]`, '1/3');
    await textOf(page, tile('value-added'), '624.92');
    // Only the charts that show the revised sector redraw; the category and tier bars
    // are rebuilt to the same data and left alone (reactive/stable.ts).
    const after = await draws();
    const n = (v: string | undefined): number => Number(v?.split(' ')[0]);
    expect(n(after.sectors)).toBeGreaterThan(n(drawn.sectors));
    expect(n(after.boards)).toBeGreaterThan(n(drawn.boards));
    // Same count and same size: a resize would be a redraw too, and a layout shift besides.
    expect(after.categories).toBe(drawn.categories);
    expect(after.tiers).toBe(drawn.tiers);
    await page.screenshot({ path: path.join(SHOTS, 'structure-revision-1080p.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
