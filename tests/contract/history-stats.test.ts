import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@futian/server';
import { post, startServer, until, WallClient, type TestServer } from '../support/server.js';

const XMH = '440304006';
const FT = '440304004';
// A fixed hour boundary keeps minute and hour buckets predictable.
const T0 = Date.UTC(2026, 10, 20, 8, 0, 0);

describe('history: raw samples and rollups answer known inputs', () => {
  let srv: TestServer;
  const clock = new ManualClock(T0);

  beforeAll(async () => {
    // The app's own sampler runs hourly in real time, so only this test samples.
    srv = await startServer({ seriesStepMs: 3_600_000 }, { clock });
  });
  afterAll(async () => srv.close());

  it('records utilisation per sub-district and answers raw, 1m and 1h tiers', async () => {
    const devices = Array.from({ length: 10 }, (_, i) => ({ deviceId: `P-${i}`, kind: 'pile', subdistrict: i < 5 ? XMH : FT, siteId: 'S' }));
    await post(`${srv.url}/api/v1/devices`, { devices }, srv.token);
    // Busy counts per 10-second sample across minute 0; all 10 piles online.
    const busyPerSample = [4, 8, 6, 2, 4, 6];
    const live = srv.app.live;
    for (const [k, busy] of busyPerSample.entries()) {
      const ts = T0 + k * 10_000;
      for (let i = 0; i < 10; i++) {
        live.observe(srv.app.registry.get(`P-${i}`)!, { status: 'online', busy: i < busy, powerKw: i < busy ? 10 : 0 }, ts, ts, true);
      }
      live.sample(ts);
    }
    // First sample of minute 1 closes minute 0.
    live.sample(T0 + 60_000);
    const q = async (params: string) => {
      const res = await fetch(`${srv.url}/api/v1/history?${params}`);
      expect(res.status).toBe(200);
      return (await res.json()) as { tier: string; points: Array<{ ts: number; avg: number; min: number; max: number; last: number; n: number }>; area?: { basis: string } };
    };
    clock.set(T0 + 65_000);
    const raw = await q(`metric=pile.utilisation&from=${T0}&to=${T0 + 60_000}&step=10s`);
    expect(raw.tier).toBe('raw');
    expect(raw.points.map((p) => [p.ts - T0, p.avg])).toEqual([
      [0, 40],
      [10_000, 80],
      [20_000, 60],
      [30_000, 20],
      [40_000, 40],
      [50_000, 60],
    ]);
    const m1 = await q(`metric=pile.utilisation&from=${T0}&to=${T0 + 60_000}&step=1m`);
    expect(m1.tier).toBe('1m');
    expect(m1.points).toEqual([{ ts: T0, avg: 50, min: 20, max: 80, last: 60, n: 6 }]);
    // Sub-district scope: 香蜜湖 holds piles 0–4, so its busy count is min(busy, 5).
    const xmh = await q(`metric=pile.utilisation&subdistrict=${XMH}&from=${T0}&to=${T0 + 60_000}&step=10s`);
    expect(xmh.points.map((p) => p.avg)).toEqual([80, 100, 100, 40, 80, 100]);
    // Three days later the raw tier has expired from the answer's point of view: 1m rollups answer.
    clock.set(T0 + 3 * 86_400_000);
    const old = await q(`metric=pile.utilisation&from=${T0}&to=${T0 + 60_000}&step=10s`);
    expect(old.tier).toBe('1m');
    const hour = await q(`metric=pile.utilisation&from=${T0}&to=${T0 + 3_600_000}&step=1h`);
    expect(hour.tier).toBe('1h');
    expect(hour.points[0]).toMatchObject({ ts: T0, min: 20, max: 80 });
    const density = await q(`metric=pile.density&subdistrict=${XMH}&from=${T0}&to=${T0 + 60_000}&step=1m`);
    expect(density.area).toEqual({ km2: 9.62, basis: 'polygon' });
  });

  it('rejects bad history queries with 400 and a reason', async () => {
    for (const qs of ['metric=nope', 'metric=pile.utilisation&subdistrict=123', 'metric=pile.utilisation&from=10&to=5', 'metric=pile.utilisation&step=abc', 'metric=pile.utilisation&from=0&to=999999999999&step=1s']) {
      const res = await fetch(`${srv.url}/api/v1/history?${qs}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error.length).toBeGreaterThan(3);
    }
  });
});

describe('statistics: revisions replace the current value and keep history', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(async () => srv.close());

  it('seeds documented figures with their source', async () => {
    const res = await fetch(`${srv.url}/api/v1/stats?indicator=de.core.valueAdded&period=2021`);
    const { values } = (await res.json()) as { values: Array<{ value: number; source: string; revision: number; simulated: boolean }> };
    expect(values).toHaveLength(1);
    expect(values[0]).toMatchObject({ value: 624.92, source: 'F', revision: 1, simulated: false });
  });

  it('a revision becomes current, reaches walls as a delta, and both revisions stay queryable', async () => {
    const wall = new WallClient(srv.url);
    await wall.connected();
    const same = await post(`${srv.url}/api/v1/stats`, { figures: [{ indicator: 'de.core.valueAdded', period: '2021', value: 624.92 }] }, srv.token);
    expect(same.json).toMatchObject({ accepted: 0, unchanged: 1 });
    const rev = await post(`${srv.url}/api/v1/stats`, { figures: [{ indicator: 'de.core.valueAdded', period: '2021', value: 631.05, note: '应统尽统补录' }] }, srv.token);
    expect(rev.status).toBe(202);
    expect(rev.json).toMatchObject({ accepted: 1, unchanged: 0, rejected: [] });
    await until(() => wall.state?.stats['de.core.valueAdded|2021||||']?.revision === 2, 5000, 'revision delta');
    expect(wall.state!.stats['de.core.valueAdded|2021||||']).toMatchObject({ value: 631.05, source: 'mock-feeds', simulated: true });
    const hist = (await (await fetch(`${srv.url}/api/v1/stats/revisions?indicator=de.core.valueAdded&period=2021`)).json()) as {
      revisions: Array<{ value: number; revision: number; source: string }>;
    };
    expect(hist.revisions.map((r) => [r.revision, r.value, r.source])).toEqual([
      [1, 624.92, 'F'],
      [2, 631.05, 'mock-feeds'],
    ]);
    wall.close();
  });

  it('keys figures by sub-district, sector and category, and rejects bad ones per item', async () => {
    const r = await post(
      `${srv.url}/api/v1/stats`,
      {
        figures: [
          { indicator: 'de.core.valueAdded.q', period: '2021Q3', subdistrict: XMH, value: 12.5 },
          { indicator: 'de.core.valueAdded', period: '2021', sector: 'fintech', value: 99 },
          { indicator: 'de.core.valueAdded.q', period: '2021', value: 1 },
          { indicator: 'de.core.valueAdded', period: '2021', sector: 'mining', value: 1 },
          { indicator: 'infra.pile.onlineRate', period: '2021', value: 1 },
          { indicator: 'no.such', period: '2021', value: 1 },
          { indicator: 'de.core.valueAdded', period: '2021', value: 'big' },
        ],
      },
      srv.token,
    );
    expect(r.json.accepted).toBe(2);
    expect((r.json.rejected as Array<{ index: number }>).map((x) => x.index)).toEqual([2, 3, 4, 5, 6]);
    const q = (await (await fetch(`${srv.url}/api/v1/stats?indicator=de.core.valueAdded.q&subdistrict=${XMH}`)).json()) as { values: unknown[] };
    expect(q.values).toHaveLength(1);
  });

  it('refuses stats without a token', async () => {
    expect((await post(`${srv.url}/api/v1/stats`, { figures: [] })).status).toBe(401);
  });
});
