/**
 * `pnpm bench ingest`: sustained ingest throughput with SQLite persistence, as a
 * ratio to a bare loop measured in the same run.
 *
 *   baseline   JSON.parse of the same batches + Map.set per report + the same
 *              chunked multi-row INSERT into an identical raw_reports table,
 *              one transaction per batch
 *   in-process IngestService.ingest() in this process: validation, registry,
 *              commit, live state and aggregates
 *   http       POST /api/v1/ingest against the real server entry in its own
 *              process, from a worker thread, with 50 wall sockets connected.
 *              Event-loop delay and RSS are the server process's own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { io as ioc, type Socket } from 'socket.io-client';
import { createApp, SqliteStore, testConfig } from '@futian/server';
import { benchFleet, fmt, sleep, table } from './common.js';
import { promValue, registerFleet, spawnServer } from './server-proc.js';

const BATCH = 1000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const dir = mkdtempSync(path.join(os.tmpdir(), 'wall-bench-'));
const fleet = benchFleet();

/** Batches of serialized reports, each device advancing its own ts so nothing is a duplicate. */
function makeBatches(count: number, startTs: number): string[] {
  const out: string[] = [];
  let k = 0;
  for (let b = 0; b < count; b++) {
    const reports = [];
    for (let i = 0; i < BATCH; i++, k++) {
      const d = fleet[k % fleet.length]!;
      const ts = startTs + Math.floor(k / fleet.length);
      const status = k % 97 === 0 ? 'fault' : 'online';
      if (d.kind === 'pile') reports.push({ deviceId: d.deviceId, kind: d.kind, ts, status, busy: k % 3 === 0, powerKw: k % 3 === 0 ? 7.2 : 0 });
      else if (d.kind === 'pole') reports.push({ deviceId: d.deviceId, kind: d.kind, ts, status, sensorsOnline: 6 });
      else reports.push({ deviceId: d.deviceId, kind: d.kind, ts, status });
    }
    out.push(JSON.stringify({ reports }));
  }
  return out;
}

function baseline(batches: string[]): number {
  const db = new BetterSqlite3(path.join(dir, 'baseline.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE raw_reports (ts INTEGER NOT NULL, device INTEGER NOT NULL, status INTEGER NOT NULL, busy INTEGER,
    power REAL, sensors INTEGER, source INTEGER NOT NULL, PRIMARY KEY (ts, device)) WITHOUT ROWID`);
  const CH = 50;
  const ins = db.prepare(`INSERT OR IGNORE INTO raw_reports VALUES ${Array(CH).fill('(?, ?, 1, ?, ?, ?, 1)').join(', ')}`);
  const idx = new Map(fleet.map((d, i) => [d.deviceId, i]));
  const state = new Map<string, unknown>();
  const args = new Array<number | null>(CH * 5);
  const tx = db.transaction((rs: Array<{ deviceId: string; ts: number; busy?: boolean; powerKw?: number; sensorsOnline?: number }>) => {
    for (let i = 0; i < rs.length; i += CH) {
      for (let j = 0; j < CH; j++) {
        const r = rs[i + j]!;
        args[j * 5] = r.ts;
        args[j * 5 + 1] = idx.get(r.deviceId)!;
        args[j * 5 + 2] = r.busy === undefined ? null : r.busy ? 1 : 0;
        args[j * 5 + 3] = r.powerKw ?? null;
        args[j * 5 + 4] = r.sensorsOnline ?? null;
      }
      ins.run(args);
    }
  });
  const t0 = performance.now();
  for (const b of batches) {
    const { reports } = JSON.parse(b) as { reports: Array<{ deviceId: string; ts: number }> };
    for (const r of reports) state.set(r.deviceId, r);
    tx(reports);
  }
  const s = (performance.now() - t0) / 1000;
  db.close();
  return (batches.length * BATCH) / s;
}

async function inProcess(batches: string[]): Promise<{ rate: number; accepted: number; persisted: number }> {
  const config = testConfig({ sqliteFile: path.join(dir, 'wall.db') });
  const store = new SqliteStore(config.sqliteFile);
  const app = await createApp({ config, store });
  await app.registry.register(
    fleet.map((d) => ({ deviceId: d.deviceId, kind: d.kind, subdistrict: d.subdistrict, siteId: d.siteId ?? null, fast: d.fast ?? false, lng: null, lat: null })),
  );
  const source = config.sources[0]!;
  const t0 = performance.now();
  for (const b of batches) {
    const { reports } = JSON.parse(b) as { reports: unknown[] };
    await app.ingest.ingest(reports, source, 'inproc');
  }
  const rate = (batches.length * BATCH) / ((performance.now() - t0) / 1000);
  const accepted = app.ingest.acceptedTotal;
  const persisted = await store.countReports();
  await app.close();
  await store.close();
  return { rate, accepted, persisted };
}

interface LoadResult {
  seconds: number;
  accepted: number;
  errors: number;
  p50: number;
  p99: number;
}

function load(url: string, token: string, batches: string[], opts: { concurrency?: number; perSecond?: number }): Promise<LoadResult> {
  const worker = new Worker(new URL('./http-load.worker.mjs', import.meta.url), {
    workerData: { url, token, batches, concurrency: opts.concurrency ?? 8, perSecond: opts.perSecond },
  });
  return new Promise((resolve, reject) => {
    worker.on('message', (m: LoadResult & { type: string }) => {
      if (m.type === 'done') resolve(m);
    });
    worker.once('error', reject);
  });
}

async function scrape(url: string) {
  const text = await (await fetch(`${url}/metrics`)).text();
  return {
    cpu: promValue(text, 'wall_process_cpu_seconds_total'),
    p50: promValue(text, 'wall_event_loop_delay_seconds', 'quantile="0.5"') * 1000,
    p99: promValue(text, 'wall_event_loop_delay_seconds', 'quantile="0.99"') * 1000,
    max: promValue(text, 'wall_event_loop_delay_seconds', 'quantile="max"') * 1000,
  };
}

async function overHttp(batches: string[], paced: string[], pacedRate: number) {
  const srv = await spawnServer();
  await registerFleet(srv.url, srv.token, fleet);
  const sockets: Socket[] = [];
  let deltas = 0;
  for (let i = 0; i < 50; i++) {
    const s = ioc(`${srv.url}/wall`, { transports: ['websocket'], forceNew: true });
    s.on('wall:delta', () => deltas++);
    sockets.push(s);
  }
  await sleep(1000);
  const rssFleet = srv.rssMb();
  let rssPeak = rssFleet;
  const rssTimer = setInterval(() => (rssPeak = Math.max(rssPeak, srv.rssMb())), 200);

  // Saturation: as many reports as the server takes, 8 requests in flight.
  const m0 = await scrape(srv.url); // scraping resets the server's event-loop histogram
  const sat = await load(`${srv.url}/api/v1/ingest`, srv.token, batches, { concurrency: Number(process.env.BENCH_CONCURRENCY ?? 8) });
  const m1 = await scrape(srv.url);
  // Paced: a steady arrival rate, the way upstream platforms send, for latency.
  const pac = await load(`${srv.url}/api/v1/ingest`, srv.token, paced, { perSecond: pacedRate / BATCH });
  const m2 = await scrape(srv.url);

  clearInterval(rssTimer);
  const health = (await (await fetch(`${srv.url}/api/health`)).json()) as { clients: number };
  for (const s of sockets) s.close();
  await srv.stop();
  return {
    rate: (batches.length * BATCH) / sat.seconds,
    serverBusy: (m1.cpu - m0.cpu) / sat.seconds,
    sat,
    satLoop: m1,
    pacedRate: (paced.length * BATCH) / pac.seconds,
    pacedBusy: (m2.cpu - m1.cpu) / pac.seconds,
    pac,
    pacedLoop: m2,
    errors: sat.errors + pac.errors,
    accepted: sat.accepted + pac.accepted,
    rssFleet,
    rssPeak,
    clients: health.clients,
    deltasPerSocket: deltas / sockets.length,
  };
}

async function main(): Promise<void> {
  const start = Date.now() - 60 * 60_000;
  const nBatches = Math.max(100, Math.round((SECONDS * 60_000) / BATCH));
  process.stdout.write(`preparing ${fmt(nBatches * BATCH)} reports per phase for ${fmt(fleet.length)} devices…\n`);
  const batchesA = makeBatches(nBatches, start);
  const base = baseline(batchesA);
  const inproc = await inProcess(batchesA);
  const PACED = Number(process.env.BENCH_PACED_RATE ?? 50_000);
  const http = await overHttp(makeBatches(nBatches, start), makeBatches(Math.round((PACED * SECONDS) / BATCH), start + 30 * 60_000), PACED);

  table(`ingest benchmark — ${fmt(fleet.length)} devices, batches of ${BATCH}, ${os.cpus().length} cores, node ${process.version}`, [
    ['baseline (parse + Map.set + chunked INSERT)', `${fmt(base)} reports/s`, '1.00×'],
    ['in-process IngestService', `${fmt(inproc.rate)} reports/s`, `${(inproc.rate / base).toFixed(2)}× baseline`],
    ['HTTP saturation (8 in flight, server process)', `${fmt(http.rate)} reports/s`, `${(http.rate / base).toFixed(2)}× baseline`],
    ['  server CPU / request p50, p99', `${fmt(http.serverBusy * 100)} % / ${fmt(http.sat.p50, 1)}, ${fmt(http.sat.p99, 1)} ms`],
    ['  server event-loop delay p50 / p99 / max', `${fmt(http.satLoop.p50, 1)} / ${fmt(http.satLoop.p99, 1)} / ${fmt(http.satLoop.max, 1)} ms`],
    [`HTTP paced (${fmt(PACED)} reports/s offered)`, `${fmt(http.pacedRate)} reports/s`, `${(http.pacedRate / base).toFixed(2)}× baseline`],
    ['  server CPU / request p50, p99', `${fmt(http.pacedBusy * 100)} % / ${fmt(http.pac.p50, 1)}, ${fmt(http.pac.p99, 1)} ms`],
    [`  server event-loop delay p50 / p99 / max (${http.clients} sockets)`, `${fmt(http.pacedLoop.p50, 1)} / ${fmt(http.pacedLoop.p99, 1)} / ${fmt(http.pacedLoop.max, 1)} ms`],
    ['server RSS: full fleet idle / peak under load', `${fmt(http.rssFleet)} / ${fmt(http.rssPeak)} MB`],
    ['accepted = persisted (in-process)', `${fmt(inproc.accepted)} = ${fmt(inproc.persisted)}`, inproc.accepted === inproc.persisted ? 'ok' : 'MISMATCH'],
    ['HTTP accepted / errors', `${fmt(http.accepted)} / ${fmt(http.errors)}`],
    ['deltas received per wall socket', fmt(http.deltasPerSocket)],
  ]);
}

try {
  await main();
} finally {
  // Also after a failed phase: the baseline database is hundreds of MB.
  rmSync(dir, { recursive: true, force: true });
}
