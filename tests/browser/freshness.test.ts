import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedRunner, type FeedRunner } from '@futian/mock-feeds';
import { setUpConsole } from '../support/accounts.js';
import { consoleSocket, type ConsoleSocket } from '../support/console.js';
import { startServer, until, type TestServer } from '../support/server.js';
import { launch, openScreen, type OpenedPage } from './harness.js';

const SHOTS = path.resolve(import.meta.dirname, '../../artifacts/screenshots');

/** Realtime tiles on a page: their metric, the fleets they mark stale, and their footer's freshness. */
async function liveTiles(page: Page): Promise<Array<{ metric: string; kind: string | null; whole: boolean; part: string | null; sources: string | null; fresh: string }>> {
  return page.$$eval('.tile[data-cadence="realtime"]', (els) =>
    els.map((el) => ({
      metric: el.getAttribute('data-metric') ?? '',
      kind: el.getAttribute('data-kind'),
      whole: el.querySelector('[data-mark="stale"]') !== null,
      part: el.querySelector('[data-mark="stale-part"]')?.textContent?.trim() ?? null,
      sources: el.getAttribute('data-stale-sources'),
      fresh: el.querySelector('.fresh')?.textContent?.trim() ?? '',
    })),
  );
}

/**
 * Issue #41, as a control centre found it:
 * - with only the charging-pile feed stopped, the 5G and pole figures and the
 *   fault list were marked 待更新 too: staleness is per fleet, on its cadence;
 * - a wall in a replay showed no replay clock, and every tile read
 *   "实时 · 12 分钟前 · 待更新": ages are read against the replay's clock.
 */
describe('freshness per fleet, and a replay read on its own clock (issue #41)', () => {
  let srv: TestServer;
  let others: FeedRunner;
  let piles: FeedRunner;
  let browser: Browser;
  let op: ConsoleSocket;
  let overview: OpenedPage;
  let infra: OpenedPage;
  let pilesStoppedAt = 0;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    srv = await startServer({ publishTickMs: 100, seriesStepMs: 2000 });
    // Two upstreams, as in a control centre: the pile operator's platform can stop alone.
    others = createFeedRunner({ baseUrl: srv.url, token: srv.token, seed: 7, tickMs: 500, only: ['bs5g', 'pole', 'stats'] });
    piles = createFeedRunner({ baseUrl: srv.url, token: srv.token, seed: 7, tickMs: 500, only: ['pile'] });
    await Promise.all([others.start(), piles.start()]);
    await until(() => {
      const infra = srv.app.live.publisher.snapshot().infra;
      return (['bs5g', 'pole', 'pile'] as const).every((k) => {
        const c = infra[k].district;
        return c !== undefined && c.total > 0 && c.silent <= c.total * 0.01;
      });
    }, 30_000, 'the fleets reported');
    const staff = await setUpConsole(srv.url);
    op = consoleSocket(srv.url, staff.cookies.op1);
    await new Promise<void>((resolve, reject) => {
      op.once('connect', resolve);
      op.once('connect_error', reject);
    });
    browser = await launch();
    overview = await openScreen(browser, srv, 'fresh-overview', { layout: '4k', screen: 'overview' }, 3840, 2160);
    infra = await openScreen(browser, srv, 'fresh-infra', { layout: '1080p', screen: 'infra' }, 1920, 1080);
  }, 120_000);

  afterAll(async () => {
    op?.close();
    await browser?.close();
    await others?.stop();
    await piles?.stop();
    await srv?.close();
  });

  it('marks only the pile figures 待更新 when only the pile feed stops; 5G, pole and fault figures stay live', async () => {
    // Everything reports: nothing is stale (so the marks below come from the stop).
    await overview.page.locator('.infra-tile[data-kind="pile"] .fresh').waitFor({ timeout: 20_000 });
    for (const p of [overview.page, infra.page]) {
      const tiles = await liveTiles(p);
      expect(tiles.length).toBeGreaterThan(2);
      expect(tiles.filter((t) => t.whole || t.part !== null)).toEqual([]);
    }
    // Enough stored data for the replay below, all of it with every fleet reporting.
    const range = await srv.app.replays.refreshRange();
    expect(range).not.toBeNull();
    const enough = range!.from + 45_000;
    if (Date.now() < enough) await new Promise((r) => setTimeout(r, enough - Date.now()));

    await piles.stop();
    pilesStoppedAt = Date.now();
    // Piles report every 10 s: three cadences of silence (30 s) and their figures are stale.
    await overview.page.locator('.infra-tile[data-kind="pile"] [data-mark="stale"]').waitFor({ timeout: 80_000 });
    await infra.page.locator('.a-util [data-mark="stale"]').waitFor({ timeout: 10_000 });
    // Let a few more seconds pass on the wall clock, so a mark that lagged would show.
    await overview.page.waitForTimeout(3_000);

    const ov = await liveTiles(overview.page);
    const inf = await liveTiles(infra.page);
    const byKind = (k: string) => ov.find((t) => t.kind === k);
    const byMetric = (m: string) => inf.find((t) => t.metric === m);
    // Not marked as a whole: 5G and poles alone, and the fleet status (5G, pole,
    // pile) and fault list, which combine all three and still have two reporting.
    expect(byKind('bs5g')?.whole).toBe(false);
    expect(byKind('pole')?.whole).toBe(false);
    expect(byMetric('infra.bs5g.onlineRate')?.whole).toBe(false);
    expect(byMetric('infra.faults')?.whole).toBe(false);
    // Marked as a whole: the figures of the pile feed alone.
    expect(byKind('pile')?.whole).toBe(true);
    expect(byMetric('infra.pile.utilisation')?.whole).toBe(true);
    // The single-fleet tiles name no stale part; the combined ones name the pile feed.
    expect(byKind('bs5g')).toMatchObject({ part: null, sources: null });
    expect(byKind('pole')).toMatchObject({ part: null, sources: null });
    expect(byKind('pile')).toMatchObject({ sources: 'pile' });
    expect(byKind('bs5g')?.fresh).toMatch(/^实时 · (刚刚|\d+ 秒前)$/);
    for (const m of ['infra.bs5g.onlineRate', 'infra.faults']) {
      expect(byMetric(m), m).toMatchObject({ part: '充电桩待更新', sources: 'pile' });
      expect(byMetric(m)?.fresh, m).toMatch(/^实时 · (刚刚|\d+ 秒前)$/);
    }
    await infra.page.screenshot({ path: path.join(SHOTS, 'freshness-pile-stopped-1080p.png') });
    await overview.page.screenshot({ path: path.join(SHOTS, 'freshness-pile-stopped-overview-4k.png') });
    expect(overview.errors).toEqual([]);
    expect(infra.errors).toEqual([]);
  }, 150_000);

  it('shows the replay clock and speed in the header, and reads every live figure on the replay clock', async () => {
    expect(pilesStoppedAt).toBeGreaterThan(0);
    const range = await srv.app.replays.refreshRange();
    // A range in which every fleet reported: the replay has nothing stale in it.
    const from = range!.from + 3_000;
    const to = pilesStoppedAt - 1_000;
    const speed = 4;
    const ack = (await op.emitWithAck('replay:start', { from, to, speed, screens: ['fresh-overview', 'fresh-infra'] })) as { ok: boolean; error?: string };
    expect(ack).toMatchObject({ ok: true });

    const clock = '.wall-header [data-replay-clock]';
    for (const p of [overview.page, infra.page]) await p.locator(clock).waitFor({ timeout: 10_000 });
    const text = await infra.page.locator(clock).innerText();
    expect(text).toMatch(/^回放 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d · 4×$/);
    // The printed time is the replayed one, in Beijing time: inside the range, nowhere near now.
    const shown = Number(await infra.page.locator(clock).getAttribute('data-replay-at'));
    expect(shown).toBeGreaterThanOrEqual(from);
    expect(shown).toBeLessThanOrEqual(to);
    const bj = new Date(shown + 8 * 3_600_000).toISOString();
    expect(text).toContain(`${bj.slice(0, 10)} ${bj.slice(11, 19)}`);

    // The clock advances at about the replay's speed: time two of its ticks 4 s apart.
    const tick = async (): Promise<{ real: number; at: number }> => {
      const before = await infra.page.locator(clock).getAttribute('data-replay-at');
      await infra.page.waitForFunction(
        ([sel, prev]) => document.querySelector(sel!)?.getAttribute('data-replay-at') !== prev,
        [clock, before],
        { timeout: 5_000, polling: 'raf' },
      );
      return { real: Date.now(), at: Number(await infra.page.locator(clock).getAttribute('data-replay-at')) };
    };
    const a = await tick();
    await infra.page.waitForTimeout(3_500);
    const b = await tick();
    const rate = (b.at - a.at) / (b.real - a.real);
    expect(rate).toBeGreaterThan(speed * 0.7);
    expect(rate).toBeLessThan(speed * 1.3);

    // No live figure shows a live age or a stale mark: the data is old on the wall
    // clock, fresh on the replay's. (Statistics keep their period marks, as on live.)
    for (const p of [overview.page, infra.page]) {
      const tiles = await liveTiles(p);
      expect(tiles.length).toBeGreaterThan(2);
      for (const t of tiles) {
        expect(t.fresh, t.metric).toMatch(/^回放 · (刚刚|\d+ 秒前)$/);
        expect(t.whole || t.part !== null, t.metric).toBe(false);
      }
      // "实时 · 模拟设备" is the figures' 口径 and stays; a live age must not appear.
      expect(await p.locator('.tile[data-cadence="realtime"]').filter({ hasText: /实时 · (刚刚|无数据|\d+ (秒|分钟|小时|天)前)/ }).count()).toBe(0);
      expect(await p.locator('.tile[data-cadence="realtime"]').filter({ hasText: '待更新' }).count()).toBe(0);
    }
    await infra.page.screenshot({ path: path.join(SHOTS, 'freshness-replay-1080p.png') });
    await overview.page.screenshot({ path: path.join(SHOTS, 'freshness-replay-overview-4k.png') });

    // Stopped: back to live, without the replay clock.
    const meta = srv.app.replays.list().find((m) => m.state === 'running' || m.state === 'finished');
    expect(meta).toBeDefined();
    const stop = (await op.emitWithAck('replay:stop', { id: meta!.id })) as { ok: boolean };
    expect(stop).toMatchObject({ ok: true });
    for (const p of [overview.page, infra.page]) {
      await p.waitForFunction(() => window.__wall?.snapshot()?.room === 'live', undefined, { timeout: 10_000 });
      await p.locator(clock).waitFor({ state: 'detached', timeout: 5_000 });
    }
    expect(overview.errors).toEqual([]);
    expect(infra.errors).toEqual([]);
  }, 120_000);
});
