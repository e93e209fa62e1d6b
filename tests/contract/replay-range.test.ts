import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBDISTRICTS } from '@futian/shared';
import { post, startServer, type TestServer } from '../support/server.js';

const SD = SUBDISTRICTS[0]!.adcode;
const devices = Array.from({ length: 5 }, (_, i) => ({ deviceId: `RR-POLE-${i}`, kind: 'pole', subdistrict: SD }));

/**
 * Issue #41: the console's "最近 30 分钟" preset reached back before any stored
 * data and replayed empty cells (a red 0.00 %). The server refuses such a range
 * and publishes the replayable one.
 */
describe('replay range is the stored data', () => {
  let srv: TestServer;
  const t0 = Date.now() - 120_000;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(async () => srv.close());

  it('has no range and refuses any replay while nothing is stored', async () => {
    expect(await srv.app.replays.refreshRange()).toBeNull();
    await expect(srv.app.replays.start({ from: t0, to: t0 + 60_000, speed: 10 })).rejects.toThrow('no stored data to replay yet');
  });

  it('refuses a start before the oldest stored report, names it, and allows one inside the range', async () => {
    await post(`${srv.url}/api/v1/devices`, { devices }, srv.token);
    const at = (ts: number) => devices.map((d) => ({ ...d, ts, status: 'online', sensorsOnline: 6 }));
    expect((await post(`${srv.url}/api/v1/ingest`, { reports: at(t0) }, srv.token)).status).toBe(202);
    expect((await post(`${srv.url}/api/v1/ingest`, { reports: at(t0 + 30_000) }, srv.token)).status).toBe(202);
    const range = await srv.app.replays.refreshRange();
    expect(range?.from).toBe(t0);
    expect(srv.app.replays.range()?.from).toBe(t0);
    // "最近 30 分钟" on a server with two minutes of data.
    await expect(srv.app.replays.start({ from: Date.now() - 30 * 60_000, to: Date.now() - 1000, speed: 60 })).rejects.toThrow(
      `from is before the earliest stored data (${new Date(t0).toISOString()})`,
    );
    const meta = await srv.app.replays.start({ from: t0, to: t0 + 60_000, speed: 60 });
    expect(meta.state).toBe('running');
    srv.app.replays.stop(meta.id);
  });
});
