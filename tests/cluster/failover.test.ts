import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, until, WallClient } from '../support/server.js';
import { runMain } from '../support/main-proc.js';
import { clusterScratch, freePort, health, ingest, owns, pileDevices, spawnNode, TEST_REDIS_URL, TOKEN, piles, type NodeProc } from './support.js';

const N = 60;

/**
 * Real node processes (server/src/main.ts), one of them killed with SIGKILL
 * while reports flow into both: the other takes the live room over within 3 s,
 * its walls carry on with their values, and every report answered 202 is in
 * the store.
 */
describe('cluster failover: kill -9 of the live room owner', () => {
  let scratch: Awaited<ReturnType<typeof clusterScratch>>;
  const nodes: NodeProc[] = [];

  beforeAll(async () => {
    scratch = await clusterScratch('failover');
    const env = { DATABASE_URL: scratch.databaseUrl, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: scratch.prefix };
    // One after the other: the first creates the schema and the first admin.
    nodes.push(await spawnNode('node-1', env));
    nodes.push(await spawnNode('node-2', env));
  });

  afterAll(async () => {
    for (const n of nodes) await n.stop();
    await scratch?.drop();
  });

  it('another node drives the live room within 3 s; its walls keep their values; accepted = persisted', async () => {
    const [first, second] = nodes as [NodeProc, NodeProc];
    let owner: NodeProc | undefined;
    const t0 = Date.now();
    while (!owner && Date.now() - t0 < 5_000) {
      for (const n of nodes) if (await owns(n.url)) owner = n;
    }
    expect(owner, 'one node drives the live room').toBeDefined();
    const survivor = owner === first ? second : first;
    expect(await owns(survivor.url)).toBe(false);

    const reg = await post(`${first.url}/api/v1/devices`, { devices: pileDevices(N, 'F') }, TOKEN);
    expect(reg.status).toBe(200);

    const wall = new WallClient(survivor.url);
    await wall.connected();

    // Reports into both nodes, as a load balancer would spread them.
    let accepted = 0;
    let answered = 0;
    let refused = 0;
    let round = 0;
    let flowing = true;
    const flow = (async () => {
      while (flowing) {
        round++;
        const target = round % 2 === 0 ? first : second;
        const reports = Array.from({ length: 10 }, (_, j) => {
          const i = (round * 10 + j) % N;
          return { deviceId: `PILE-F-${i}`, kind: 'pile', ts: Date.now(), status: 'online', busy: (i + round) % 2 === 0 };
        });
        try {
          const r = await ingest(target.url, reports);
          answered++;
          accepted += r.accepted;
        } catch {
          refused++; // the killed node: no answer, so nothing was promised
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    await until(() => piles(wall).online === N, 10_000, 'every device online on the wall');
    const snapshotsBefore = wall.snapshots;

    const killedAt = Date.now();
    await owner!.kill9();
    let tookOver = 0;
    while (!tookOver && Date.now() - killedAt < 6_000) {
      if (await owns(survivor.url)) tookOver = Date.now() - killedAt;
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(tookOver, 'takeover time in ms').toBeGreaterThan(0);
    expect(tookOver).toBeLessThan(3_000);

    // A clean resync: the new owner's snapshot (a new seq line), with the values walls had.
    await until(() => wall.snapshots > snapshotsBefore, 3_000, 'the new owner snapshot on the wall');
    expect(piles(wall).total).toBe(N);
    expect(piles(wall).online).toBe(N);
    const appliedAtResync = wall.applied;
    await until(() => wall.applied > appliedAtResync + 2, 5_000, 'deltas from the new owner');
    expect(wall.gaps).toBe(0);

    flowing = false;
    await flow;
    wall.close();
    expect(answered).toBeGreaterThan(10);
    void refused;
    // Reconciliation: every report answered 202 is stored, once.
    const stored = await scratch.reports();
    expect(stored).toBe(accepted);
    const h = await health(survivor.url);
    expect(h?.cluster?.ownedRooms).toEqual(['live']);
  });
});

describe('cluster start-up refusals, one line each', () => {
  it('REDIS_URL without DATABASE_URL stops the start', async () => {
    const run = await runMain({ REDIS_URL: TEST_REDIS_URL, WALL_DATA_DIR: '/tmp/wall-cluster-nodb' });
    expect(run.code).toBe(1);
    expect(run.listened).toBe(false);
    expect(run.lines).toEqual([expect.stringMatching(/^futian-wall: cannot start: REDIS_URL is set but DATABASE_URL is not/)]);
  });

  it('an unreachable Redis stops the start', async () => {
    const scratch = await clusterScratch('noredis');
    try {
      const port = await freePort();
      const run = await runMain({ DATABASE_URL: scratch.databaseUrl, REDIS_URL: `redis://127.0.0.1:${port}`, WALL_ADMIN_PASSWORD: 'Cluster-admin-pass-1' });
      expect(run.code).toBe(1);
      expect(run.listened).toBe(false);
      expect(run.lines).toEqual([expect.stringMatching(new RegExp(`^futian-wall: cannot start: REDIS_URL redis://127\\.0\\.0\\.1:${port}/?: cannot connect: .*ECONNREFUSED`))]);
    } finally {
      await scratch.drop();
    }
  });
});
