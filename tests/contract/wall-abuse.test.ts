import { io as ioc } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { WALL_NAMESPACE } from '@futian/shared';
import { DEFAULT_LIMITS } from '@futian/server';
import { RawWallClient } from '../support/raw-wall.js';
import { startServer, until, type TestServer, type WallSocket } from '../support/server.js';

/** What one client on the LAN can cost the wall server: every finding of the issue, tried without credentials. */
const servers: TestServer[] = [];
const closers: Array<() => void> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) c();
  for (const s of servers.splice(0)) await s.close();
});

async function serve(limits: Partial<typeof DEFAULT_LIMITS> = {}): Promise<TestServer> {
  const srv = await startServer({ limits: { ...DEFAULT_LIMITS, ...limits } });
  servers.push(srv);
  return srv;
}

function wall(url: string): WallSocket {
  const s: WallSocket = ioc(`${url}${WALL_NAMESPACE}`, { transports: ['websocket'], forceNew: true, reconnection: false });
  closers.push(() => s.close());
  return s;
}

async function metric(url: string, name: string, label: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = new RegExp(`^${name}\\{${label}\\} (\\d+)`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

describe('abuse limits on /wall', () => {
  it('answers resyncs at most once per 2 s with a snapshot; the others get an error ack', async () => {
    const srv = await serve();
    const s = wall(srv.url);
    await new Promise<void>((resolve) => s.once('wall:snapshot', () => resolve()));
    // 10 a second for 3 s: inside the event rate limit, far past the resync one.
    const acks = [];
    for (let i = 0; i < 30; i++) {
      acks.push(await s.timeout(3000).emitWithAck('wall:resync', { lastSeq: -1 }));
      await new Promise((r) => setTimeout(r, 100));
    }
    const snapshots = acks.filter((a) => a.ok).length;
    expect(snapshots).toBeGreaterThanOrEqual(1);
    expect(snapshots).toBeLessThanOrEqual(2);
    for (const a of acks.filter((x) => !x.ok)) expect(a).toMatchObject({ ok: false, error: expect.stringMatching(/^resync too soon; retry in \d+ ms$/) });
    expect(s.connected).toBe(true);
    expect(await metric(srv.url, 'wall_refused_total', 'reason="resync"')).toBeGreaterThanOrEqual(28);
  });

  it('drops a socket that bursts 1,000 resyncs, having sent it at most one snapshot', async () => {
    const srv = await serve();
    const s = wall(srv.url);
    await new Promise<void>((resolve) => s.once('wall:snapshot', () => resolve()));
    let bytes = 0;
    s.io.engine.on('packet', (p: { data?: unknown }) => {
      if (typeof p.data === 'string') bytes += p.data.length;
    });
    const acks = await Promise.all(
      Array.from({ length: 1000 }, () => s.timeout(3000).emitWithAck('wall:resync', { lastSeq: -1 }).catch(() => null)),
    );
    expect(acks.filter((a) => a?.ok).length).toBeLessThanOrEqual(1);
    expect(acks.filter((a) => a && !a.ok && a.error === 'too many requests: slow down').length).toBeGreaterThanOrEqual(100);
    // The whole burst cost less than two snapshots' worth of bytes, not a thousand.
    const snapshotBytes = JSON.stringify(srv.app.live.publisher.snapshot()).length;
    expect(bytes).toBeLessThan(2 * snapshotBytes);
    await until(() => s.disconnected, 3000, 'the abuser dropped');
    expect(await metric(srv.url, 'wall_refused_total', 'reason="rate"')).toBeGreaterThanOrEqual(100);
  });

  it('drops a client that does not read before its queue passes the cap', async () => {
    // The cap is lowered and the resync spacing removed so the queue fills in seconds, not minutes.
    const cap = 256 * 1024;
    const srv = await serve({ socketBufferBytes: cap, resyncMinIntervalMs: 0, eventsPerSecond: 10_000, eventBurst: 10_000 });
    const raw = new RawWallClient(srv.url);
    closers.push(() => raw.close());
    await raw.ready;
    raw.stopReading();
    const t0 = Date.now();
    const rss0 = process.memoryUsage().rss;
    const spam = setInterval(() => raw.resync(20), 50);
    closers.push(() => clearInterval(spam));
    // The server lets go of the socket at once; the paused client itself cannot even read the close.
    await until(() => srv.app.io.of(WALL_NAMESPACE).sockets.size === 0, 15_000, 'the non-reading client dropped');
    clearInterval(spam);
    // Well before socket.io's own ping timeout (20 s) would have noticed it.
    expect(Date.now() - t0).toBeLessThan(12_000);
    expect(await metric(srv.url, 'wall_refused_total', 'reason="buffer"')).toBe(1);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(200 * 1024 * 1024);
    const health = await fetch(`${srv.url}/api/health`);
    expect(health.status).toBe(200);
  });

  it('caps the connections one address may hold', async () => {
    const srv = await serve({ socketsPerAddress: 5 });
    const ok = Array.from({ length: 5 }, () => wall(srv.url));
    await Promise.all(ok.map((s) => new Promise<void>((resolve, reject) => (s.once('connect', () => resolve()), s.once('connect_error', reject)))));
    const sixth = wall(srv.url);
    const err = await new Promise<Error>((resolve) => sixth.once('connect_error', resolve));
    expect(err.message).toMatch(/websocket error|too many/i);
    expect(await metric(srv.url, 'wall_refused_total', 'reason="address"')).toBeGreaterThanOrEqual(1);
    // One closes, and there is room again.
    ok[0]!.close();
    await new Promise((r) => setTimeout(r, 200));
    const again = wall(srv.url);
    await new Promise<void>((resolve, reject) => (again.once('connect', () => resolve()), again.once('connect_error', reject)));
  });
});
