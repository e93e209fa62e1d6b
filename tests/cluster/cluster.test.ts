import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WallClient, until, post } from '../support/server.js';
import { setUpConsole } from '../support/accounts.js';
import { consoleSocket, latestState, WallScreen } from '../support/console.js';
import { enrollScreen } from '../support/screens.js';
import { clusterScratch, ingest, owns, pileDevices, piles, startInProcessNode, TOKEN } from './support.js';

const N = 40;

/**
 * Two nodes in this process against the machine's PostgreSQL and Redis (a
 * database and a key prefix of this file's own): what one node takes in or is
 * told, walls and screens on the other show.
 */
describe('cluster: two nodes, one live room', () => {
  let scratch: Awaited<ReturnType<typeof clusterScratch>>;
  let a: Awaited<ReturnType<typeof startInProcessNode>>;
  let b: Awaited<ReturnType<typeof startInProcessNode>>;
  let cookies: Awaited<ReturnType<typeof setUpConsole>>['cookies'];

  beforeAll(async () => {
    scratch = await clusterScratch('pair');
    a = await startInProcessNode('node-a', scratch);
    await until(() => a.app.rooms.drives('live'), 5_000, 'node A to take the live room');
    b = await startInProcessNode('node-b', scratch);
    // The staff are made on node A, through its console REST.
    ({ cookies } = await setUpConsole(a.url));
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
    await scratch?.drop();
  });

  it('drives the live room on one node only, and says so in /api/health', async () => {
    expect(await owns(a.url)).toBe(true);
    expect(await owns(b.url)).toBe(false);
    const h = (await (await fetch(`${b.url}/api/health`)).json()) as Record<string, unknown>;
    expect(h).toMatchObject({ status: 'ok', store: 'postgres', cluster: { node: 'node-b', ownedRooms: [], redis: 'ready' } });
  });

  it('a report ingested on node A reaches a wall on node B as a delta', async () => {
    const reg = await post(`${a.url}/api/v1/devices`, { devices: pileDevices(N, 'P') }, TOKEN);
    expect(reg.status).toBe(200);
    const wall = new WallClient(b.url);
    try {
      await wall.connected();
      const before = wall.applied;
      const r = await ingest(
        a.url,
        Array.from({ length: N }, (_, i) => ({ deviceId: `PILE-P-${i}`, kind: 'pile', ts: Date.now(), status: i < 5 ? 'fault' : 'online', busy: i % 2 === 0 })),
      );
      expect(r).toMatchObject({ status: 202, accepted: N });
      await until(() => piles(wall).online === N - 5, 5_000, 'the wall on B to show the reports taken on A');
      expect(wall.applied).toBeGreaterThan(before);
      // The same seq line the owner publishes, without gaps.
      expect(wall.gaps).toBe(0);
      const seqs = wall.seqs;
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1]! + 1);
    } finally {
      wall.close();
    }
  });

  it('a console on node A drives a screen connected to node B within 1 s', async () => {
    const credential = await enrollScreen(b.app, 'wall-b1');
    const screen = new WallScreen(b.url, 'wall-b1', credential);
    const c = consoleSocket(a.url, cookies.op1);
    try {
      await until(() => screen.controls.length > 0, 5_000, 'the screen on B to get its first orders');
      await latestState(c).ready;
      const sent = Date.now();
      const ack = await c.emitWithAck('scene:set', { screens: 'all', scene: { module: 'map' } });
      expect(ack).toMatchObject({ ok: true });
      await until(() => screen.last?.scene?.module === 'map', 1_000, 'the scene on the screen on B');
      expect(Date.now() - sent).toBeLessThan(1_000);
      const n0 = Date.now();
      const ack2 = await c.emitWithAck('notice:send', { text: { zh: '集群测试', en: 'cluster test' }, level: 'info', ttlS: 60, screens: 'all' });
      expect(ack2.ok).toBe(true);
      await until(() => screen.last?.notice?.text.en === 'cluster test', 1_000, 'the notice on the screen on B');
      expect(Date.now() - n0).toBeLessThan(1_000);
    } finally {
      c.close();
      screen.close();
    }
  });

  it('a screen enrolled on node B is an enrolled screen on node A too, and revoking it on A drops its socket on B', async () => {
    const credential = await enrollScreen(b.app, 'wall-b2');
    // A wall PC that reconnects through the load balancer may land on the other node.
    const onA = new WallScreen(a.url, 'wall-b2', credential);
    const onB = new WallScreen(b.url, 'wall-b2', credential);
    const admin = consoleSocket(a.url, cookies.sysadm);
    try {
      await until(() => onA.controls.length > 0, 3_000, 'orders for the screen on A');
      await until(() => onB.controls.length > 0, 3_000, 'orders for the screen on B');
      await latestState(admin).ready;
      const ack = await admin.emitWithAck('screen:revoke', { id: 'wall-b2' });
      expect(ack).toMatchObject({ ok: true });
      await until(() => !onB.socket.connected, 1_000, 'the revoked screen dropped on B');
    } finally {
      admin.close();
      onA.close();
      onB.close();
    }
  });
});
