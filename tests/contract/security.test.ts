import { io as ioc } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_NAMESPACE, WALL_NAMESPACE } from '@futian/shared';
import { testConfig } from '@futian/server';
import { setUpConsole } from '../support/accounts.js';
import { enrollScreen } from '../support/screens.js';
import { startServer, type TestServer } from '../support/server.js';

/**
 * Who may read, and what a browser is told, with open view off (the production
 * setting): each read endpoint answered anyone before, and the pages carried no
 * CSP, framing or sniffing protection.
 */
const READ_TOKEN = 'integrator-read-0123456789';
const METRICS_TOKEN = 'metrics-scrape-0123456789';
const READS = [
  '/api/v1/snapshot',
  '/api/v1/devices?limit=5',
  '/api/v1/history?metric=pile.utilisation',
  '/api/v1/stats',
  '/api/v1/stats/revisions?indicator=de.core.valueAdded&period=2021',
  '/api/v1/geo/subdistricts',
  '/api/v1/geo/parks',
  '/api/v1/industry',
  '/api/v1/replays',
];

describe('security with open view off', () => {
  let srv: TestServer;
  /** A viewer's session: the least a console user can be, and enough to read. */
  let cookie: string;
  /** The system administrator's session: creates accounts. */
  let sysadm: string;

  beforeAll(async () => {
    srv = await startServer({
      openView: false,
      sources: [...testConfig().sources, { name: 'bi', token: READ_TOKEN, simulated: false, scopes: ['read'] }],
      metricsToken: METRICS_TOKEN,
    });
    const { cookies } = await setUpConsole(srv.url);
    cookie = cookies.view1;
    sysadm = cookies.sysadm;
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('every read endpoint refuses an anonymous caller with a JSON reason', async () => {
    for (const p of READS) {
      const r = await fetch(`${srv.url}${p}`);
      expect(r.status, p).toBe(401);
      expect(await r.json(), p).toEqual({ error: 'a screen credential, a console session or a read token is required' });
    }
  });

  it('answers a screen credential, a read token and a console session', async () => {
    const credential = await enrollScreen(srv.app, 'sec-wall');
    for (const p of READS) {
      const callers: Array<Record<string, string>> = [{ authorization: `Screen ${credential}` }, { authorization: `Bearer ${READ_TOKEN}` }, { cookie }];
      for (const headers of callers) {
        const r = await fetch(`${srv.url}${p}`, { headers });
        expect(r.status, `${p} ${Object.keys(headers)[0]}`).toBe(200);
      }
    }
    // An ingest token is not a read token (403: known, but not for this), and a made-up credential is not a screen.
    expect((await fetch(`${srv.url}/api/v1/snapshot`, { headers: { authorization: `Bearer ${srv.token}` } })).status).toBe(403);
    expect((await fetch(`${srv.url}/api/v1/snapshot`, { headers: { authorization: `Screen ${'y'.repeat(43)}` } })).status).toBe(401);
  });

  it('an unenrolled page gets no data on /wall: no snapshot, no resync, only pairing', async () => {
    const s = ioc(`${srv.url}${WALL_NAMESPACE}`, { transports: ['websocket'], forceNew: true, reconnection: false });
    let snapshots = 0;
    s.on('wall:snapshot', () => snapshots++);
    await new Promise<void>((resolve, reject) => (s.once('connect', () => resolve()), s.once('connect_error', reject)));
    expect(await s.emitWithAck('wall:resync', { lastSeq: -1 })).toEqual({ ok: false, error: 'this page is not an enrolled screen' });
    const offer = await s.emitWithAck('screen:pair', { layout: '1080p' });
    expect(offer).toMatchObject({ ok: true, data: { openView: false } });
    await new Promise((r) => setTimeout(r, 300));
    expect(snapshots).toBe(0);
    s.close();
  });

  it('/metrics takes its own token', async () => {
    expect((await fetch(`${srv.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${srv.url}/metrics`, { headers: { authorization: `Bearer ${READ_TOKEN}` } })).status).toBe(401);
    const ok = await fetch(`${srv.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('wall_deltas_total');
  });

  it('pages and APIs carry a CSP with no inline script and no framing, nosniff and a referrer policy', async () => {
    for (const p of ['/wall', '/console', '/api/health']) {
      const r = await fetch(`${srv.url}${p}`);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, p).toContain("script-src 'self'");
      expect(csp, p).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp, p).toContain("frame-ancestors 'none'");
      expect(csp, p).toContain("object-src 'none'");
      expect(r.headers.get('x-content-type-options'), p).toBe('nosniff');
      expect(r.headers.get('referrer-policy'), p).toBe('no-referrer');
    }
  });

  it('console answers are never cached', async () => {
    const r = await fetch(`${srv.url}/api/console/me`, { headers: { cookie } });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${srv.url}/api/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).headers.get('cache-control')).toBe('no-store');
  });

  it('refuses the console socket from a foreign Origin, even with a valid cookie', async () => {
    const foreign = ioc(`${srv.url}${CONSOLE_NAMESPACE}`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie, origin: 'http://evil.example' } });
    const err = await new Promise<Error>((resolve) => foreign.once('connect_error', resolve));
    expect(err.message).toBe('cross-site connection refused');
    foreign.close();
    const own = ioc(`${srv.url}${CONSOLE_NAMESPACE}`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie, origin: srv.url } });
    await new Promise<void>((resolve, reject) => (own.once('console:state', () => resolve()), own.once('connect_error', reject)));
    own.close();
  });

  it('refuses state-changing console HTTP from a foreign Origin, even with a valid cookie', async () => {
    const create = (origin: string) =>
      fetch(`${srv.url}/api/console/users`, {
        method: 'POST',
        headers: { cookie: sysadm, origin, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `csrf-${origin.length}`, password: 'Another-pass-1234' }),
      });
    const bad = await create('http://evil.example');
    expect(bad.status).toBe(403);
    expect(await bad.json()).toEqual({ error: 'cross-site request refused: Origin is not this console' });
    expect((await srv.store.accounts.listUsers()).some((u) => u.name.startsWith('csrf-'))).toBe(false);
    expect((await create(srv.url)).status).toBe(201);
  });
});
