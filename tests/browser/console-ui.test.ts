import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, startServer, until, type TestServer } from '../support/server.js';
import { launch, openPage, openScreen, startLiveWall, textOf, type LiveWall } from './harness.js';

const SHOTS = path.resolve(import.meta.dirname, '../../artifacts/screenshots');
const ADMIN_PW = 'test-admin-password';
// WALL_CLIENT_DIST (the server's own setting) lets a run use a private build when
// several sessions rebuild client/dist at once; normally the global setup's build is used.
const dist = process.env.WALL_CLIENT_DIST ? { clientDist: path.resolve(process.env.WALL_CLIENT_DIST) } : {};

/** The sign-in probes answer 401 by design; Chromium logs those as console errors. */
const unexpected = (errors: string[]) => errors.filter((e) => !/status of 401/.test(e));

/** Waits for a toast of that kind with that text (earlier toasts may still be showing). */
async function toast(page: Page, kind: 'ok' | 'error', text: string): Promise<void> {
  await page.locator(`[data-toast=${kind}]`, { hasText: text }).first().waitFor({ timeout: 10_000 });
}

async function signIn(page: Page, name: string, password: string): Promise<void> {
  await page.locator('[data-signin]').waitFor({ timeout: 15_000 });
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', password);
  await page.click('[data-signin] button[type=submit]');
}

let browser: Browser;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the duty console in Chromium against the real server, feeds and a wall page', () => {
  let wall: LiveWall;

  beforeAll(async () => {
    wall = await startLiveWall(dist);
  });
  afterAll(async () => {
    await wall?.close();
  });

  it('refuses a bad password, signs in, lists the wall, switches its scene, sends a notice, runs the tour, and audits it all', async () => {
    const screen = await openScreen(browser, wall.srv, 'test-left', { name: '左屏', screen: 'overview', layout: '1080p' }, 1280, 720);
    const { page, errors } = await openPage(browser, `${wall.url}/console`, 1600, 1000);

    await signIn(page, 'admin', 'wrong-password');
    await textOf(page, '[data-signin-error]', '用户名或密码错误');
    await page.screenshot({ path: path.join(SHOTS, 'console-signin-refused.png') });
    await signIn(page, 'admin', ADMIN_PW);
    await page.locator('[data-panel=screens]').waitFor({ timeout: 15_000 });
    await textOf(page, '[data-conn]', '已连接');

    // The wall page in the other tab, enrolled by a link, is listed as online.
    const row = page.locator('[data-screen="test-left"]');
    await textOf(page, '[data-screen="test-left"]', '在线', 20_000);
    expect(await row.innerText()).toContain('左屏');

    // Scene: only the selected screen, map module, a sub-district highlight.
    await row.locator('input[type=checkbox]').check();
    await page.selectOption('[data-scene-module]', 'map');
    await page.selectOption('[data-scene-hltype]', 'subdistrict');
    await page.selectOption('[data-scene-hlid]', '440304006');
    await page.click('[data-scene-apply]');
    await toast(page, 'ok', '场景已切换（1 台）');
    expect(wall.srv.app.control.controlFor('test-left').scene).toEqual({ module: 'map', highlight: { type: 'subdistrict', id: '440304006' } });

    // Notice to all screens, five minutes: shown as current with its countdown.
    await page.fill('[data-notice-zh]', '参观团 10:00 到达，请保持大屏演示状态');
    await page.fill('[data-notice-en]', 'Delegation arrives at 10:00');
    await page.check('input[name=notice-level][value=warn]');
    await page.fill('[data-notice-ttl]', '5');
    await page.click('[data-notice-send]');
    await toast(page, 'ok', '通知已发送');
    await textOf(page, '[data-notice-text]', '参观团 10:00 到达');
    expect(await page.locator('[data-notice-remaining]').innerText()).toMatch(/剩余 4:5\d|剩余 5:00/);
    expect(wall.srv.app.control.controlFor('test-left').notice).toMatchObject({ level: 'warn', by: 'admin' });

    // Tour on all screens: the console shows the current scene; a takeover pauses it.
    await page.click('[data-tour-start]');
    await textOf(page, '[data-tour-now]', '场景 1/');
    await textOf(page, '[data-tour-status]', '运行中');
    await page.screenshot({ path: path.join(SHOTS, 'console-control.png'), fullPage: true });
    await page.click('[data-tour-pause]');
    await textOf(page, '[data-tour-status]', 'admin 接管');
    expect(wall.srv.app.control.tour.state).toMatchObject({ state: 'paused', pausedBy: 'admin' });
    await page.click('[data-tour-stop]');
    await textOf(page, '[data-tour-status]', '未运行');

    // Audit: every action above, newest first, with the targeted screen.
    await page.click('[data-tab=audit]');
    for (const action of ['login.failed', 'login', 'scene:set', 'notice:send', 'tour:start', 'tour:pause', 'tour:stop']) {
      await page.locator(`[data-audit="${action}"]`).first().waitFor({ timeout: 5_000 });
    }
    expect(await page.locator('[data-audit="scene:set"]').first().innerText()).toContain('test-left');
    const actions = await page.locator('[data-audit]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-audit')));
    expect(actions.indexOf('tour:stop')).toBeLessThan(actions.indexOf('scene:set'));
    await page.screenshot({ path: path.join(SHOTS, 'console-audit.png'), fullPage: true });

    expect(unexpected(errors)).toEqual([]);
    await screen.page.close();
    await page.close();
  });

  it('lets the admin create a viewer, who must change the password and then gets a read-only console', async () => {
    const { page, errors } = await openPage(browser, `${wall.url}/console`, 1600, 1000);
    await signIn(page, 'admin', ADMIN_PW);
    await page.click('[data-tab=users]');
    await page.fill('input[name=new-name]', 'watch.1');
    await page.selectOption('select[name=new-role]', 'viewer');
    await page.fill('input[name=new-password]', 'watch-initial-pw');
    await page.click('[data-user-create] button[type=submit]');
    await toast(page, 'ok', 'watch.1');
    await textOf(page, '[data-user="watch.1"]', '待改密码');
    await page.screenshot({ path: path.join(SHOTS, 'console-users.png'), fullPage: true });

    // A separate browser context: its own cookie jar, as on another PC.
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const viewer = await ctx.newPage();
    const vErrors: string[] = [];
    viewer.on('pageerror', (e) => vErrors.push(e.message));
    await viewer.goto(`${wall.url}/console?lang=en`);
    await signIn(viewer, 'watch.1', 'watch-initial-pw');
    await viewer.locator('[data-password-form]').waitFor();
    await viewer.fill('input[name=current]', 'watch-initial-pw');
    await viewer.fill('input[name=next]', 'watch-new-password');
    await viewer.fill('input[name=confirm]', 'watch-new-password');
    await viewer.click('[data-password-form] button[type=submit]');
    await viewer.locator('[data-panel=screens]').waitFor({ timeout: 15_000 });
    await textOf(viewer, 'main', 'Read-only account');
    expect(await viewer.locator('[data-scene-apply]').isDisabled()).toBe(true);
    expect(await viewer.locator('[data-tour-start]').isDisabled()).toBe(true);
    expect(await viewer.locator('[data-notice-send]').isDisabled()).toBe(true);
    expect(await viewer.locator('[data-tab=users]').count()).toBe(0);
    await viewer.screenshot({ path: path.join(SHOTS, 'console-viewer-en.png'), fullPage: true });

    // Disabling the account ends its sessions on the server. The open socket learns
    // it at its next action or reconnect (forced here), and the console goes back to sign-in.
    await page.locator('[data-user="watch.1"] button', { hasText: '停用' }).click();
    await textOf(page, '[data-user="watch.1"]', '已停用');
    await wall.srv.app.io.of('/console').disconnectSockets(true);
    await textOf(viewer, '[data-signin-error]', 'session ended', 15_000);

    expect(unexpected(errors)).toEqual([]);
    expect(vErrors).toEqual([]);
    await ctx.close();
    await page.close();
  });
});

describe('alarms in the console', () => {
  const SD = '440304009';
  const rulesFile = path.join(os.tmpdir(), `console-ui-alarms-${process.pid}.json`);
  let srv: TestServer;

  beforeAll(async () => {
    writeFileSync(
      rulesFile,
      JSON.stringify([
        { id: 'pole-online-low', type: 'onlineRateBelow', kind: 'pole', threshold: 95, clearAt: 96, forS: 1, clearForS: 1, severity: 'major', title: { zh: '智能杆在线率低', en: 'Pole online low' } },
      ]),
    );
    srv = await startServer({ alarmsFile: rulesFile, ...dist });
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(rulesFile, { force: true });
  });

  it('shows a raised alarm first, refuses an empty comment, and acknowledges it with a comment', async () => {
    const devices = Array.from({ length: 20 }, (_, i) => ({ deviceId: `POLE-UI-${i}`, kind: 'pole', subdistrict: SD }));
    await post(`${srv.url}/api/v1/devices`, { devices }, srv.token);
    const report = (i: number, status: string) => ({ deviceId: `POLE-UI-${i}`, kind: 'pole', ts: Date.now(), status });
    await post(`${srv.url}/api/v1/ingest`, { reports: devices.map((_, i) => report(i, 'online')) }, srv.token);
    await post(`${srv.url}/api/v1/ingest`, { reports: [0, 1, 2].map((i) => report(i, 'fault')) }, srv.token);
    await until(() => (srv.app.live.publisher.snapshot().ext.alarms as { open: unknown[] } | undefined)?.open.length === 1, 8_000, 'alarm raised');

    const { page, errors } = await openPage(browser, `${srv.url}/console`, 1600, 900);
    await signIn(page, 'admin', ADMIN_PW);
    await textOf(page, '[data-tab=alarms]', '1');
    await page.click('[data-tab=alarms]');
    const row = page.locator('[data-alarm]').first();
    await textOf(page, '[data-alarm]', '智能杆在线率低');
    expect(await row.innerText()).toContain('华富街道');
    expect(await row.innerText()).toContain('活动');
    await page.screenshot({ path: path.join(SHOTS, 'console-alarms-open.png'), fullPage: true });

    await row.locator('[data-ack]').click();
    await textOf(page, '[data-alarm]', '请填写确认说明');
    await row.locator('[data-ack-comment]').fill('已派单维修');
    await row.locator('[data-ack]').click();
    await toast(page, 'ok', '告警已确认');
    await textOf(page, '[data-alarm]', 'admin 已确认');
    await textOf(page, '[data-alarm-counts]', '未确认 0');
    await page.screenshot({ path: path.join(SHOTS, 'console-alarms-acked.png'), fullPage: true });

    await page.click('[data-tab=audit]');
    await textOf(page, '[data-audit="alarm:ack"]', '已派单维修');
    expect(unexpected(errors)).toEqual([]);
    await page.close();
  });
});
