import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@futian/server';
import { api, setUpConsole } from '../support/accounts.js';
import { openConsole, openConsoleAs, SHOTS, signIn, submitSignIn, toast, unexpected } from '../support/console-ui.js';
import { startServer, type TestServer } from '../support/server.js';
import { launch, textOf } from './harness.js';

/**
 * Console accounts (等保 2.0 level 3) in Chromium against the real server: the
 * first-start admin's set-up steps, two-factor sign-in with an authenticator
 * and with recovery codes, what each role sees (三员分立), the auditor's
 * trail, and the session limits.
 */
const dist = process.env.WALL_CLIENT_DIST ? { clientDist: path.resolve(process.env.WALL_CLIENT_DIST) } : {};
const FULL_HD = { width: 1920, height: 1080 } as const;

/** The code an authenticator shows `aheadS` seconds from now (the server accepts one step of drift; a used step is refused). */
const codeFor = (secret: string, aheadS = 0): Promise<string> => generate({ secret, epoch: Math.floor(Date.now() / 1000) + aheadS });

async function signOut(page: Page): Promise<void> {
  await page.click('[data-account]');
  await page.click('[data-account-menu] [data-signout]');
  await page.locator('[data-signin]').waitFor({ timeout: 10_000 });
}

let browser: Browser;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('first start, on a server whose clock the test moves', () => {
  const clock = new ManualClock(Date.now());
  let srv: TestServer;
  beforeAll(async () => {
    // A first password that misses the policy (no upper case, no digit): the admin must replace it too.
    srv = await startServer({ adminPassword: 'test-admin-password', ...dist }, { clock });
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('shows the first-start admin only the set-up steps: a name of its own, then a password under the policy; then the console', async () => {
    const { page, errors, close } = await openConsole(browser, srv.url, FULL_HD.width, FULL_HD.height);
    await submitSignIn(page, 'admin', 'test-admin-password');
    const setup = page.locator('[data-setup]');
    await setup.waitFor({ timeout: 15_000 });
    expect(await setup.getAttribute('data-step')).toBe('rename');
    // Nothing of the console while steps are pending: no tabs, no panels.
    expect(await page.locator('[data-tab], [data-panel]').count()).toBe(0);
    expect(await page.locator('[data-setup-step]').evaluateAll((els) => els.map((e) => e.getAttribute('data-setup-step')))).toEqual(['rename', 'password']);
    await textOf(page, '[data-rename-form]', '设置您自己的账号名称');

    await page.fill('input[name=new-account-name]', 'admin');
    await page.click('[data-rename-form] button[type=submit]');
    await textOf(page, '[data-rename-form] .error', '「admin」不能用作账号名称');
    await page.fill('input[name=new-account-name]', 'chief');
    await page.click('[data-rename-form] button[type=submit]');

    // The password step shows the policy and checks it as the officer types; the server has the last word.
    const form = page.locator('[data-password-form]');
    await form.waitFor({ timeout: 10_000 });
    expect(await setup.getAttribute('data-step')).toBe('password');
    await textOf(page, '[data-setup-step="rename"]', '✓');
    await textOf(page, '[data-pw-rules]', '至少 10 个字符');
    await textOf(page, '[data-pw-rules]', '至少 3 类');
    await textOf(page, '[data-pw-rules]', '最近 5 次');
    await page.fill('input[name=current]', 'test-admin-password');
    await page.fill('input[name=next]', 'onlylowercase');
    expect(await page.getAttribute('[data-rule="pw.rule.length"]', 'class')).toContain('met');
    expect(await page.getAttribute('[data-rule="pw.rule.classes"]', 'class')).toContain('unmet');
    await page.fill('input[name=confirm]', 'onlylowercase');
    await page.click('[data-password-form] button[type=submit]');
    await textOf(page, '[data-pw-error]', '至少 3 类');
    await page.screenshot({ path: path.join(SHOTS, 'console-setup-password.png') });
    // Nor may it contain the account's name.
    await page.fill('input[name=current]', 'test-admin-password');
    await page.fill('input[name=next]', 'Chief-of-duty-1');
    await page.fill('input[name=confirm]', 'Chief-of-duty-1');
    await page.click('[data-password-form] button[type=submit]');
    await textOf(page, '[data-pw-error]', '不能包含账号名称');
    // A wrong current password: only the server can tell, and its reason is shown as it words it.
    await page.fill('input[name=current]', 'not-the-password');
    await page.fill('input[name=next]', 'Duty-officer-77');
    await page.fill('input[name=confirm]', 'Duty-officer-77');
    await page.click('[data-password-form] button[type=submit]');
    await textOf(page, '[data-pw-error]', 'current password is wrong');
    await page.fill('input[name=current]', 'test-admin-password');
    await page.fill('input[name=next]', 'Duty-officer-77');
    await page.fill('input[name=confirm]', 'Duty-officer-77');
    await page.click('[data-password-form] button[type=submit]');

    await page.locator('.console[data-phase=ready] [data-panel=screens]').waitFor({ timeout: 15_000 });
    await textOf(page, '[data-account]', 'chief');
    await textOf(page, '[data-account] [data-role]', '系统管理员');
    expect(await page.locator('[data-tab]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tab')))).toEqual(['control', 'alarms', 'users']);
    // A system admin manages screens and accounts, and gives walls no orders.
    expect(await page.locator('[data-panel=scene]').count()).toBe(0);
    expect(await page.locator('[data-tour-start], [data-notice-send], [data-replay-start]').count()).toBe(0);
    await page.locator('[data-link-create]').waitFor();
    expect(unexpected(errors)).toEqual([]);
    await close();

    // 'admin' is gone for good.
    const again = await openConsole(browser, srv.url);
    await submitSignIn(again.page, 'admin', 'test-admin-password');
    await textOf(again.page, '[data-signin-error]', '用户名或密码错误');
    await again.close();
  });

  it('times out an idle console: the page drops to sign-in saying 会话已超时，请重新登录, and a REST call after the limit says the same', async () => {
    const { page, close } = await openConsole(browser, srv.url);
    await signIn(page, 'chief', 'Duty-officer-77');
    await textOf(page, '[data-conn]', '已连接');
    // 31 idle minutes pass on the server's clock: its sweep (every 15 s) ends the open console and says why.
    clock.advance(31 * 60_000);
    await textOf(page, '[data-signin-error]', '会话已超时，请重新登录', 20_000);

    // A console whose next act is a REST call learns it from the 401.
    await signIn(page, 'chief', 'Duty-officer-77');
    clock.advance(31 * 60_000);
    await page.click('[data-tab=users]');
    await textOf(page, '[data-signin-error]', '会话已超时，请重新登录', 10_000);
    await close();
  });

  it('throttles repeated wrong passwords with a 429, and shows the wait in seconds', async () => {
    const { page, close } = await openConsole(browser, srv.url);
    let shown = '';
    for (let i = 0; i < 8 && !/尝试次数过多/.test(shown); i++) {
      await submitSignIn(page, 'chief', `Wrong-guess-${i}`);
      await page.locator('[data-signin-error]').waitFor();
      await page.waitForFunction(() => !document.querySelector('[data-signin] button[type=submit]')?.textContent?.includes('…'));
      shown = await page.locator('[data-signin-error]').innerText();
    }
    expect(shown).toMatch(/尝试次数过多，请 \d+ 秒后重试/);
    // The button waits out the count-down.
    expect(await page.locator('[data-signin] button[type=submit]').isDisabled()).toBe(true);
    await close();
  });
});

describe('a console set up as a district would (sysadm, secadm, op1, view1, aud1)', () => {
  let srv: TestServer;
  let staff: Awaited<ReturnType<typeof setUpConsole>>;
  beforeAll(async () => {
    srv = await startServer(dist);
    staff = await setUpConsole(srv.url);
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('enables TOTP from the account menu, then signs in with the password and a code, and with a recovery code only once', async () => {
    const { page, errors, close } = await openConsole(browser, srv.url, FULL_HD.width, FULL_HD.height);
    await signIn(page, 'op1', staff.passwords.op1);
    await page.click('[data-account]');
    await page.click('[data-account-item="totp-on"]');
    const setup = page.locator('[data-totp-setup]');
    await setup.locator('[data-totp-secret]').waitFor({ timeout: 10_000 });
    // The QR code is an image of a data: address, never markup in the page.
    expect(await setup.locator('img[data-totp-qr]').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await setup.locator('svg').count()).toBe(0);
    expect(await setup.locator('img[data-totp-qr]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const secret = (await setup.locator('[data-totp-secret]').innerText()).replace(/\s+/g, '');
    expect(secret).toBe(await setup.locator('[data-totp-secret]').getAttribute('data-totp-secret'));
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.screenshot({ path: path.join(SHOTS, 'console-2fa-setup.png') });

    // A wrong code is refused with the server's reason; the right one turns it on.
    await setup.locator('input[name=totp-code]').fill('000000');
    await setup.locator('[data-totp-enable]').click();
    await textOf(page, '[data-totp-error]', 'wrong code');
    await setup.locator('input[name=totp-code]').fill(await codeFor(secret));
    await setup.locator('[data-totp-enable]').click();

    // Ten recovery codes, once; downloadable; the dialog stays until the officer says they are saved.
    await page.locator('[data-recovery-code]').first().waitFor();
    const shown = await page.locator('[data-recovery-code]').allInnerTexts();
    expect(shown).toHaveLength(10);
    await page.screenshot({ path: path.join(SHOTS, 'console-2fa-codes.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-recovery-download]')]);
    expect(download.suggestedFilename()).toBe('futian-console-recovery-op1.txt');
    const file = readFileSync((await download.path())!, 'utf8');
    for (const c of shown) expect(file).toContain(c);
    expect(await page.locator('[data-recovery-saved]').isDisabled()).toBe(true);
    await page.mouse.click(5, 5);
    expect(await page.locator('[data-recovery-codes]').count()).toBe(1);
    await page.check('[data-recovery-ack]');
    await page.click('[data-recovery-saved]');
    await toast(page, 'ok', '双因素认证已启用');
    await textOf(page, '[data-account]', '2FA');

    // Sign out; the password alone is not enough now.
    await signOut(page);
    await submitSignIn(page, 'op1', staff.passwords.op1);
    const second = page.locator('[data-signin-2fa]');
    await second.waitFor({ timeout: 10_000 });
    expect(await second.getAttribute('data-signin-step')).toBe('code');
    await second.locator('input[name=code]').fill('12345');
    await second.locator('button[type=submit]').click();
    await textOf(page, '[data-signin-error]', '验证码为 6 位数字');
    await second.locator('input[name=code]').fill('000000');
    await second.locator('button[type=submit]').click();
    await textOf(page, '[data-signin-error]', '验证码错误');
    await page.screenshot({ path: path.join(SHOTS, 'console-2fa.png') });
    // The code of the next step: the one used to turn TOTP on may not be used again.
    await second.locator('input[name=code]').fill(await codeFor(secret, 30));
    await second.locator('button[type=submit]').click();
    await page.locator('.console[data-phase=ready] [data-panel=screens]').waitFor({ timeout: 10_000 });

    // With a recovery code instead: it works once.
    await signOut(page);
    await submitSignIn(page, 'op1', staff.passwords.op1);
    await second.waitFor();
    await page.click('[data-use-recovery]');
    expect(await second.getAttribute('data-signin-step')).toBe('recovery');
    await second.locator('input[name=recovery-code]').fill(shown[0]!);
    await second.locator('button[type=submit]').click();
    await page.locator('.console[data-phase=ready] [data-panel=screens]').waitFor({ timeout: 10_000 });
    await signOut(page);
    await submitSignIn(page, 'op1', staff.passwords.op1);
    await second.waitFor();
    await page.click('[data-use-recovery]');
    await second.locator('input[name=recovery-code]').fill(shown[0]!);
    await second.locator('button[type=submit]').click();
    await textOf(page, '[data-signin-error]', '验证码错误');
    expect(await page.locator('.console').getAttribute('data-phase')).toBe('secondFactor');
    // Another unused code still works.
    await second.locator('input[name=recovery-code]').fill(shown[1]!);
    await second.locator('button[type=submit]').click();
    await page.locator('.console[data-phase=ready]').waitFor({ timeout: 10_000 });
    const list = await api(srv.url, 'GET', '/api/console/users', staff.cookies.sysadm);
    expect((list.body.users as Array<{ name: string; recoveryCodesLeft: number }>).find((u) => u.name === 'op1')?.recoveryCodesLeft).toBe(8);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('shows the auditor only the audit trail: it filters, verifies the chain and exports CSV with a header row', async () => {
    const { page, errors, close } = await openConsoleAs(browser, srv.url, staff.cookies.aud1, FULL_HD.width, FULL_HD.height);
    expect(await page.locator('[data-tab]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tab')))).toEqual(['audit']);
    expect(await page.locator('[data-panel=screens], [data-panel=alarms], [data-conn]').count()).toBe(0);
    const panel = page.locator('[data-panel=audit]');
    await panel.locator('[data-audit]').first().waitFor({ timeout: 10_000 });
    // setUpConsole's own steps are on the trail: the bootstrap of the security admin, the roles.
    await panel.locator('[data-audit="user.role"]').first().waitFor();

    await panel.locator('[data-audit-verify]').click();
    const verdict = panel.locator('[data-audit-verify-result]');
    await verdict.waitFor({ timeout: 15_000 });
    expect(await verdict.getAttribute('data-ok')).toBe('true');
    await textOf(page, '[data-audit-verify-result]', '完整');
    await page.screenshot({ path: path.join(SHOTS, 'console-audit.png') });

    // Filter by actor and outcome: only those rows, and the CSV link carries the same filter.
    await panel.locator('input[name=audit-actor]').fill('secadm');
    await panel.locator('[data-audit-search]').click();
    await expect.poll(async () => new Set(await panel.locator('[data-audit] td:nth-child(3)').allInnerTexts()), { timeout: 5_000 }).toEqual(new Set(['secadm']));
    expect(await panel.locator('[data-audit-csv]').getAttribute('href')).toBe('/api/audit.csv?actor=secadm');

    const [download] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-audit-csv]').click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    expect(header).toBe('id,time,actor,kind,address,action,target,outcome,screens,detail,hash');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l.split(',')[2]).toBe('secadm');
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('gives a viewer the console to watch and no control at all', async () => {
    const { page, errors, close } = await openConsoleAs(browser, srv.url, staff.cookies.view1, 1600, 1000, '?lang=en');
    await page.locator('[data-panel=screens]').waitFor({ timeout: 15_000 });
    await textOf(page, 'main', 'Read-only account');
    await textOf(page, '[data-account] [data-role]', 'Viewer');
    expect(await page.locator('[data-tab]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tab')))).toEqual(['control', 'alarms']);
    const controls = '[data-scene-apply], [data-tour-start], [data-tour-pause], [data-notice-send], [data-notice-clear], [data-replay-start], [data-approve], [data-configure], [data-revoke], [data-link-create], [data-select-all]';
    expect(await page.locator(controls).count()).toBe(0);
    await page.locator('[data-panel=tour]').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'console-viewer-en.png'), fullPage: true });
    await page.click('[data-tab=alarms]');
    await page.locator('[data-panel=alarms]').waitFor();
    expect(await page.locator('[data-ack]').count()).toBe(0);
    // No control over one's own role either: the account menu has none.
    await page.click('[data-account]');
    await page.locator('[data-account-menu]').waitFor();
    expect(await page.locator('[data-account-menu] select, [data-account-menu] [data-role-select]').count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('splits account work: sysadm creates and resets, secadm assigns roles and ends sessions, nobody touches their own row', async () => {
    const sys = await openConsoleAs(browser, srv.url, staff.cookies.sysadm, FULL_HD.width, FULL_HD.height);
    await sys.page.click('[data-tab=users]');
    const panel = sys.page.locator('[data-panel=users][data-mode=accounts]');
    await panel.locator('[data-user="secadm"]').waitFor({ timeout: 10_000 });
    // The one-time password is checked against the policy before it is sent.
    await panel.locator('input[name=new-name]').fill('duty.2');
    await panel.locator('input[name=new-password]').fill('weakpassword');
    await panel.locator('[data-user-create] button[type=submit]').click();
    await textOf(sys.page, '[data-user-create] .error', '至少 3 类');
    await panel.locator('input[name=new-password]').fill('Duty-first-pw-2');
    await panel.locator('[data-user-create] button[type=submit]').click();
    await toast(sys.page, 'ok', '已创建用户 duty.2');
    await textOf(sys.page, '[data-user="duty.2"]', '待改密码');
    await textOf(sys.page, '[data-user="duty.2"]', '只读');
    // No role control for the system admin (a security admin exists), and none on its own row.
    expect(await panel.locator('[data-role-select], [data-bootstrap-secadmin]').count()).toBe(0);
    expect(await panel.locator('[data-user="sysadm"] button').count()).toBe(0);
    await sys.page.screenshot({ path: path.join(SHOTS, 'console-users.png') });

    const dutyCookie = (await api(srv.url, 'POST', '/api/console/login', '', { name: 'duty.2', password: 'Duty-first-pw-2' })).headers.get('set-cookie')!.split(';')[0]!;
    await api(srv.url, 'POST', '/api/console/password', dutyCookie, { current: 'Duty-first-pw-2', next: 'Duty-own-pass-22' });

    const sec = await openConsoleAs(browser, srv.url, staff.cookies.secadm, FULL_HD.width, FULL_HD.height);
    expect(await sec.page.locator('[data-tab]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tab')))).toEqual(['control', 'alarms', 'users', 'sessions', 'policy']);
    await sec.page.click('[data-tab=users]');
    const roles = sec.page.locator('[data-panel=users][data-mode=roles]');
    await roles.locator('[data-user="duty.2"] select[name=user-role]').waitFor({ timeout: 10_000 });
    expect(await roles.locator('[data-user="secadm"] select').count()).toBe(0);
    expect(await roles.locator('[data-user="secadm"] button').count()).toBe(0);
    await roles.locator('[data-user="duty.2"] select[name=user-role]').selectOption('operator');
    await toast(sec.page, 'ok', 'duty.2 的角色已改为操作员');
    await textOf(sec.page, '[data-user="duty.2"]', '操作员');
    expect(await roles.locator('[data-user="op1"] [data-totp-reset]').count()).toBe(1);
    await sec.page.screenshot({ path: path.join(SHOTS, 'console-users-roles.png') });

    // Sessions: duty.2 signs in again (its role change ended the old one) and the security admin ends it.
    const duty = await openConsole(browser, srv.url);
    await signIn(duty.page, 'duty.2', 'Duty-own-pass-22');
    await duty.page.locator('[data-scene-apply]').waitFor();
    await sec.page.click('[data-tab=sessions]');
    const row = sec.page.locator('[data-panel=sessions] [data-session-user="duty.2"]').first();
    await row.waitFor({ timeout: 10_000 });
    await textOf(sec.page, '[data-panel=sessions] tr:has(.tag)', 'secadm');
    await row.locator('[data-session-end]').click();
    await sec.page.screenshot({ path: path.join(SHOTS, 'console-sessions.png') });
    await sec.page.click('[data-session-end-confirm]');
    await toast(sec.page, 'ok', '已结束 duty.2 的会话');
    await textOf(duty.page, '[data-signin-error]', '安全管理员结束了此会话', 10_000);

    // Policy: within the floors only, each shown beside its field.
    await sec.page.click('[data-tab=policy]');
    const policy = sec.page.locator('[data-policy-form]');
    await policy.waitFor();
    await textOf(sec.page, '[data-panel=policy]', '1–30');
    await policy.locator('input[name=policy-idleMinutes]').fill('45');
    await policy.locator('[data-policy-save]').click();
    await textOf(sec.page, '[data-policy-error]', '空闲超时（分钟）须为 1–30 之间的整数');
    await sec.page.screenshot({ path: path.join(SHOTS, 'console-policy.png') });
    await policy.locator('input[name=policy-idleMinutes]').fill('20');
    await policy.locator('[data-policy-save]').click();
    await toast(sec.page, 'ok', '身份策略已保存');
    expect(((await api(srv.url, 'GET', '/api/console/policy', staff.cookies.op1)).body.policy as { idleMinutes: number }).idleMinutes).toBe(20);

    expect(unexpected([...sys.errors, ...sec.errors, ...duty.errors])).toEqual([]);
    for (const p of [sys, sec, duty]) await p.close();
  });
});
