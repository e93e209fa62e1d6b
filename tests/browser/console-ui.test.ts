import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpConsole } from '../support/accounts.js';
import { auditedRow, auditRows, openConsole, openConsoleAs, SHOTS, submitSignIn, toast, unexpected } from '../support/console-ui.js';
import { post, startServer, until, type TestServer } from '../support/server.js';
import { launch, openPage, openScreen, startLiveWall, textOf, type LiveWall } from './harness.js';

// WALL_CLIENT_DIST (the server's own setting) lets a run use a private build when
// several sessions rebuild client/dist at once; normally the global setup's build is used.
const dist = process.env.WALL_CLIENT_DIST ? { clientDist: path.resolve(process.env.WALL_CLIENT_DIST) } : {};

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
  let staff: Awaited<ReturnType<typeof setUpConsole>>;

  beforeAll(async () => {
    wall = await startLiveWall(dist, 7, async (srv) => {
      staff = await setUpConsole(srv.url);
    });
  });
  afterAll(async () => {
    await wall?.close();
  });

  it('refuses a bad password, signs the operator in, lists the wall, switches its scene, sends a notice, runs the tour, and audits it all', async () => {
    const screen = await openScreen(browser, wall.srv, 'test-left', { name: '左屏', screen: 'overview', layout: '1080p' }, 1280, 720);
    const { page, errors } = await openPage(browser, `${wall.url}/console`, 1600, 1000);

    await submitSignIn(page, 'op1', 'Wrong-password-1');
    await textOf(page, '[data-signin-error]', '用户名或密码错误');
    await page.screenshot({ path: path.join(SHOTS, 'console-signin-refused.png') });
    await submitSignIn(page, 'op1', staff.passwords.op1);
    await page.locator('[data-panel=screens]').waitFor({ timeout: 15_000 });
    await textOf(page, '[data-conn]', '已连接');
    await textOf(page, '[data-account] [data-role]', '操作员');

    // The wall page in the other tab, enrolled by a link, is listed as online.
    const row = page.locator('[data-screen="test-left"]');
    await textOf(page, '[data-screen="test-left"]', '在线', 20_000);
    expect(await row.innerText()).toContain('左屏');
    // An operator drives walls; enrolling and managing screens is the system admin's.
    expect(await page.locator('[data-configure], [data-revoke], [data-link-create]').count()).toBe(0);

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
    expect(wall.srv.app.control.controlFor('test-left').notice).toMatchObject({ level: 'warn', by: 'op1' });

    // Tour on all screens: the console shows the current scene; a takeover pauses it.
    await page.click('[data-tour-start]');
    await textOf(page, '[data-tour-now]', '场景 1/');
    await textOf(page, '[data-tour-status]', '运行中');
    // From the top: the sticky top bar would otherwise be drawn where the clicks left the page scrolled.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, 'console-control.png'), fullPage: true });
    await page.click('[data-tour-pause]');
    await textOf(page, '[data-tour-status]', 'op1 接管');
    expect(wall.srv.app.control.tour.state).toMatchObject({ state: 'paused', pausedBy: 'op1' });
    await page.click('[data-tour-stop]');
    await textOf(page, '[data-tour-status]', '未运行');

    // Audit, as the auditor reads it: every action above by op1, with the targeted screen.
    for (const action of ['login', 'scene:set', 'notice:send', 'tour:start', 'tour:pause', 'tour:stop']) await auditedRow(wall.url, staff.cookies.aud1, action, 'op1');
    const rows = await auditRows(wall.url, staff.cookies.aud1, { actor: 'op1' });
    const scene = rows.find((r) => r.action === 'scene:set')!;
    expect(scene.screens).toEqual(['test-left']);
    expect(scene.address).toBeTruthy();
    const order = rows.map((r) => r.action);
    expect(order.indexOf('tour:stop')).toBeLessThan(order.indexOf('scene:set'));

    expect(unexpected(errors)).toEqual([]);
    await screen.page.close();
    await page.close();
  });

  it('lets the system admin create an account, which starts as a viewer, changes its one-time password and gets a read-only console; disabling it drops that console at once', async () => {
    const sys = await openConsoleAs(browser, wall.url, staff.cookies.sysadm);
    await sys.page.click('[data-tab=users]');
    await sys.page.fill('input[name=new-name]', 'watch.1');
    await sys.page.fill('input[name=new-password]', 'Watch-initial-1');
    await sys.page.click('[data-user-create] button[type=submit]');
    await toast(sys.page, 'ok', 'watch.1');
    await textOf(sys.page, '[data-user="watch.1"]', '待改密码');
    await textOf(sys.page, '[data-user="watch.1"]', '只读');

    // A separate browser context: its own cookie jar, as on another PC.
    const viewer = await openConsole(browser, wall.url, 1280, 800, '?lang=en');
    const v = viewer.page;
    await submitSignIn(v, 'watch.1', 'Watch-initial-1');
    // The one-time password must go first: nothing else is shown until it has.
    await v.locator('[data-setup][data-step=password] [data-password-form]').waitFor({ timeout: 15_000 });
    expect(await v.locator('[data-panel]').count()).toBe(0);
    await v.fill('input[name=current]', 'Watch-initial-1');
    await v.fill('input[name=next]', 'Watching-new-2');
    await v.fill('input[name=confirm]', 'Watching-new-2');
    await v.click('[data-password-form] button[type=submit]');
    await v.locator('[data-panel=screens]').waitFor({ timeout: 15_000 });
    await textOf(v, 'main', 'Read-only account');
    expect(await v.locator('[data-scene-apply], [data-tour-start], [data-notice-send], [data-replay-start]').count()).toBe(0);
    expect(await v.locator('[data-tab=users]').count()).toBe(0);

    // Disabling the account ends its sessions on the server, and its open console drops at once, saying why.
    await sys.page.locator('[data-user="watch.1"] [data-toggle-disabled]').click();
    await textOf(sys.page, '[data-user="watch.1"]', '已停用');
    await textOf(v, '[data-signin-error]', 'session ended', 10_000);

    expect(unexpected(sys.errors)).toEqual([]);
    expect(unexpected(viewer.errors)).toEqual([]);
    await viewer.close();
    await sys.close();
  });
});

describe('alarms in the console', () => {
  const SD = '440304009';
  const rulesFile = path.join(os.tmpdir(), `console-ui-alarms-${process.pid}.json`);
  let srv: TestServer;
  let staff: Awaited<ReturnType<typeof setUpConsole>>;

  beforeAll(async () => {
    writeFileSync(
      rulesFile,
      JSON.stringify([
        { id: 'pole-online-low', type: 'onlineRateBelow', kind: 'pole', threshold: 95, clearAt: 96, forS: 1, clearForS: 1, severity: 'major', title: { zh: '智能杆在线率低', en: 'Pole online low' } },
      ]),
    );
    srv = await startServer({ alarmsFile: rulesFile, ...dist });
    staff = await setUpConsole(srv.url);
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

    const { page, errors, close } = await openConsoleAs(browser, srv.url, staff.cookies.op1, 1600, 900);
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
    await textOf(page, '[data-alarm]', 'op1 已确认');
    await textOf(page, '[data-alarm-counts]', '未确认 0');
    await page.screenshot({ path: path.join(SHOTS, 'console-alarms-acked.png'), fullPage: true });

    expect((await auditedRow(srv.url, staff.cookies.aud1, 'alarm:ack', 'op1')).detail).toMatchObject({ comment: '已派单维修' });
    expect(unexpected(errors)).toEqual([]);
    await close();
  });
});
