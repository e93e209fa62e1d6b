import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '@futian/shared';
import { api, setUpConsole, type Staff } from '../support/accounts.js';
import { consoleSocket, latestState, login, WallScreen, type ConsoleSocket } from '../support/console.js';
import { enrollScreen } from '../support/screens.js';
import { post, startServer, until, type TestServer } from '../support/server.js';

const SD = '440304009';

/** Alarm rules with short timings, so hysteresis is testable in seconds. */
const rulesFile = path.join(os.tmpdir(), `wall-alarms-${process.pid}.json`);
writeFileSync(
  rulesFile,
  JSON.stringify([
    { id: 'pole-online-low', type: 'onlineRateBelow', kind: 'pole', threshold: 95, clearAt: 96, forS: 1, clearForS: 1, severity: 'major', title: { zh: '智能杆在线率低', en: 'Pole online low' } },
  ]),
);

describe('console: sign-in, roles, control of walls, tour, notices, alarms, audit', () => {
  let srv: TestServer;
  let cookies: Record<Staff, string>;
  let passwords: Record<Staff, string>;
  let ids: Record<Staff, number>;
  let operatorCookie: string;
  let viewerCookie: string;
  const sockets: Array<{ close(): void }> = [];

  beforeAll(async () => {
    srv = await startServer({ alarmsFile: rulesFile });
    // The first-start admin renamed to sysadm; secadm, op1 (operator), view1 (viewer) and aud1
    // (auditor), each created by sysadm with a one-time password they changed at first sign-in.
    ({ cookies, passwords, ids } = await setUpConsole(srv.url));
    operatorCookie = cookies.op1;
    viewerCookie = cookies.view1;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await srv.close();
  });

  it('refuses a wrong password with a clear 401, sets an httpOnly cookie on success, and slows repeated failures', async () => {
    const bad = await login(srv.url, 'sysadm', 'wrong-password');
    expect(bad.status).toBe(401);
    expect(bad.body.error).toBe('wrong name or password');
    expect(bad.cookie).toBe('');
    const good = await login(srv.url, 'sysadm', passwords.sysadm);
    expect(good.status).toBe(200);
    expect(good.headers.get('set-cookie')).toMatch(/wall_session=.*HttpOnly.*SameSite=Strict/i);
    // Three free failures per name and address, then 429 with Retry-After (the
    // address alone has a larger budget; see docs/API.md and accounts.test.ts).
    const codes: number[] = [];
    let slowed: Awaited<ReturnType<typeof login>> | undefined;
    for (let i = 0; i < 4; i++) {
      const r = await login(srv.url, 'nobody', 'x');
      codes.push(r.status);
      if (r.status === 429) slowed = r;
    }
    expect(codes).toEqual([401, 401, 401, 429]);
    expect(slowed!.body.error).toMatch(/too many failed attempts/);
    expect(Number(slowed!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('refuses an anonymous /console socket with connect_error', async () => {
    const s = consoleSocket(srv.url);
    sockets.push(s);
    const err = await new Promise<Error>((resolve) => s.once('connect_error', resolve));
    expect(err.message).toBe('unauthorized');
    const forged = consoleSocket(srv.url, 'wall_session=forged-token');
    sockets.push(forged);
    expect((await new Promise<Error>((resolve) => forged.once('connect_error', resolve))).message).toBe('unauthorized');
  });

  it('a viewer sees state but cannot control; only administrators manage users', async () => {
    const v = consoleSocket(srv.url, viewerCookie);
    sockets.push(v);
    await latestState(v).ready;
    const res = await v.emitWithAck('scene:set', { screens: 'all', scene: { module: 'map' } });
    expect(res).toEqual({ ok: false, error: 'your role (viewer) may not do this: wall.control required' });
    const r = await fetch(`${srv.url}/api/console/users`, { headers: { cookie: operatorCookie } });
    expect(r.status).toBe(403);
    expect((await api(srv.url, 'GET', '/api/console/users', cookies.sysadm)).status).toBe(200);
  });

  let op: ConsoleSocket;
  it('an operator switches one screen and all screens; walls follow within 1 s', async () => {
    const left = new WallScreen(srv.url, 'wall-left', await enrollScreen(srv.app, 'wall-left'));
    const right = new WallScreen(srv.url, 'wall-right', await enrollScreen(srv.app, 'wall-right'));
    sockets.push(left, right);
    op = consoleSocket(srv.url, operatorCookie);
    sockets.push(op);
    const st = latestState(op);
    await st.ready;
    await until(() => (st.get()?.screens.filter((s) => s.connected).length ?? 0) >= 2, 5000, 'screens listed');
    expect(st.get()!.screens.map((s) => s.id)).toEqual(expect.arrayContaining(['wall-left', 'wall-right']));

    const sent = Date.now();
    const ack = await op.emitWithAck('scene:set', { screens: ['wall-left'], scene: { module: 'map', highlight: { type: 'subdistrict', id: '440304006' } } });
    expect(ack).toEqual({ ok: true, data: { screens: ['wall-left'] } });
    await until(() => left.last?.scene?.module === 'map', 1000, 'left wall follows');
    const took = left.controls.at(-1)!.at - sent;
    expect(took).toBeLessThan(1000);
    expect(right.last?.scene ?? null).toBeNull();

    await op.emitWithAck('scene:set', { screens: 'all', scene: { module: 'growth' } });
    await until(() => right.last?.scene?.module === 'growth' && left.last?.scene?.module === 'growth', 1000, 'all walls follow');
    // Deliberately outside the type: the server must refuse what a typed client cannot send.
    const bad = await op.emitWithAck('scene:set', { screens: 'all', scene: { module: 'nope' } as never });
    expect(bad.ok).toBe(false);
    const badLayout = await op.emitWithAck('scene:set', { screens: 'all', scene: { module: 'map', layout: 'wide' } as never });
    expect(badLayout).toMatchObject({ ok: false, error: expect.stringContaining('"single"') });
    // The module alone on the screen: passed through to every wall as it was asked.
    await op.emitWithAck('scene:set', { screens: 'all', scene: { module: 'map', layout: 'single' } });
    await until(() => right.last?.scene?.layout === 'single' && left.last?.scene?.layout === 'single', 1000, 'walls get the single layout');
  });

  it('the tour runs in server time, an operator takeover pauses it at once, and resume continues from the same scene', async () => {
    const left = new WallScreen(srv.url, 'wall-tour', await enrollScreen(srv.app, 'wall-tour'));
    sockets.push(left);
    await until(() => left.controls.length > 0, 3000, 'hello answered');
    const started = await op.emitWithAck('tour:start', { screens: ['wall-tour'] });
    expect(started.ok).toBe(true);
    await until(() => left.last?.tour?.state.state === 'running', 1000, 'tour running on wall');
    const tourCfg = left.last!.tour!.config;
    expect(tourCfg.scenes.length).toBeGreaterThan(3);
    await new Promise((r) => setTimeout(r, 300));
    // Takeover: a manual scene on a touring screen pauses the tour.
    await op.emitWithAck('scene:set', { screens: ['wall-tour'], scene: { module: 'infra' } });
    await until(() => left.last?.tour?.state.state === 'paused', 1000, 'tour paused');
    const paused = left.last!.tour!.state;
    expect(paused.pausedElapsed).toBeGreaterThanOrEqual(300);
    expect(paused.pausedBy).toBe('op1');
    await new Promise((r) => setTimeout(r, 400));
    const resumed = await op.emitWithAck('tour:resume', {});
    expect(resumed.ok).toBe(true);
    await until(() => left.last?.tour?.state.state === 'running', 1000, 'tour resumed');
    const st = left.last!.tour!.state;
    // Resumed at the same elapsed: startedAt moved forward by the pause.
    const elapsedNow = left.last!.serverTime - st.startedAt;
    expect(Math.abs(elapsedNow - paused.pausedElapsed!)).toBeLessThan(150);
    expect(left.last!.scene).toBeNull();
    await op.emitWithAck('tour:stop', {});
    await until(() => left.last?.tour === null, 1000, 'tour stopped');
  });

  it('a screen set to demo mode starts the tour on its first hello, and a tour the operator stopped stays stopped when it reconnects', async () => {
    const credential = await enrollScreen(srv.app, 'wall-demo-pc', { mode: 'demo' });
    const first = new WallScreen(srv.url, 'wall-demo-pc', credential);
    sockets.push(first);
    await until(() => first.last?.tour?.state.state === 'running', 3000, 'demo PC started the tour by itself');
    await op.emitWithAck('tour:stop', {});
    await until(() => first.last?.tour === null && first.last.room === 'live', 1000, 'tour stopped on the demo PC');
    first.close();
    // The PC reconnects (a network blip or a reboot: same credential, still a demo screen).
    const again = new WallScreen(srv.url, 'wall-demo-pc', credential);
    sockets.push(again);
    await until(() => again.controls.length > 0, 3000, 'hello answered');
    await new Promise((r) => setTimeout(r, 300));
    expect(again.controls.map((c) => c.c.tour)).toEqual(again.controls.map(() => null));
    expect(again.last!.room).toBe('live');
    // The operator starting it again still reaches the demo PC.
    await op.emitWithAck('tour:start', { screens: ['wall-demo-pc'] });
    await until(() => again.last?.tour?.state.state === 'running', 1000, 'tour restarted by the operator');
    await op.emitWithAck('tour:stop', {});
    await until(() => again.last?.tour === null, 1000, 'tour stopped');
    again.close();
  });

  it('a notice reaches walls and expires', async () => {
    const w = new WallScreen(srv.url, 'wall-notice', await enrollScreen(srv.app, 'wall-notice'));
    sockets.push(w);
    await until(() => w.controls.length > 0, 3000, 'hello answered');
    const r = await op.emitWithAck('notice:send', { text: { zh: '领导参观 14:30 开始', en: 'Visit starts 14:30' }, level: 'info', ttlS: 5, screens: 'all' });
    expect(r.ok).toBe(true);
    await until(() => w.last?.notice?.text.zh === '领导参观 14:30 开始', 1000, 'notice shown');
    expect(w.last!.notice!.expiresAt - w.last!.serverTime).toBeLessThanOrEqual(5000);
    await until(() => w.last?.notice === null, 8000, 'notice expired');
    const tooShort = await op.emitWithAck('notice:send', { text: { zh: 'x', en: 'x' }, level: 'info', ttlS: 1, screens: 'all' });
    expect(tooShort.ok).toBe(false);
  });

  it('faults injected through ingest raise an alarm on the wall; it is acknowledged from the console with an audit row', async () => {
    const devices = Array.from({ length: 20 }, (_, i) => ({ deviceId: `POLE-A-${i}`, kind: 'pole', subdistrict: SD }));
    await post(`${srv.url}/api/v1/devices`, { devices }, srv.token);
    const report = (i: number, status: string) => ({ deviceId: `POLE-A-${i}`, kind: 'pole', ts: Date.now(), status });
    await post(`${srv.url}/api/v1/ingest`, { reports: devices.map((_, i) => report(i, 'online')) }, srv.token);
    // Three of twenty down: 85 % < 95 %.
    await post(`${srv.url}/api/v1/ingest`, { reports: [0, 1, 2].map((i) => report(i, 'fault')) }, srv.token);
    const wall = new WallScreen(srv.url, 'wall-alarm', await enrollScreen(srv.app, 'wall-alarm'));
    sockets.push(wall);
    let board: { open: Array<{ id: number; subdistrict: string; state: string; ackedAt: number | null }> } | undefined;
    await until(() => {
      const snap = srv.app.live.publisher.snapshot().ext.alarms as typeof board;
      board = snap;
      return (snap?.open.length ?? 0) > 0;
    }, 6000, 'alarm raised');
    const alarm = board!.open[0]!;
    expect(alarm.subdistrict).toBe(SD);
    expect(alarm.state).toBe('active');

    const noComment = await op.emitWithAck('alarm:ack', { id: alarm.id, comment: '' });
    expect(noComment.ok).toBe(false);
    const acked = await op.emitWithAck('alarm:ack', { id: alarm.id, comment: '已派单维修 / ticket raised' });
    expect(acked).toEqual({ ok: true, data: null });
    // The board reaches the published snapshot on the next publisher tick.
    await until(() => (srv.app.live.publisher.snapshot().ext.alarms as typeof board)!.open.find((a) => a.id === alarm.id)?.ackedAt != null, 2000, 'ack on the board');

    // Recovery clears it; cleared and acknowledged, it leaves the board.
    await post(`${srv.url}/api/v1/ingest`, { reports: [0, 1, 2].map((i) => report(i, 'online')) }, srv.token);
    await until(() => !(srv.app.live.publisher.snapshot().ext.alarms as typeof board)!.open.some((a) => a.id === alarm.id), 6000, 'alarm closed');

    // Failed sign-ins are audited in aggregate; close the open windows so they are rows now.
    await srv.app.refusals.flush(true);
    // Read from SQLite, so persisted and not only in memory (the console socket has no
    // audit events any more; the auditor reads the same rows over GET /api/audit).
    const rows: AuditEntry[] = await srv.store.audit.query({ limit: 500 });
    const row = rows.find((e) => e.action === 'alarm:ack');
    expect(row).toMatchObject({ actor: 'op1', actorKind: 'user', outcome: 'ok', detail: { alarm: alarm.id, comment: '已派单维修 / ticket raised' } });
    const actions = rows.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['scene:set', 'tour:start', 'tour:resume', 'notice:send', 'login', 'user.create']));
    // The wrong password in the first test: one aggregate row with its count and reason.
    expect(rows.find((e) => e.action === 'login' && e.outcome === 'failed' && e.target === 'sysadm')).toMatchObject({
      actorKind: 'anonymous',
      address: expect.stringMatching(/127\.0\.0\.1/),
      detail: { reason: 'wrong name or password', count: 1 },
    });
  });

  it('a user who must change a one-time password cannot control walls until they do', async () => {
    // Accounts the system admin creates must change their password at first sign-in;
    // the security admin makes this one an operator.
    const r = await api(srv.url, 'POST', '/api/console/users', cookies.sysadm, { name: 'newbie', password: 'Welcome-initial-1' });
    expect(r.status).toBe(201);
    const newbieId = (r.body.user as { id: number }).id;
    expect((await api(srv.url, 'PUT', `/api/console/users/${newbieId}/role`, cookies.secadm, { role: 'operator' })).status).toBe(200);
    const signedIn = await login(srv.url, 'newbie', 'Welcome-initial-1');
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.cookie;
    const s = consoleSocket(srv.url, cookie);
    sockets.push(s);
    const st = await latestState(s).ready;
    expect(st.me.role).toBe('operator');
    expect(st.me.pending).toEqual(['password']);
    expect(await s.emitWithAck('notice:clear', {})).toEqual({ ok: false, error: 'finish setting up your account first' });
    const pw = await api(srv.url, 'POST', '/api/console/password', cookie, { current: 'Welcome-initial-1', next: 'Chosen-password-2' });
    expect(pw.status).toBe(200);
    expect(await s.emitWithAck('notice:clear', {})).toEqual({ ok: true, data: null });
  });

  it('a disabled user loses the console at once', async () => {
    const users = (await api(srv.url, 'GET', '/api/console/users', cookies.sysadm)).body as { users: Array<{ id: number; name: string }> };
    const duty = users.users.find((u) => u.name === 'op1')!;
    expect(duty.id).toBe(ids.op1);
    const r = await api(srv.url, 'PATCH', `/api/console/users/${duty.id}`, cookies.sysadm, { disabled: true });
    expect(r.status).toBe(200);
    // The server drops the disabled user's open console at once.
    await until(() => op.disconnected, 2000, 'console dropped');
  });
});
