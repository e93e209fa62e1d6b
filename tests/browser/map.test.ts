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

/** Region names straight from the boundary file the server is configured with. */
async function boundaryNames(url: string): Promise<string[]> {
  const res = await fetch(`${url}/api/v1/geo/subdistricts`);
  const fc = (await res.json()) as { features: Array<{ properties: { name: string } }> };
  return fc.features.map((f) => f.properties.name);
}

/** Until the server publishes deltas: the first page should not spend its timeout on fleet registration. */
async function untilLive(url: string, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const snap = (await (await fetch(`${url}/api/v1/snapshot`)).json()) as { seq: number };
    if (snap.seq > 3) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server published no deltas');
}

/** The map's drawn regions: DOM labels placed by the live ECharts instance (convertToPixel). */
async function drawnRegions(page: Page): Promise<string[]> {
  await page.waitForFunction(() => document.querySelectorAll('.district-map .label[data-region]').length >= 10, undefined, {
    timeout: 20_000,
  });
  return page.$$eval('.district-map .label[data-region]', (els) => els.map((e) => e.getAttribute('data-region') ?? ''));
}

/** The map canvas really has paint in it (not a blank chart with DOM labels on top). */
async function mapPainted(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('.district-map canvas');
    if (!c || c.width < 300) return false;
    const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    if (!d) return false;
    let lit = 0;
    for (let i = 3; i < d.length; i += 4 * 11) if (d[i]! > 0) lit++;
    return lit > 2_000;
  });
}

describe('产业地图 in Chromium against the real server and feeds', () => {
  let wall: LiveWall;
  let browser: Browser;
  let names: string[];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    wall = await startLiveWall();
    browser = await launch();
    names = await boundaryNames(wall.url);
    await untilLive(wall.url);
  });
  afterAll(async () => {
    await browser?.close();
    await wall?.close();
  });

  for (const size of SIZES) {
    it(`draws the 10 sub-districts from the boundary file, with honest labels, at ${size.id}`, async () => {
      const { page, errors } = await openPage(browser, `${wall.url}/wall?screen=map&layout=${size.id}`, size.width, size.height);
      await waitConnected(page, 45_000);
      expect(names).toHaveLength(10);
      const drawn = await drawnRegions(page);
      expect(drawn.sort()).toEqual([...names].sort());
      expect(await mapPainted(page)).toBe(true);

      // Every region label carries a live density value, per km² of its polygon.
      const values = await page.$$eval('.district-map .label .v', (els) => els.map((e) => e.textContent ?? ''));
      expect(values.filter((v) => /^\d[\d,]*$/.test(v.trim()))).toHaveLength(10);
      const tile = page.locator('[data-module="map"] .map-tile');
      const text = await tile.innerText();
      expect(text).toContain('按街道多边形面积');
      expect(text).toContain('模型分布');
      expect(text).toContain('点位近似');
      expect(await tile.locator('[data-mark="simulated"]').count()).toBe(1);

      // The four 保税区 parks: one cluster marker with a list, not four markers on one spot.
      const callout = page.locator('[data-callout="cluster"]');
      await callout.waitFor({ state: 'visible' });
      const list = await callout.innerText();
      for (const park of ['深圳福田国际互联网金融产业园', '高新技术创业中心保税区基地', '深港国际科技园', '深港金融科技城']) {
        expect(list).toContain(park);
      }
      // The ranking lists all ten with the district figure on the official area.
      expect(await page.locator('[data-panel="district"] .rank li').count()).toBe(10);
      await textOf(page, '[data-figure="district"]', '78.66');

      // Text is rendered natively: the layer buttons' font is 14 design px × u.
      const font = await page.$eval('.layer', (e) => getComputedStyle(e).fontSize);
      expect(font).toBe(`${14 * size.u}px`);
      await page.screenshot({ path: path.join(SHOTS, `map-${size.id}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('paints the live layers on canvases under and over the geo, and ECharts draws only the frame', async () => {
    const { page, errors } = await openPage(browser, `${wall.url}/wall?screen=map&layout=1080p`, 1920, 1080);
    await waitConnected(page, 45_000);
    await drawnRegions(page);
    /** RGBA of the canvas at each region label's centre (the region's label point, inside it). */
    const fillsAtLabels = (): Promise<number[][]> =>
      page.evaluate(() => {
        const c = document.querySelector<HTMLCanvasElement>('.district-map canvas.layer:first-child')!;
        const box = c.getBoundingClientRect();
        const ctx = c.getContext('2d')!;
        const k = c.width / box.width;
        return [...document.querySelectorAll('.district-map .label[data-region]')].map((l) => {
          const r = l.getBoundingClientRect();
          return [...ctx.getImageData(Math.round((r.x + r.width / 2 - box.x) * k), Math.round((r.y + r.height / 2 - box.y) * k), 1, 1).data];
        });
      });
    const litOver = (): Promise<number> =>
      page.evaluate(() => {
        const c = document.querySelector<HTMLCanvasElement>('.district-map canvas.layer:last-of-type')!;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let lit = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) lit++;
        return lit;
      });
    const near = (px: number[], rgb: readonly number[]): boolean => rgb.every((v, i) => Math.abs(px[i]! - v) <= 2) && px[3] === 255;
    const frameDraws = (): Promise<string | null> => page.getAttribute('.district-map .plot', 'data-draws');

    // The fills are painted by the live layers' own redraw, after the geo has drawn its
    // labels and its projection has been read back: wait for that paint, not the labels.
    await expect.poll(async () => (await fillsAtLabels()).filter((px) => px[3] === 255).length, { timeout: 10_000 }).toBe(10);
    // Pile density: every region filled, opaque, and the ramp's two ends are the densest and sparsest.
    const pile = await fillsAtLabels();
    expect(pile).toHaveLength(10);
    expect(pile.every((px) => px[3] === 255)).toBe(true);
    expect(pile.some((px) => near(px, [126, 232, 250]))).toBe(true);
    expect(pile.some((px) => near(px, [11, 42, 74]))).toBe(true);
    // Not drilled down and not the faults layer: no markers.
    expect(await litOver()).toBe(0);

    // The faults layer: the alert ramp, painted at once by the click.
    await page.click('[data-layer-button="faults"]');
    const alert = [[28, 38, 64], [251, 113, 133]] as const;
    await page.waitForFunction(() => document.querySelector('[data-module="map"]')?.getAttribute('data-layer') === 'faults');
    const faults = await fillsAtLabels();
    expect(faults.every((px) => px[3] === 255)).toBe(true);
    expect(faults.some((px) => alert.some((c) => near(px, c)))).toBe(true);
    expect(faults.some((px) => pile.some((q) => near(px, q)))).toBe(false);

    // Settled (the tile's notes gained a line, so the map was resized and redrawn once):
    // from here a new fault must reach the over canvas without an ECharts redraw.
    await page.waitForTimeout(1_500);
    const frame0 = await frameDraws();
    const layers0 = Number(await page.getAttribute('.district-map', 'data-draws'));
    const lit0 = await litOver();
    // A fault on a real device, stamped a minute ahead so the feeds' next reports do not clear it.
    const dev = (await (await fetch(`${wall.url}/api/v1/devices?kind=pile&status=online&limit=50`)).json()) as {
      devices: Array<{ deviceId: string; lng: number | null; lat: number | null }>;
    };
    const target = dev.devices.find((d) => d.lng !== null && d.lat !== null)!;
    const res = await fetch(`${wall.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${wall.srv.token}` },
      body: JSON.stringify({ reports: [{ deviceId: target.deviceId, kind: 'pile', ts: Date.now() + 60_000, status: 'fault' }] }),
    });
    expect(((await res.json()) as { accepted: number }).accepted).toBe(1);
    const start = Date.now();
    let lit = lit0;
    while (lit <= lit0 && Date.now() - start < 10_000) {
      await page.waitForTimeout(200);
      lit = await litOver();
    }
    // A fresh fault is a filled, glowing dot: well over a hundred more pixels.
    expect(lit - lit0).toBeGreaterThan(100);
    expect(Number(await page.getAttribute('.district-map', 'data-draws'))).toBeGreaterThan(layers0);
    expect(await frameDraws()).toBe(frame0);
    await page.screenshot({ path: path.join(SHOTS, 'map-faults-1080p.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches layers with the visible control and the keyboard', async () => {
    const { page, errors } = await openPage(browser, `${wall.url}/wall?screen=map&layout=1080p`, 1920, 1080);
    await waitConnected(page, 45_000);
    await drawnRegions(page);
    const root = page.locator('[data-module="map"]');
    expect(await root.getAttribute('data-layer')).toBe('pile');
    await page.click('[data-layer-button="faults"]');
    expect(await root.getAttribute('data-layer')).toBe('faults');
    await textOf(page, '[data-module="map"] .map-tile', '当前故障设备');
    await page.keyboard.press('1');
    expect(await root.getAttribute('data-layer')).toBe('bs5g');
    await page.keyboard.press('ArrowRight');
    expect(await root.getAttribute('data-layer')).toBe('pole');
    await textOf(page, '[data-module="map"] .map-tile', '智能杆密度');
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const size of SIZES) {
    it(`drills into a sub-district by clicking it and comes back, at ${size.id}`, async () => {
      const { page, errors } = await openPage(browser, `${wall.url}/wall?screen=map&layout=${size.id}`, size.width, size.height);
      await waitConnected(page, 45_000);
      await drawnRegions(page);

      // Click the region itself (the polygon on the canvas, below its label), not the label.
      const box = (await page.locator('.district-map .label[data-region="梅林街道"]').boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height + 30 * size.u);
      const drill = page.locator('[data-panel="drill"][data-adcode="440304007"]');
      await drill.waitFor({ state: 'visible', timeout: 10_000 });
      // The map flies to the region: its label moves once the throttled chart redraw lands.
      await page.waitForFunction(
        (before) => {
          const r = document.querySelector('.district-map .label[data-region="梅林街道"]')?.getBoundingClientRect();
          return !!r && Math.abs(r.x - before.x) + Math.abs(r.y - before.y) > 20;
        },
        { x: box.x, y: box.y },
        { timeout: 5_000 },
      );
      const meilin = await drill.innerText();
      expect(meilin).toContain('梅林街道');
      expect(meilin).toContain('新一代产业园');
      expect(await drill.locator('tbody tr').count()).toBe(3);
      // Counts by status are the live sub-district cells.
      const snap = await page.evaluate(() => window.__wall!.snapshot()!);
      expect(snap.infra.pile['440304007']!.total).toBeGreaterThan(0);
      await textOf(page, '[data-panel="drill"] [data-kind="pile"]', snap.infra.pile['440304007']!.total.toLocaleString('en-US'));
      await textOf(page, '[data-panel="drill"] [data-figure="growth"]', '%');

      // Back with the visible control.
      await page.click('[data-panel="drill"] [data-action="back"]');
      await page.locator('[data-panel="district"]').waitFor({ state: 'visible' });

      // A label click drills too; Esc comes back.
      await page.click('.district-map .label[data-region="香蜜湖街道"]');
      await page.locator('[data-panel="drill"][data-adcode="440304006"]').waitFor({ state: 'visible' });
      await textOf(page, '[data-panel="drill"]', '香蜜湖新金融中心');
      if (size.id === '4k') {
        await page.waitForTimeout(1_000);
        await page.screenshot({ path: path.join(SHOTS, 'map-drill-4k.png') });
      }
      await page.keyboard.press('Escape');
      await page.locator('[data-panel="district"]').waitFor({ state: 'visible' });
      expect(await page.locator('[data-module="map"]').getAttribute('data-selected')).toBe('');
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('takes a sub-district focus from outside (the scene a console or tour will send)', async () => {
    const { page, errors } = await openPage(browser, `${wall.url}/wall?screen=map&layout=1080p&focus=subdistrict:440304010`, 1920, 1080);
    await waitConnected(page, 45_000);
    const drill = page.locator('[data-panel="drill"][data-adcode="440304010"]');
    await drill.waitFor({ state: 'visible', timeout: 15_000 });
    const text = await textOf(page, '[data-panel="drill"]', '深港国际科技园');
    // The parks with unknown sites say so, rather than claiming a position.
    expect(text).toContain('均置于保税区中心');
    await page.waitForTimeout(1_000);
    await page.screenshot({ path: path.join(SHOTS, 'map-focus-1080p.png') });
    await page.keyboard.press('Escape');
    await page.locator('[data-panel="district"]').waitFor({ state: 'visible' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
