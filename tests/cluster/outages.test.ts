import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, until, WallClient } from '../support/server.js';
import { clusterScratch, health, ingest, pgCutter, pileDevices, piles, scratchRedis, startInProcessNode, TOKEN } from './support.js';

const N = 30;
const reports = (tag: string, status: 'online' | 'fault', ts = Date.now()) =>
  Array.from({ length: N }, (_, i) => ({ deviceId: `PILE-${tag}-${i}`, kind: 'pile', ts, status, busy: false }));

/** Redis restarting under two nodes: a Redis of this test's own, killed and started again on its port. */
describe('cluster: a Redis restart', () => {
  let scratch: Awaited<ReturnType<typeof clusterScratch>>;
  let redis: Awaited<ReturnType<typeof scratchRedis>>;
  let a: Awaited<ReturnType<typeof startInProcessNode>>;
  let b: Awaited<ReturnType<typeof startInProcessNode>>;

  beforeAll(async () => {
    scratch = await clusterScratch('redis_restart');
    redis = await scratchRedis();
    a = await startInProcessNode('node-a', scratch, { redisUrl: redis.url });
    await until(() => a.app.rooms.drives('live'), 5_000, 'node A to take the live room');
    b = await startInProcessNode('node-b', scratch, { redisUrl: redis.url });
    expect((await post(`${a.url}/api/v1/devices`, { devices: pileDevices(N, 'R') }, TOKEN)).status).toBe(200);
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
    await redis?.kill();
    await scratch?.drop();
  });

  it('nodes reconnect, one drives the live room again, and walls resync and move on', async () => {
    const wall = new WallClient(b.url);
    try {
      await wall.connected();
      expect((await ingest(a.url, reports('R', 'online'))).accepted).toBe(N);
      await until(() => piles(wall).online === N, 5_000, 'reports on the wall');
      const snapshots = wall.snapshots;

      await redis.kill();
      // Reports taken while Redis is away are stored (PostgreSQL is up) and reach walls once it is back.
      const during = await ingest(b.url, reports('R', 'fault', Date.now() + 1));
      expect(during).toMatchObject({ status: 202, accepted: N });
      await new Promise((r) => setTimeout(r, 2_500));
      redis = await scratchRedis(redis.port);

      await until(() => a.app.rooms.drives('live') || b.app.rooms.drives('live'), 8_000, 'a node to drive the live room again');
      expect(a.app.rooms.drives('live') && b.app.rooms.drives('live')).toBe(false);
      await until(() => wall.snapshots > snapshots, 8_000, 'the wall to resync from the new line');
      expect(piles(wall).total).toBe(N);
      await until(() => piles(wall).online === 0, 8_000, 'the reports taken during the outage on the wall');
      const after = await ingest(a.url, reports('R', 'online', Date.now() + 2));
      expect(after.accepted).toBe(N);
      await until(() => piles(wall).online === N, 5_000, 'reports after the restart on the wall');
      expect((await health(b.url))?.cluster?.redis).toBe('ready');
    } finally {
      wall.close();
    }
  });
});

/** PostgreSQL unreachable from a node (a relay in front of it, cut): ingest says 503 and why; nothing promised is lost. */
describe('cluster: PostgreSQL unreachable', () => {
  let scratch: Awaited<ReturnType<typeof clusterScratch>>;
  let cutter: Awaited<ReturnType<typeof pgCutter>>;
  let a: Awaited<ReturnType<typeof startInProcessNode>>;

  beforeAll(async () => {
    scratch = await clusterScratch('pg_down');
    cutter = await pgCutter();
    const url = new URL(scratch.databaseUrl);
    url.port = String(cutter.port);
    a = await startInProcessNode('node-a', { ...scratch, databaseUrl: url.toString() });
    expect((await post(`${a.url}/api/v1/devices`, { devices: pileDevices(N, 'D') }, TOKEN)).status).toBe(200);
  });

  afterAll(async () => {
    await a?.close().catch(() => {});
    await cutter?.close();
    await scratch?.drop();
  });

  it('answers 503 with a JSON reason while it is away, and stores what it accepts once it is back', async () => {
    let accepted = (await ingest(a.url, reports('D', 'online'))).accepted;
    expect(accepted).toBe(N);
    cutter.cut();
    const down = await ingest(a.url, reports('D', 'fault', Date.now() + 1));
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ error: expect.stringMatching(/unavailable, retry later/) });
    await cutter.restore();
    let back = { status: 0, accepted: 0 };
    const t0 = Date.now();
    while (back.status !== 202 && Date.now() - t0 < 15_000) {
      back = await ingest(a.url, reports('D', 'fault', Date.now() + 2));
      if (back.status !== 202) await new Promise((r) => setTimeout(r, 250));
    }
    expect(back.status).toBe(202);
    accepted += back.accepted;
    expect(await scratch.reports()).toBe(accepted);
  });
});
