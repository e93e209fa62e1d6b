import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpConsole } from '../support/accounts.js';
import { auditedRow, auditRows, openConsoleAs, unexpected, type ConsolePage } from '../support/console-ui.js';
import { cspViolations, launch, openPage, openScreen, startLiveWall, textOf, waitConnected, waitEnrolled, type LiveWall } from './harness.js';

/**
 * Trusted screens in Chromium against the real server and feeds: a wall PC
 * paired from the duty console's UI and revoked again, an enrollment link made
 * in the console and opened on another PC, and what an unenrolled page shows
 * with open view on and off.
 */
const SHOTS = path.resolve(import.meta.dirname, '../../artifacts/screenshots');
const dist = process.env.WALL_CLIENT_DIST ? { clientDist: path.resolve(process.env.WALL_CLIENT_DIST) } : {};
const CODE = /^[A-Z2-9]{6}$/;

/** A console signed in with a session cookie of setUpConsole's: sysadm enrols and manages screens, op1 drives walls. */
async function consoleOf(wall: LiveWall, cookie: string, context: Parameters<typeof openConsoleAs>[6] = {}): Promise<ConsolePage> {
  const c = await openConsoleAs(browser, wall.url, cookie, 1600, 1000, '', context);
  await c.page.locator('[data-panel=screens]').waitFor({ timeout: 15_000 });
  return c;
}

async function toast(page: Page, kind: 'ok' | 'error', text: string): Promise<void> {
  await page.locator(`[data-toast=${kind}]`, { hasText: text }).first().waitFor({ timeout: 10_000 });
}

/** The code a pairing screen shows, once it shows one. Survives the page's reloads (a locator, not a function). */
async function pairingCode(page: Page, timeout = 10_000): Promise<string> {
  const el = page.locator('[data-pairing][data-pairing-code]');
  await el.waitFor({ timeout });
  const code = (await el.getAttribute('data-pairing-code')) ?? '';
  expect(code).toMatch(CODE);
  return code;
}

/**
 * Milliseconds from just before `act` until the wall page satisfies `fn`, polled every frame. A function,
 * not a string: the CSP has no 'unsafe-eval', and Playwright would evaluate a string afresh on every poll.
 */
async function timeUntil(page: Page, fn: () => boolean, act: () => Promise<unknown>, timeout = 5_000): Promise<number> {
  const t0 = Date.now();
  await act();
  await page.waitForFunction(fn, undefined, { timeout, polling: 'raf' });
  return Date.now() - t0;
}

/** Nothing of the wall: no header, no module, no figure, no data. */
async function expectNoFigures(page: Page): Promise<void> {
  expect(await page.locator('.wall-header, [data-module], [data-metric], [data-slot]').count()).toBe(0);
  expect(await page.evaluate(() => window.__wall?.seq ?? null)).toBeNull();
}

let browser: Browser;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('with open view off (production)', () => {
  let wall: LiveWall;
  let staff: Awaited<ReturnType<typeof setUpConsole>>;
  beforeAll(async () => {
    wall = await startLiveWall({ openView: false, ...dist }, 7, async (srv) => {
      staff = await setUpConsole(srv.url);
    });
  });
  afterAll(async () => {
    await wall?.close();
  });

  it('pairs a fresh wall page from the console UI; the screen follows a scene switch within 1 s; revoked, it shows the pairing screen again within 2 s', async () => {
    const screen = await openPage(browser, `${wall.url}/wall?layout=1080p`, 1920, 1080);
    const w = screen.page;
    const code = await pairingCode(w);
    // Only the pairing screen: the server sends an unenrolled page no data, and the page draws no figure.
    await expectNoFigures(w);
    expect(await w.locator('[data-pairing]').innerText()).toContain(`${code.slice(0, 3)}-${code.slice(3)}`);
    await textOf(w, '[data-pairing]', '在值班控制台「屏幕」中输入此配对码并批准');
    await textOf(w, '[data-pairing]', 'Approve this code in the duty console under Screens');
    await w.screenshot({ path: path.join(SHOTS, 'pairing-1080p.png') });

    // The system admin approves the code; an operator gives the new screen its orders.
    const { page, errors, close } = await consoleOf(wall, staff.cookies.sysadm);
    const req = page.locator(`[data-pairing="${code}"]`);
    await req.waitFor({ timeout: 10_000 });
    expect(await req.innerText()).toContain('1080p');
    await req.locator('[data-approve]').click();
    const form = page.locator('[data-approve-form]');
    // A name is required: the form says so before anything is sent.
    await form.locator('[data-approve-submit]').click();
    await textOf(page, '[data-approve-form] .error', '请填写屏幕名称');
    await form.locator('input[name=screen-name]').fill('大厅左屏');
    await form.locator('input[name=screen-id]').fill('hall-left');
    await page.locator('[data-panel=screens]').screenshot({ path: path.join(SHOTS, 'console-approve.png') });
    await form.locator('[data-approve-submit]').click();
    await toast(page, 'ok', '已批准：大厅左屏（hall-left）');

    // The page stores its credential, reloads as that screen and connects with it.
    await waitEnrolled(w, 'hall-left');
    await waitConnected(w);
    expect(await w.evaluate(() => localStorage.getItem('futian-wall.credential'))).toMatch(/^[\w-]{40,}$/);
    expect(await w.evaluate(() => JSON.parse(localStorage.getItem('futian-wall.screen') ?? 'null'))).toMatchObject({ id: 'hall-left', name: '大厅左屏' });
    expect(await w.locator('[data-unregistered]').count()).toBe(0);
    const row = page.locator('[data-screen="hall-left"]');
    await textOf(page, '[data-screen="hall-left"]', '在线', 20_000);
    expect(await row.innerText()).toContain('大厅左屏');
    await page.locator(`[data-pairing="${code}"]`).waitFor({ state: 'detached', timeout: 5_000 });

    // The system admin gives walls no orders: no selection, no scene panel.
    expect(await page.locator('[data-panel=scene], [data-screen] input[type=checkbox]').count()).toBe(0);
    // A scene switch from the operator's console reaches the newly paired screen as fast as any other.
    const op = await consoleOf(wall, staff.cookies.op1);
    await textOf(op.page, '[data-screen="hall-left"]', '在线', 10_000);
    await op.page.locator('[data-screen="hall-left"] input[type=checkbox]').check();
    await op.page.selectOption('[data-scene-module]', 'infra');
    await op.page.selectOption('[data-scene-hltype]', 'none');
    const toScene = await timeUntil(w, () => document.querySelector('.module-slot[data-active-module="infra"]') !== null, () => op.page.click('[data-scene-apply]'));
    console.info(`paired screen: console scene switch → wall in ${toScene} ms`);
    expect(toScene).toBeLessThan(1_000);
    // An operator drives walls and does not enrol or revoke them.
    expect(await op.page.locator('[data-approve], [data-revoke], [data-configure], [data-link-create]').count()).toBe(0);

    // Revoke, with a confirmation; the wall falls back to pairing with a fresh code.
    await row.locator('[data-revoke]').click();
    await textOf(page, '[data-revoke-row="hall-left"]', '大厅左屏');
    const t0 = Date.now();
    await page.click('[data-revoke-row="hall-left"] [data-revoke-confirm]');
    const again = await pairingCode(w, 5_000);
    const toPairing = Date.now() - t0;
    console.info(`revoke → pairing screen with a fresh code on the wall in ${toPairing} ms`);
    expect(toPairing).toBeLessThan(2_000);
    expect(again).not.toBe(code);
    await expectNoFigures(w);
    expect(await w.evaluate(() => [localStorage.getItem('futian-wall.credential'), localStorage.getItem('futian-wall.screen')])).toEqual([null, null]);
    await page.locator('[data-revoked-screen="hall-left"]').waitFor({ timeout: 5_000 });
    expect(await page.locator('[data-screen="hall-left"]').count()).toBe(0);
    await page.locator(`[data-pairing="${again}"]`).waitFor({ timeout: 5_000 });

    // Audited under readable names, as the auditor reads them.
    const aud = await openConsoleAs(browser, wall.url, staff.cookies.aud1);
    await textOf(aud.page, '[data-audit="screen:approve"]', '批准屏幕配对');
    await textOf(aud.page, '[data-audit="screen:revoke"]', '吊销屏幕');
    expect(await aud.page.locator('[data-audit="screen:approve"]').first().innerText()).toContain('hall-left');
    expect(await aud.page.locator('[data-audit="screen:approve"]').first().innerText()).toContain('sysadm');

    expect(unexpected([...errors, ...op.errors, ...aud.errors])).toEqual([]);
    expect(screen.errors).toEqual([]);
    await w.close();
    for (const c of [op, aud]) await c.close();
    await close();
  });

  it('makes an enrollment link in the console; a PC opening it enrolls, and the token leaves its address bar', async () => {
    // A context that may use the clipboard, so the copy button can be checked.
    const { page, errors, close } = await consoleOf(wall, staff.cookies.sysadm, { permissions: ['clipboard-read', 'clipboard-write'] });

    await page.click('[data-link-create]');
    const form = page.locator('[data-link-form]');
    await form.locator('input[name=screen-name]').fill('前台屏');
    await form.locator('input[name=screen-id]').fill('lobby');
    await form.locator('select[name=screen-layout]').selectOption('1080p');
    await form.locator('select[name=screen-module]').selectOption('map');
    await form.locator('input[name=link-ttl]').fill('500');
    await form.locator('[data-link-submit]').click();
    await textOf(page, '[data-link-form] .error', '0.25–168');
    await form.locator('input[name=link-ttl]').fill('2');
    await page.locator('[data-panel=screens]').screenshot({ path: path.join(SHOTS, 'console-link-form.png') });
    await form.locator('[data-link-submit]').click();
    await toast(page, 'ok', '注册链接已生成');

    const once = page.locator('[data-link-once]');
    await once.waitFor();
    expect(await once.innerText()).toContain('只显示这一次');
    const url = await once.locator('input[data-link-url]').inputValue();
    expect(url).toMatch(new RegExp(`^${wall.url.replace(/[.]/g, '\\.')}/wall\\?enroll=[\\w-]{20,}$`));
    await page.locator('[data-panel=screens]').screenshot({ path: path.join(SHOTS, 'console-link-once.png') });
    await once.locator('[data-link-copy]').click();
    await toast(page, 'ok', '链接已复制');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await once.locator('[data-link-close]').click();
    expect(await page.locator('[data-link-once]').count()).toBe(0);
    // Listed without its token: nothing on the page holds it any more.
    const token = url.split('enroll=')[1]!;
    const listed = page.locator('[data-link][data-state="unused"]', { hasText: '前台屏' });
    await listed.waitFor({ timeout: 5_000 });
    expect(await page.content()).not.toContain(token);

    // The wall PC opens the link: it enrolls as 'lobby' with the link's settings, and the token is gone from its address bar.
    const pc = await openPage(browser, url, 1280, 720);
    await waitEnrolled(pc.page, 'lobby');
    await waitConnected(pc.page);
    expect(pc.page.url()).not.toContain('enroll');
    expect(await pc.page.evaluate(() => window.location.href)).toBe(`${wall.url}/wall`);
    expect(await pc.page.getAttribute('.module-slot', 'data-active-module')).toBe('map');
    // Its map loads the boundaries, which with open view off only a screen credential may read (Authorization: Screen …).
    await pc.page.locator('.district-map .label[data-region]').first().waitFor({ timeout: 15_000 });
    await page.locator('[data-link][data-state="used"]', { hasText: 'lobby' }).waitFor({ timeout: 5_000 });
    await textOf(page, '[data-screen="lobby"]', '在线', 10_000);

    // The same link again, on another PC: used up. The page says why, on the pairing screen, and pairs.
    const late = await openPage(browser, url, 1280, 720);
    await textOf(late.page, '[data-pairing-problem]', 'used');
    expect(late.page.url()).not.toContain('enroll');
    await pairingCode(late.page);
    await expectNoFigures(late.page);

    // An unused link can be revoked.
    await page.click('[data-link-create]');
    await form.locator('input[name=screen-name]').fill('备用屏');
    await form.locator('[data-link-submit]').click();
    await once.waitFor();
    await once.locator('[data-link-close]').click();
    const spare = page.locator('[data-link][data-state="unused"]', { hasText: '备用屏' });
    await spare.locator('[data-link-revoke]').click();
    await toast(page, 'ok', '注册链接已作废');
    await spare.waitFor({ state: 'detached', timeout: 5_000 });

    await auditedRow(wall.url, staff.cookies.aud1, 'enroll:create', 'sysadm');
    await auditedRow(wall.url, staff.cookies.aud1, 'enroll:revoke', 'sysadm');
    expect((await auditRows(wall.url, staff.cookies.aud1, { action: 'screen:enroll', outcome: 'ok' })).map((r) => r.target)).toContain('lobby');

    expect(unexpected(errors)).toEqual([]);
    expect(pc.errors).toEqual([]);
    expect(late.errors).toEqual([]);
    await pc.page.close();
    await late.page.close();
    await close();
  });

  it('draws the pairing code natively at 4K, and the console lists a waiting code, an enrolled and a revoked screen', async () => {
    const big = await openPage(browser, `${wall.url}/wall`, 3840, 2160);
    const code = await pairingCode(big.page);
    expect(await big.page.evaluate(() => document.documentElement.dataset.layout)).toBe('4k');
    // rem on the design canvas: at 4K the code is drawn twice the 1080p size, not scaled up.
    const size = await big.page.$eval('[data-code]', (e) => parseFloat(getComputedStyle(e).fontSize));
    expect(size).toBeCloseTo(380, 0);
    await big.page.screenshot({ path: path.join(SHOTS, 'pairing-4k.png') });

    const kept = await openScreen(browser, wall.srv, 'hall-right', { name: '大厅右屏', layout: '1080p', screen: 'growth' }, 1280, 720);
    const gone = await openScreen(browser, wall.srv, 'old-lobby', { name: '旧前台屏', mode: 'demo' }, 1280, 720);
    const { page, errors, close } = await consoleOf(wall, staff.cookies.sysadm);
    await page.locator('[data-revoke]').first().waitFor();
    await page.click('[data-screen="old-lobby"] [data-revoke]');
    await page.click('[data-revoke-row="old-lobby"] [data-revoke-confirm]');
    await pairingCode(gone.page);
    await page.locator('[data-revoked-screen="old-lobby"]').waitFor({ timeout: 5_000 });
    await page.locator(`[data-pairing="${code}"]`).waitFor();
    await textOf(page, '[data-screen="hall-right"]', '在线');
    // A new module reloads the screen into it; a new name does not reload it.
    const k = kept.page;
    await k.evaluate(() => ((window as unknown as { __before?: number }).__before = 1));
    await page.click('[data-screen="hall-right"] [data-configure]');
    await page.locator('[data-configure-form] select[name=screen-module]').selectOption('infra');
    await page.click('[data-configure-form] [data-configure-submit]');
    await toast(page, 'ok', '已保存屏幕配置：大厅右屏');
    await k.locator('[data-slot="infra"]').waitFor({ timeout: 10_000 });
    await waitConnected(k);
    expect(await k.locator('[data-slot]').count()).toBe(1);
    expect(await k.evaluate(() => (window as unknown as { __before?: number }).__before)).toBeUndefined();
    await k.evaluate(() => ((window as unknown as { __before?: number }).__before = 2));
    await page.click('[data-screen="hall-right"] button.edit');
    await page.fill('[data-screen="hall-right"] form.inline input', '大厅右屏 · 基础设施');
    await page.click('[data-screen="hall-right"] form.inline button[type=submit]');
    await toast(page, 'ok', '屏幕已重命名');
    await expect.poll(() => k.evaluate(() => JSON.parse(localStorage.getItem('futian-wall.screen') ?? '{}').name), { timeout: 5_000 }).toBe('大厅右屏 · 基础设施');
    expect(await k.evaluate(() => (window as unknown as { __before?: number }).__before)).toBe(2);
    await textOf(page, '[data-screen="hall-right"]', '大厅右屏 · 基础设施');
    // Offline or revoked screens take no orders: no box to select them.
    expect(await page.locator('[data-revoked-screen] input[type=checkbox]').count()).toBe(0);
    // Nor does the system admin's console offer any: orders are the operator's.
    expect(await page.locator('[data-screen] input[type=checkbox], [data-panel=scene]').count()).toBe(0);
    await page.locator('[data-panel=screens]').screenshot({ path: path.join(SHOTS, 'console-screens.png') });

    expect(unexpected(errors)).toEqual([]);
    expect([...big.errors, ...kept.errors, ...gone.errors]).toEqual([]);
    for (const p of [big.page, kept.page, gone.page]) await p.close();
    await close();
  });
});

describe('with open view on (the pnpm start default)', () => {
  let wall: LiveWall;
  beforeAll(async () => {
    wall = await startLiveWall(dist);
  });
  afterAll(async () => {
    await wall?.close();
  });

  it('shows an unenrolled page the live wall, marked 未注册屏幕 with its pairing code in the header, over no figure', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const { page, errors } = await openPage(browser, `${wall.url}/wall?layout=1080p&lang=${lang}`, 1920, 1080);
      await waitConnected(page);
      await textOf(page, '[data-module="overview"] [data-metric="de.core.valueAdded"]', '624.92');
      const mark = page.locator('.wall-header [data-unregistered][data-pairing-code]');
      await mark.waitFor({ timeout: 10_000 });
      const code = (await mark.getAttribute('data-pairing-code'))!;
      const formatted = `${code.slice(0, 3)}-${code.slice(3)}`;
      const text = await mark.innerText();
      expect(text).toContain(lang === 'zh' ? '未注册屏幕' : 'Unregistered screen');
      expect(text).toContain(`${lang === 'zh' ? '配对码' : 'pairing code'} ${formatted}`);
      // In the header's mode marks: clear of the title, the clock and every figure.
      const box = (await mark.boundingBox())!;
      const overlaps = await page.evaluate(
        ({ x, y, width, height }) =>
          [...document.querySelectorAll('.wall-header .title, .wall-header .clock, .wall-header .conn, [data-module], [data-metric]')]
            .map((e) => ({ e, r: e.getBoundingClientRect() }))
            .filter(({ r }) => r.width > 0 && r.left < x + width && r.right > x && r.top < y + height && r.bottom > y)
            .map(({ e }) => e.className || e.tagName),
        box,
      );
      expect(overlaps).toEqual([]);
      expect(box.y + box.height).toBeLessThanOrEqual(96);
      expect(await page.locator('[data-pairing]').count()).toBe(0);
      // Nor did it fetch the pairing screen's chunk: it waited to learn open view rather than flash it.
      expect(await page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.includes('PairingScreen')))).toBe(false);
      // Unenrolled: no demo mark whatever the address says (?mode=demo is not honoured any more).
      expect(await page.locator('[data-watermark=demo], [data-badge=demo]').count()).toBe(0);
      if (lang === 'zh') await page.screenshot({ path: path.join(SHOTS, 'openview-1080p.png') });
      expect(errors).toEqual([]);
      await page.close();
    }

    // A stale ?mode=demo&id=… address shows no 演示模式 either.
    const stale = await openPage(browser, `${wall.url}/wall?layout=1080p&id=old-left&mode=demo&name=x`, 1920, 1080);
    await waitConnected(stale.page);
    await stale.page.locator('[data-unregistered]').waitFor();
    expect(await stale.page.locator('[data-watermark=demo], [data-badge=demo]').count()).toBe(0);
    expect(stale.errors).toEqual([]);
    await stale.page.close();
  });

  it('fails a test on a Content Security Policy violation (the harness checks every page)', async () => {
    const { page } = await openPage(browser, `${wall.url}/wall?layout=1080p`, 1280, 720);
    await waitConnected(page);
    expect(cspViolations).toEqual([]);
    // An inline script, as an injected one would be: the server's CSP refuses it, and the harness sees it.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = 1';
      document.head.appendChild(s);
    });
    await expect.poll(() => cspViolations.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
    expect(cspViolations.join('\n')).toMatch(/script-src/);
    // Seen and expected here: cleared, so this test's own check passes.
    cspViolations.splice(0);
    await page.close();
  });
});
