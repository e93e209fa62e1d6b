import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBDISTRICTS } from '@futian/shared';
import { post, startServer, TEST_STORE, until, WallClient, type TestServer } from '../support/server.js';

const N = 200;
const sd = (i: number) => SUBDISTRICTS[i % SUBDISTRICTS.length]!.adcode;

describe('wall contract: snapshot, gapless deltas, resync', () => {
  let srv: TestServer;
  const clients: WallClient[] = [];
  let timer: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    srv = await startServer();
    const devices = Array.from({ length: N }, (_, i) => ({
      deviceId: `PILE-T-${i}`,
      kind: 'pile',
      subdistrict: sd(i),
      siteId: `SITE-T-${Math.floor(i / 10)}`,
      fast: i % 10 === 0,
    }));
    const reg = await post(`${srv.url}/api/v1/devices`, { devices }, srv.token);
    expect(reg.status).toBe(200);
    expect(reg.json.added).toBe(N);
    // A steady trickle of reports, as a feed would send.
    let round = 0;
    timer = setInterval(() => {
      round++;
      const reports = Array.from({ length: 20 }, (_, j) => {
        const i = (round * 20 + j) % N;
        return { deviceId: `PILE-T-${i}`, kind: 'pile', ts: Date.now(), status: (i + round) % 17 === 0 ? 'fault' : 'online', busy: (i + round) % 3 === 0, powerKw: 7 };
      });
      void post(`${srv.url}/api/v1/ingest`, { reports }, srv.token);
    }, 30);
  });

  afterAll(async () => {
    clearInterval(timer);
    for (const c of clients) c.close();
    await srv.close();
  });

  it('sends a snapshot on connect, then deltas whose seq rises by exactly one', async () => {
    const c = new WallClient(srv.url);
    clients.push(c);
    await c.connected();
    expect(c.snapshots).toBe(1);
    const first = c.snapshotSeq;
    await until(() => c.applied >= 20, 10_000, '20 deltas');
    expect(c.gaps).toBe(0);
    expect(c.seqs[0]).toBe(first + 1);
    for (let i = 1; i < c.seqs.length; i++) expect(c.seqs[i]).toBe(c.seqs[i - 1]! + 1);
    expect(c.state!.infra.pile.district!.total).toBe(N);
    expect(c.state!.infra.pile.district!.online).toBeGreaterThan(0);
  });

  it('several clients converge on the server snapshot by applying deltas', async () => {
    const many = Array.from({ length: 5 }, () => new WallClient(srv.url));
    clients.push(...many);
    await Promise.all(many.map((c) => c.connected()));
    await until(() => many.every((c) => c.applied >= 10), 10_000, 'deltas at every client');
    clearInterval(timer);
    timer = undefined;
    // Let the publisher drain, then every client equals the REST snapshot at the same seq.
    await new Promise((r) => setTimeout(r, 400));
    const res = await fetch(`${srv.url}/api/v1/snapshot`);
    const server = (await res.json()) as { seq: number };
    for (const c of many) {
      expect(c.state!.seq).toBe(server.seq);
      expect(JSON.parse(JSON.stringify(c.state))).toEqual(server);
    }
  });

  it('a lost delta is detected as a gap and repaired by an acknowledged resync', async () => {
    const c = new WallClient(srv.url);
    clients.push(c);
    await c.connected();
    // Something must change for deltas to flow.
    const kick = setInterval(() => {
      void post(`${srv.url}/api/v1/ingest`, { reports: [{ deviceId: `PILE-T-${Math.floor(Math.random() * N)}`, kind: 'pile', ts: Date.now(), status: 'online', busy: Math.random() < 0.5 }] }, srv.token);
    }, 60);
    try {
      await until(() => c.applied >= 2, 10_000, 'two deltas');
      c.dropNext = 1;
      await until(() => c.resyncs === 1, 10_000, 'resync');
      expect(c.gaps).toBe(1);
      const afterResync = c.state!.seq;
      await until(() => c.state!.seq >= afterResync + 3, 10_000, 'deltas after resync');
      expect(c.gaps).toBe(1);
    } finally {
      clearInterval(kick);
    }
  });
});

describe('ingest contract: auth and malformed bodies', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(async () => srv.close());

  it('refuses a missing token with 401 and a JSON reason', async () => {
    const r = await post(`${srv.url}/api/v1/ingest`, { reports: [] });
    expect(r.status).toBe(401);
    expect(r.json.error).toMatch(/token/);
  });

  it('refuses a wrong token with 401', async () => {
    const r = await post(`${srv.url}/api/v1/ingest`, { reports: [] }, 'not-the-token-0000000000');
    expect(r.status).toBe(401);
  });

  it('refuses malformed JSON with 400 and a JSON reason', async () => {
    const r = await post(`${srv.url}/api/v1/ingest`, '{"reports": [', srv.token, true);
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('malformed JSON body');
  });

  it('refuses a body without reports with 400', async () => {
    const r = await post(`${srv.url}/api/v1/ingest`, { items: [] }, srv.token);
    expect(r.status).toBe(400);
    expect(String(r.json.error)).toContain('reports');
  });

  it('keeps valid reports and rejects unknown devices item by item', async () => {
    await post(`${srv.url}/api/v1/devices`, { devices: [{ deviceId: 'BS-1', kind: 'bs5g', subdistrict: '440304001' }] }, srv.token);
    const r = await post(
      `${srv.url}/api/v1/ingest`,
      { reports: [{ deviceId: 'BS-1', kind: 'bs5g', ts: Date.now(), status: 'online' }, { deviceId: 'BS-404', kind: 'bs5g', ts: Date.now(), status: 'online' }] },
      srv.token,
    );
    expect(r.status).toBe(202);
    expect(r.json.accepted).toBe(1);
    expect(r.json.rejected).toEqual([{ index: 1, code: 'unknown_device', error: 'unknown device' }]);
  });

  it('reports health per the contract', async () => {
    const h = (await (await fetch(`${srv.url}/api/health`)).json()) as Record<string, unknown>;
    expect(h).toMatchObject({ status: 'ok', store: TEST_STORE, devices: 1 });
    expect(typeof h.clients).toBe('number');
  });
});
