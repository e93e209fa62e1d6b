/**
 * `pnpm bench replay-load`: what four replays at 3,600× do to the live wall
 * (issue #41: they froze it for seconds), against the same server idle.
 *
 * The real server entry runs in its own process over an hour of stored raw
 * reports for the bench fleet (18,899 devices at their cadences, ≈ 4.5 M rows).
 * A live feed posts reports every 100 ms and a live wall socket counts the gaps
 * between its deltas. Each phase (baseline: no replay; loaded: four replays of
 * the hour at 3,600×, started as an operator over the console socket, until they
 * finish) reads the server's own event-loop delay from /metrics and times
 * `GET /api/health` from outside every 50 ms. Two runs on the same server.
 * Timing is printed, never asserted.
 */
import path from 'node:path';
import { io as ioc } from 'socket.io-client';
import { SqliteStore } from '@futian/server';
import type { RawReportRow } from '../../server/src/store/types.js';
import { KINDS, WALL_NAMESPACE, type ReplayMeta } from '@futian/shared';
import { setUpConsole } from '../support/accounts.js';
import { consoleSocket, latestState } from '../support/console.js';
import { benchFleet, fmt, percentile, sleep, table } from './common.js';
import { promValue, spawnServer } from './server-proc.js';

const fleet = benchFleet();
const NOW = Date.now();
/** The stored hour ends a minute ago, so a replay's `to` is never in the future. */
const T1 = NOW - 60_000;
const T0 = T1 - 3_700_000;
const REPLAYS = 4;
const SPEED = 3600;
const BASELINE_MS = Number(process.env.BENCH_BASELINE_MS ?? 8000);
const LOADED_CAP_MS = Number(process.env.BENCH_LOADED_CAP_MS ?? 60_000);

/** Every device reports at its cadence over [T0, T1), at a fixed phase; 1 in 97 reports is a fault. */
async function seed(dataDir: string): Promise<number> {
  const store = new SqliteStore(path.join(dataDir, 'wall.db'), { backgroundCheckpoint: false });
  const rows = await store.upsertDevices(
    fleet.map((d) => ({ deviceId: d.deviceId, kind: d.kind, subdistrict: d.subdistrict, siteId: d.siteId ?? null, fast: d.fast ?? false, lng: null, lat: null })),
  );
  const source = await store.sourceId('default');
  const byKind = rows.map((r) => ({ idx: r.idx, kind: r.kind, cadence: KINDS[r.kind].cadenceMs }));
  let n = 0;
  let batch: RawReportRow[] = [];
  // Time-major, so each batch is a contiguous slice of the hour, as ingest writes it.
  for (let t = T0; t < T1; t += 10_000) {
    for (const d of byKind) {
      if (d.cadence > 10_000 && (t - T0) % d.cadence !== 0) continue;
      const ts = t + (d.idx % 9973);
      const k = n++;
      const status = k % 97 === 0 ? 3 : 1;
      batch.push({
        ts,
        device: d.idx,
        status,
        busy: d.kind === 'pile' ? (k % 3 === 0 ? 1 : 0) : null,
        powerKw: d.kind === 'pile' ? (k % 3 === 0 ? 7.2 : 0) : null,
        sensors: d.kind === 'pole' ? 6 : null,
        source,
      });
    }
    if (batch.length >= 50_000) {
      await store.insertReports(batch);
      batch = [];
    }
  }
  if (batch.length) await store.insertReports(batch);
  await store.close();
  return n;
}

interface Phase {
  loopP99: number;
  loopMax: number;
  healthP99: number;
  healthMax: number;
  gapMax: number;
  /** The server dropped the live wall socket during the phase (a stall past socket.io's ping timeout). */
  dropped: boolean;
  ms: number;
}

async function main(): Promise<void> {
  const t = performance.now();
  let seeded = 0;
  const srv = await spawnServer({ WALL_ADMIN_PASSWORD: 'Test-admin-pass-1', WALL_FEEDS: 'off' }, async (dir) => {
    seeded = await seed(dir);
  });
  console.log(`seeded ${fmt(seeded)} raw reports (${fmt((T1 - T0) / 60_000)} min) and started the server in ${fmt((performance.now() - t) / 1000, 1)} s`);
  try {
    const { cookies } = await setUpConsole(srv.url);
    const openConsole = async () => {
      const s = consoleSocket(srv.url, cookies.op1);
      await latestState(s).ready;
      return s;
    };
    let op = await openConsole();

    // A live feed: 300 reports every 100 ms, so the live room has a delta every tick.
    let live = true;
    let k = 0;
    const feed = (async () => {
      while (live) {
        const reports = [];
        for (let i = 0; i < 300; i++, k++) {
          const d = fleet[k % fleet.length]!;
          const base = { deviceId: d.deviceId, kind: d.kind, ts: Date.now(), status: 'online' };
          reports.push(d.kind === 'pile' ? { ...base, busy: false, powerKw: 0 } : d.kind === 'pole' ? { ...base, sensorsOnline: 6 } : base);
        }
        await fetch(`${srv.url}/api/v1/ingest`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${srv.token}` },
          body: JSON.stringify({ reports }),
        }).then((r) => r.arrayBuffer());
        await sleep(100);
      }
    })();
    let lastDelta = 0;
    let gapMax = 0;
    const openWall = async () => {
      const w = ioc(`${srv.url}${WALL_NAMESPACE}`, { transports: ['websocket'], forceNew: true, reconnection: false });
      w.on('wall:delta', () => {
        const now = performance.now();
        if (lastDelta) gapMax = Math.max(gapMax, now - lastDelta);
        lastDelta = now;
      });
      await new Promise<void>((r) => w.once('wall:snapshot', () => r()));
      return w;
    };
    let wall = await openWall();

    const measure = async (until: () => boolean, capMs: number): Promise<Phase> => {
      await fetch(`${srv.url}/metrics`).then((r) => r.text()); // resets the server's histogram
      gapMax = 0;
      lastDelta = 0;
      const health: number[] = [];
      const start = performance.now();
      while (!until() && performance.now() - start < capMs) {
        const h0 = performance.now();
        await fetch(`${srv.url}/api/health`).then((r) => r.arrayBuffer());
        health.push(performance.now() - h0);
        await sleep(50);
      }
      const ms = performance.now() - start;
      const text = await (await fetch(`${srv.url}/metrics`)).text();
      health.sort((a, b) => a - b);
      return {
        loopP99: promValue(text, 'wall_event_loop_delay_seconds', 'quantile="0.99"') * 1000,
        loopMax: promValue(text, 'wall_event_loop_delay_seconds', 'quantile="max"') * 1000,
        healthP99: percentile(health, 99),
        healthMax: health.at(-1) ?? NaN,
        gapMax,
        dropped: !wall.connected,
        ms,
      };
    };

    await sleep(2000);
    const rows: Array<[string, ...string[]]> = [['run / phase', 'loop p99 ms', 'loop max ms', 'health p99 ms', 'health max ms', 'delta gap max ms', 'duration s']];
    const row = (name: string, p: Phase): [string, ...string[]] => [name, fmt(p.loopP99, 1), fmt(p.loopMax, 1), fmt(p.healthP99, 1), fmt(p.healthMax, 1), p.dropped ? 'wall dropped' : fmt(p.gapMax), fmt(p.ms / 1000, 1)];
    for (let run = 1; run <= 2; run++) {
      if (!op.connected) op = await openConsole();
      if (!wall.connected) wall = await openWall();
      const base = await measure(() => false, BASELINE_MS);
      const ids: string[] = [];
      const from = T0 + 90_000;
      const to = T1 - 1000;
      for (let i = 0; i < REPLAYS; i++) {
        if (!op.connected) throw new Error('the console socket was dropped; cannot start replays');
        const r = await op.timeout(10_000).emitWithAck('replay:start', { from, to, speed: SPEED, screens: 'all' });
        if (!r.ok) throw new Error(`replay:start: ${r.error}`);
        ids.push((r.data as ReplayMeta).id);
      }
      // Replay state from the read endpoint, polled beside the measurement: the console
      // socket itself may be dropped by a stalled server.
      let done = false;
      const poll = (async () => {
        while (!done) {
          const r = (await (await fetch(`${srv.url}/api/v1/replays`)).json()) as { replays: ReplayMeta[] };
          done = !r.replays.some((m) => ids.includes(m.id) && m.state === 'running');
          await sleep(100);
        }
      })();
      const loaded = await measure(() => done, LOADED_CAP_MS);
      done = true;
      await poll;
      if (op.connected) for (const id of ids) await op.timeout(5000).emitWithAck('replay:stop', { id }).catch(() => undefined);
      if (!wall.connected || !op.connected) console.log(`run ${run}: the server dropped ${wall.connected ? '' : 'the live wall socket '}${op.connected ? '' : 'the console socket'}`);
      rows.push(row(`${run} baseline (no replay)`, base), row(`${run} ${REPLAYS} replays × ${fmt(SPEED)}`, loaded), [
        `${run} ratio loaded / baseline`,
        `${fmt(loaded.loopP99 / base.loopP99, 1)}×`,
        `${fmt(loaded.loopMax / base.loopMax, 1)}×`,
        `${fmt(loaded.healthP99 / base.healthP99, 1)}×`,
        `${fmt(loaded.healthMax / base.healthMax, 1)}×`,
        loaded.dropped ? '—' : `${fmt(loaded.gapMax / base.gapMax, 1)}×`,
        '',
      ]);
      await sleep(2000);
    }
    live = false;
    await feed;
    wall.close();
    op.close();
    table(`replay load: ${REPLAYS} replays of ${fmt((T1 - T0 - 91_000) / 60_000)} min at ${fmt(SPEED)}× (target: loop p99 ≤ 50 ms)`, rows);
  } finally {
    await srv.stop();
  }
}

await main();
