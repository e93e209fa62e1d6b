import { io as ioc } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SCREEN_CREDENTIAL_REFUSED,
  WALL_NAMESPACE,
  type Enrolled,
  type PairingOffer,
  type ScreenConfig,
} from '@futian/shared';
import { setUpConsole } from '../support/accounts.js';
import { consoleSocket, latestState, WallScreen, type ConsoleSocket } from '../support/console.js';
import { enrollScreen } from '../support/screens.js';
import { startServer, until, type TestServer, type WallSocket } from '../support/server.js';

/**
 * Trusted screens, as someone on the control-centre LAN without credentials
 * would try them, and as the system administrator enrolls and revokes a PC.
 * Every finding of the issue has a test here that fails on the code before
 * enrollment. Screens are managed by sysadm (screens.manage); walls are driven
 * by op1 (wall.control).
 */
const LEFT: ScreenConfig = { name: '左屏', layout: '1080p', screen: 'auto', mode: 'live' };

function anonymous(url: string): WallSocket {
  return ioc(`${url}${WALL_NAMESPACE}`, { transports: ['websocket'], forceNew: true, reconnection: false });
}

function connected(s: WallSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (s.connected) return resolve();
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
}

describe('trusted screens', () => {
  let srv: TestServer;
  /** The system administrator's console: approves, configures, revokes, forgets, makes links. */
  let sys: ConsoleSocket;
  /** An operator's console: drives the walls. */
  let op: ConsoleSocket;
  let state: ReturnType<typeof latestState>;
  const sockets: Array<{ close(): void }> = [];

  beforeAll(async () => {
    srv = await startServer();
    const { cookies } = await setUpConsole(srv.url);
    sys = consoleSocket(srv.url, cookies.sysadm);
    state = latestState(sys);
    await state.ready;
    op = consoleSocket(srv.url, cookies.op1);
    await latestState(op).ready;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    sys?.close();
    op?.close();
    await srv?.close();
  });

  it('an anonymous hello claiming a screen id and demo mode is refused and starts no tour', async () => {
    const intruder = anonymous(srv.url);
    sockets.push(intruder);
    await connected(intruder);
    let controls = 0;
    intruder.on('wall:control', () => controls++);
    // Outside the type on purpose: the old hello carried an id and a mode.
    const hello = await intruder.emitWithAck('screen:hello', { id: 'wall-left', mode: 'demo', layout: '1080p', screen: 'auto' } as never);
    expect(hello.ok).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    expect(srv.app.control.tour.state).toBeNull();
    expect(controls).toBe(0);
    expect(srv.app.screens.list().map((x) => x.id)).not.toContain('wall-left');
    intruder.close();
  });

  it('an anonymous socket cannot take over an enrolled screen: its hello and state are refused, and the screen stays live', async () => {
    const left = new WallScreen(srv.url, 'left', await enrollScreen(srv.app, 'left', LEFT));
    sockets.push(left);
    await until(() => left.last !== undefined, 3000, 'the real screen has its orders');
    const intruder = anonymous(srv.url);
    sockets.push(intruder);
    await connected(intruder);
    // Outside the type on purpose: the old hello carried an id and a mode.
    const hello = await intruder.emitWithAck('screen:hello', { id: 'left', mode: 'demo', layout: '1080p', screen: 'auto' } as never);
    expect(hello).toEqual({ ok: false, error: 'this page is not an enrolled screen: pair it first' });
    intruder.emit('screen:state', { scene: 'forged scene' });
    await new Promise((r) => setTimeout(r, 300));
    expect(srv.app.control.tour.state).toBeNull();
    expect(left.last!.room).toBe('live');
    expect(left.last!.tour).toBeNull();
    const listed = srv.app.screens.info('left')!;
    expect(listed.scene).not.toBe('forged scene');
    // When the real PC goes, no one keeps it "connected".
    left.close();
    await until(() => srv.app.screens.info('left')?.connected === false, 2000, 'left disconnected');
  });

  it('a screen id is bound to its credential: a made-up or revoked credential is refused at the handshake', async () => {
    const forged = ioc(`${srv.url}${WALL_NAMESPACE}`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { credential: 'x'.repeat(43) } });
    sockets.push(forged);
    await expect(connected(forged)).rejects.toThrow(SCREEN_CREDENTIAL_REFUSED);
  });

  it('one socket cannot flood the screen list: 500 hellos and 500 pairing requests leave no screen and one code', async () => {
    const before = (await srv.store.ops.listScreens()).length;
    const flood = anonymous(srv.url);
    sockets.push(flood);
    await connected(flood);
    const acks = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        flood.timeout(5000).emitWithAck('screen:hello', { id: `fake-${i}`, layout: '1080p', screen: 'auto' } as never).catch(() => ({ ok: false as const, error: 'timeout' })),
      ),
    );
    expect(acks.filter((a) => a.ok)).toHaveLength(0);
    for (let i = 0; i < 500; i++) flood.emit('screen:pair', { layout: '1080p' }, () => undefined);
    await new Promise((r) => setTimeout(r, 500));
    // Made-up enrollment tokens are refused without a row each: one aggregate row at most.
    const auditBefore = (await srv.store.audit.query({ limit: 1000 })).length;
    const spam = anonymous(srv.url);
    sockets.push(spam);
    await connected(spam);
    await Promise.all(Array.from({ length: 30 }, (_, i) => spam.emitWithAck('screen:enroll', { token: `made-up-token-${i}-000000` })));
    await srv.app.refusals.flush(true);
    expect((await srv.store.audit.query({ limit: 1000 })).length - auditBefore).toBeLessThanOrEqual(1);
    expect((await srv.store.ops.listScreens()).length).toBe(before);
    expect(srv.app.screens.list().some((s) => s.id.startsWith('fake-'))).toBe(false);
    // One socket holds one code at a time; the rest of the burst was refused by the rate limit or replaced its code.
    expect(state.get()!.pairing.length).toBeLessThanOrEqual(1);
  });

  it('pairing: a page shows a code, the system administrator approves it with a name, and the page gets a credential that makes it that screen', async () => {
    const page = anonymous(srv.url);
    sockets.push(page);
    await connected(page);
    const enrolled = new Promise<Enrolled>((resolve) => page.once('screen:enrolled', resolve));
    const offer = await page.emitWithAck('screen:pair', { layout: '4k' });
    expect(offer.ok).toBe(true);
    const { code, expiresAt, openView } = (offer as { ok: true; data: PairingOffer }).data;
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(expiresAt).toBeGreaterThan(Date.now() + 9 * 60_000);
    expect(openView).toBe(true);
    await until(() => state.get()?.pairing.some((p) => p.code === code) ?? false, 2000, 'the code is listed in the console');
    expect(state.get()!.pairing.find((p) => p.code === code)).toMatchObject({ layout: '4k', address: expect.stringMatching(/127\.0\.0\.1/) });

    // An operator drives walls but does not enrol screens.
    expect(await op.emitWithAck('screen:approve', { code, id: 'lobby', config: LEFT })).toEqual({ ok: false, error: 'your role (operator) may not do this: screens.manage required' });
    // Typed as people type it.
    const approved = await sys.emitWithAck('screen:approve', { code: `${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`, id: 'lobby', config: { name: '大厅', layout: '4k', screen: 'map', mode: 'live' } });
    expect(approved).toMatchObject({ ok: true, data: { id: 'lobby', name: '大厅', status: 'enrolled', enrolledBy: 'sysadm' } });
    const e = await enrolled;
    expect(e.screen).toEqual({ id: 'lobby', name: '大厅', layout: '4k', screen: 'map', mode: 'live' });
    expect(e.credential.length).toBeGreaterThanOrEqual(43);
    // The code is gone once used.
    expect((await sys.emitWithAck('screen:approve', { code, config: LEFT })).ok).toBe(false);

    const lobby = new WallScreen(srv.url, 'lobby', e.credential);
    sockets.push(lobby);
    await until(() => lobby.hellos.length > 0, 3000, 'hello answered');
    expect(lobby.hellos[0]).toMatchObject({ ok: true, data: { screen: { id: 'lobby', name: '大厅' } } });
    await until(() => state.get()?.screens.find((s) => s.id === 'lobby')?.connected === true, 2000, 'listed as connected');
    // The credential is stored only as a hash.
    const row = (await srv.store.ops.listScreens()).find((s) => s.id === 'lobby')!;
    expect(row.credentialHash).not.toContain(e.credential);
    const audit = await srv.store.audit.query({ limit: 50 });
    expect(audit.find((a) => a.action === 'screen:approve' && a.outcome === 'ok')).toMatchObject({ actor: 'sysadm', actorKind: 'user', target: 'lobby', screens: ['lobby'] });
    // The operator's attempt and the reused code are audited as refusals.
    expect(audit.filter((a) => a.action === 'screen:approve' && a.outcome === 'refused').map((a) => a.actor).sort()).toEqual(['op1', 'sysadm']);
  });

  it('demo mode is what the system administrator sets, not what a page claims', async () => {
    const live = new WallScreen(srv.url, 'plain', await enrollScreen(srv.app, 'plain', { mode: 'live' }));
    sockets.push(live);
    await until(() => live.last !== undefined, 3000, 'orders');
    live.socket.emit('screen:hello', { layout: '1080p', screen: 'auto', mode: 'demo' } as never, () => undefined);
    await new Promise((r) => setTimeout(r, 300));
    expect(live.last!.tour).toBeNull();
    const cfg = await sys.emitWithAck('screen:configure', { id: 'plain', config: { name: 'plain', layout: '1080p', screen: 'auto', mode: 'demo' } });
    expect(cfg.ok).toBe(true);
    await until(() => live.last?.tour?.state.state === 'running', 2000, 'the system administrator made it a demo screen');
    await op.emitWithAck('tour:stop', {});
  });

  it('revoking drops the screen at once and its credential no longer connects; forgetting removes it; each is audited', async () => {
    const credential = await enrollScreen(srv.app, 'doomed', LEFT);
    const doomed = new WallScreen(srv.url, 'doomed', credential);
    sockets.push(doomed);
    await until(() => doomed.last !== undefined, 3000, 'orders');
    const revokedEvent = new Promise<void>((resolve) => doomed.socket.once('screen:revoked', () => resolve()));
    const dropped = new Promise<void>((resolve) => doomed.socket.once('disconnect', () => resolve()));
    // An enrolled screen cannot be forgotten before it is revoked.
    expect((await sys.emitWithAck('screen:forget', { id: 'doomed' })).ok).toBe(false);
    const t0 = Date.now();
    expect(await sys.emitWithAck('screen:revoke', { id: 'doomed' })).toEqual({ ok: true, data: null });
    await revokedEvent;
    await dropped;
    expect(Date.now() - t0).toBeLessThan(2000);
    const again = ioc(`${srv.url}${WALL_NAMESPACE}`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { credential } });
    sockets.push(again);
    await expect(connected(again)).rejects.toThrow(SCREEN_CREDENTIAL_REFUSED);
    await until(() => state.get()?.screens.find((s) => s.id === 'doomed')?.status === 'revoked', 2000, 'the console lists it revoked');
    expect(await sys.emitWithAck('screen:forget', { id: 'doomed' })).toEqual({ ok: true, data: null });
    expect((await srv.store.ops.listScreens()).some((s) => s.id === 'doomed')).toBe(false);
    const actions = (await srv.store.audit.query({ limit: 100 })).filter((a) => a.screens.includes('doomed')).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['screen:enroll', 'screen:revoke', 'screen:forget']));
  });

  it('an enrollment link enrolls one PC once, before it expires; the token is shown once and never stored', async () => {
    const mark = (await srv.store.audit.query({ limit: 1 }))[0]?.id ?? 0;
    const made = await sys.emitWithAck('enroll:create', { id: 'kiosk', config: { name: '走廊', layout: '1080p', screen: 'overview', mode: 'live' }, ttlH: 1 });
    expect(made.ok).toBe(true);
    const { token, link } = (made as { ok: true; data: { token: string; link: { id: string } } }).data;
    const stored = JSON.stringify(await srv.store.ops.listEnrollLinks(Date.now()));
    expect(stored).not.toContain(token);
    expect(JSON.stringify(await srv.store.audit.query({ limit: 20 }))).not.toContain(token);
    // Two PCs race for one link: exactly one wins.
    const a = anonymous(srv.url);
    const b = anonymous(srv.url);
    sockets.push(a, b);
    await Promise.all([connected(a), connected(b)]);
    const [ra, rb] = await Promise.all([a.emitWithAck('screen:enroll', { token }), b.emitWithAck('screen:enroll', { token })]);
    expect([ra.ok, rb.ok].filter(Boolean)).toHaveLength(1);
    const won = (ra.ok ? ra : rb) as { ok: true; data: Enrolled };
    expect(won.data.screen).toMatchObject({ id: 'kiosk', name: '走廊', screen: 'overview' });
    expect((ra.ok ? rb : ra) as { ok: false; error: string }).toEqual({ ok: false, error: 'this enrollment link is unknown, used or expired' });
    await until(() => state.get()?.enrollLinks.find((l) => l.id === link.id)?.screenId === 'kiosk', 2000, 'the console shows the link used');
    // An expired link is refused too.
    const short = await srv.app.enrollment.createLink(undefined, LEFT, 0.25, 'test');
    if (typeof short === 'string') throw new Error(short);
    await srv.exec('UPDATE enroll_links SET expires_at = ? WHERE id = ?', Date.now() - 1, short.link.id);
    expect(await b.emitWithAck('screen:enroll', { token: short.token })).toEqual({ ok: false, error: 'this enrollment link is unknown, used or expired' });
    // Refusals are audited in aggregate: one row per address and window, with a count.
    await srv.app.refusals.flush(true);
    const refusals = (await srv.store.audit.query({ limit: 100 })).filter((x) => x.id > mark && x.action === 'screen:enroll' && x.outcome === 'refused');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ address: expect.stringMatching(/127\.0\.0\.1/), detail: { count: 2, reason: 'unknown, used or expired link' } });
  });

  it('malformed and oversized events get an error ack, and nothing crashes', async () => {
    const s = anonymous(srv.url);
    sockets.push(s);
    await connected(s);
    expect(await s.emitWithAck('screen:pair', { layout: 7 } as never)).toMatchObject({ ok: false, error: expect.stringContaining('layout') });
    expect(await s.emitWithAck('screen:enroll', { token: 'short' })).toMatchObject({ ok: false, error: expect.stringContaining('token') });
    expect(await s.emitWithAck('wall:resync', { lastSeq: 'x' } as never)).toMatchObject({ ok: false, error: expect.stringContaining('lastSeq') });
    expect(await s.emitWithAck('screen:pair', { layout: 'x'.repeat(5000) })).toEqual({ ok: false, error: 'payload over 4096 bytes' });
    const big = await op.emitWithAck('notice:send', { text: { zh: '字'.repeat(200), en: 'e'.repeat(20_000) }, level: 'info', ttlS: 60, screens: 'all' });
    expect(big).toEqual({ ok: false, error: 'payload over 16384 bytes' });
    const health = await fetch(`${srv.url}/api/health`);
    expect(health.status).toBe(200);
  });
});
