import net from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, waitConnected, startLiveWall, type LiveWall } from './harness.js';

/**
 * A TCP door in front of the real server. Closing it refuses new connections and
 * cuts the open ones (sockets, keep-alive), as a server that went down does;
 * opening it again listens on the same port, as the server coming back.
 */
interface Door {
  url: string;
  close(): Promise<void>;
  open(): Promise<void>;
  dispose(): Promise<void>;
}

async function door(target: string): Promise<Door> {
  const { port: targetPort, hostname } = new URL(target);
  const live = new Set<net.Socket>();
  const make = (): net.Server =>
    net.createServer((client) => {
      const upstream = net.connect(Number(targetPort), hostname);
      live.add(client);
      live.add(upstream);
      const drop = (): void => {
        client.destroy();
        upstream.destroy();
        live.delete(client);
        live.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream).pipe(client);
    });
  let server = make();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  let up = true;
  const close = async (): Promise<void> => {
    if (!up) return;
    up = false;
    const closed = new Promise<void>((r) => server.close(() => r()));
    for (const s of live) s.destroy();
    live.clear();
    await closed;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    close,
    async open() {
      if (up) return;
      server = make();
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
      up = true;
    },
    dispose: close,
  };
}

describe('wall: a module whose code is due while the server is down', () => {
  let wall: LiveWall;
  let browser: Browser;
  let gate: Door;

  beforeAll(async () => {
    wall = await startLiveWall();
    gate = await door(wall.url);
    browser = await launch();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await gate?.dispose();
    await wall?.close();
  });

  it('renders once the server is back, without a reload, with a calm placeholder meanwhile', async () => {
    // 16:9: the overview beside a slot rotating structure → growth → map → infra, 30 s a turn.
    const { page, errors } = await openPage(browser, `${gate.url}/wall?layout=1080p`, 1920, 1080);
    await waitConnected(page, 45_000);
    await page.evaluate(() => ((window as unknown as { __sameDocument?: boolean }).__sameDocument = true));
    const rotation = '[data-slot="rotation"] .module-slot';
    await page.locator(`${rotation}[data-active-module="structure"] [data-pane="structure"] [data-module]`).waitFor({ timeout: 20_000 });

    // The server goes down before growth's chunk is due (it warms 2 s before its turn, 28 s in).
    await gate.close();
    await page.waitForFunction(() => window.__wall?.connection !== 'connected', undefined, { timeout: 15_000 });
    // Growth's turn comes while the server is down: its code cannot load.
    await page.locator(`${rotation}[data-active-module="growth"]`).waitFor({ timeout: 40_000 });
    await page.waitForTimeout(3_000);
    const during = await page.evaluate(() => {
      const pane = document.querySelector('[data-slot="rotation"] [data-pane="growth"]');
      const text = pane?.textContent?.trim() ?? '';
      return {
        module: Boolean(pane?.querySelector('[data-module]')),
        placeholder: pane?.querySelector('[data-module-waiting="growth"][data-failing="true"]')?.textContent?.trim() ?? null,
        stack: /Error|Unable to|at \w+ \(/.test(text),
      };
    });
    expect(during.module).toBe(false);

    // The server comes back: growth renders, title and drawn charts, in the same document.
    await gate.open();
    await waitConnected(page, 30_000);
    const drawn = await page.waitForFunction(
      () => {
        const pane = document.querySelector('[data-slot="rotation"] [data-pane="growth"]');
        if (!pane?.querySelector('[data-module="growth"]')) return false;
        const charts = [...pane.querySelectorAll<HTMLElement>('[data-draws]')].filter((e) => e.clientWidth > 0);
        const canvases = [...pane.querySelectorAll('canvas')].filter((c) => c.width > 100 && c.height > 50);
        const regions = pane.querySelector('.region-choropleth')?.getAttribute('data-drawn');
        if (charts.length < 2 || charts.some((e) => Number(e.dataset.draws) < 1) || canvases.length === 0 || regions !== '10') return false;
        return { charts: charts.length, canvases: canvases.length };
      },
      undefined,
      { timeout: 45_000, polling: 250 },
    );
    expect(await drawn.jsonValue()).toMatchObject({ charts: expect.any(Number) });
    // The module's own styles came back too (the failed stylesheet is fetched again): its
    // tiles are laid out as a grid by growth.css, not as unstyled blocks.
    const styled = await page.evaluate(() => {
      const grid = document.querySelector<HTMLElement>('[data-pane="growth"] [data-module="growth"] > .grid')!;
      return getComputedStyle(grid).display;
    });
    expect(styled).toBe('grid');
    expect(await page.getAttribute(rotation, 'data-active-module')).toBe('growth');
    expect(await page.locator(`${rotation} > .slot-head .name`).innerText()).toBe('增长区域');
    // Meanwhile it was not a blank, nor an error: a calm placeholder naming what it waits for.
    expect(during.placeholder).toContain('增长区域');
    expect(during.placeholder).toContain('等待连接恢复');
    expect(during.stack).toBe(false);
    // No reload: the marker set on this document is still there, and it is the first navigation.
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).type)).toBe('navigate');
    // The modules loaded before the outage are still mounted.
    for (const m of ['overview', 'structure']) expect(await page.locator(`[data-module="${m}"]`).count()).toBe(1);
    // While the server was down the browser logged failed requests; nothing else.
    expect(errors.filter((e) => !/socket\.io|WebSocket|ERR_|net::|Failed to load resource|Failed to fetch|preload/i.test(e))).toEqual([]);
    await page.close();
  }, 180_000);
});
