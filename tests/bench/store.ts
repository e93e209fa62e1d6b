/**
 * `pnpm bench store`: ingest throughput on SQLite and on PostgreSQL in the same
 * run, and their ratio.
 *
 *   in-process     IngestService.ingest() over a full app (validation, registry,
 *                  commit, live state), batches of 1,000, as over HTTP
 *   single commits one report per ingest call, as the MQTT intake commits
 *                  (one message at a time, acknowledged after its commit)
 *   PG statement   the store's one INSERT … SELECT FROM unnest(arrays) against
 *                  a multi-row VALUES list of the same 1,000 rows (7,000
 *                  parameters), on raw_reports alone
 *
 * PostgreSQL is the machine's own server (WALL_TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres); each run makes a database of its
 * own and drops it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, PgStore, SqliteStore, testConfig, type Store } from '@futian/server';
import { createTestDatabase } from '../../server/src/testing/pg.js';
import { benchFleet, fmt, table } from './common.js';

const BATCH = 1000;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 60);
const SINGLES = Number(process.env.BENCH_SINGLES ?? 3000);
const fleet = benchFleet();
const dir = mkdtempSync(path.join(os.tmpdir(), 'wall-bench-store-'));

type Report = Record<string, unknown>;

function makeBatches(count: number, size: number, startTs: number): Report[][] {
  const out: Report[][] = [];
  let k = 0;
  for (let b = 0; b < count; b++) {
    const reports: Report[] = [];
    for (let i = 0; i < size; i++, k++) {
      const d = fleet[k % fleet.length]!;
      const ts = startTs + Math.floor(k / fleet.length);
      const status = k % 97 === 0 ? 'fault' : 'online';
      if (d.kind === 'pile') reports.push({ deviceId: d.deviceId, kind: d.kind, ts, status, busy: k % 3 === 0, powerKw: k % 3 === 0 ? 7.2 : 0 });
      else if (d.kind === 'pole') reports.push({ deviceId: d.deviceId, kind: d.kind, ts, status, sensorsOnline: 6 });
      else reports.push({ deviceId: d.deviceId, kind: d.kind, ts, status });
    }
    out.push(reports);
  }
  return out;
}

async function ingestRates(store: Store): Promise<{ batched: number; singles: number; persisted: number; offered: number }> {
  const config = testConfig({ sqliteFile: path.join(dir, 'wall.db') });
  const app = await createApp({ config, store });
  await app.registry.register(
    fleet.map((d) => ({ deviceId: d.deviceId, kind: d.kind, subdistrict: d.subdistrict, siteId: d.siteId ?? null, fast: d.fast ?? false, lng: null, lat: null })),
  );
  const source = config.sources[0]!;
  const start = Date.now() - 60 * 60_000;
  const batches = makeBatches(BATCHES, BATCH, start);
  let t0 = performance.now();
  for (const b of batches) await app.ingest.ingest(b, source, 'bench');
  const batched = (BATCHES * BATCH) / ((performance.now() - t0) / 1000);
  const singles = makeBatches(SINGLES, 1, start + 30 * 60_000);
  t0 = performance.now();
  for (const b of singles) await app.ingest.ingest(b, source, 'bench');
  const single = SINGLES / ((performance.now() - t0) / 1000);
  const persisted = await store.countReports();
  await app.close();
  return { batched, singles: single, persisted, offered: BATCHES * BATCH + SINGLES };
}

/** raw_reports alone: the store's unnest statement against a VALUES list, per 1,000-row batch. */
async function pgStatements(store: PgStore): Promise<{ unnest: number; values: number }> {
  const rows = (offset: number) =>
    Array.from({ length: BATCH }, (_, i) => ({ ts: offset + Math.floor(i / 50), device: i % 50, status: 1, busy: i % 2, powerKw: 7.2, sensors: null, source: 1 }));
  const n = 30;
  let t0 = performance.now();
  for (let b = 0; b < n; b++) await store.insertReports(rows(1e9 + b * 100));
  const unnest = (n * BATCH) / ((performance.now() - t0) / 1000);
  const text = `INSERT INTO raw_reports (ts, device, status, busy, power, sensors, source) VALUES ${Array.from(
    { length: BATCH },
    (_, i) => `($${i * 7 + 1}, $${i * 7 + 2}, $${i * 7 + 3}, $${i * 7 + 4}, $${i * 7 + 5}, $${i * 7 + 6}, $${i * 7 + 7})`,
  ).join(', ')} ON CONFLICT DO NOTHING RETURNING ts, device`;
  t0 = performance.now();
  for (let b = 0; b < n; b++) {
    const values = rows(2e9 + b * 100).flatMap((r) => [r.ts, r.device, r.status, r.busy, r.powerKw, r.sensors, r.source]);
    await store.pool.query({ name: 'bench-values', text, values });
  }
  const values = (n * BATCH) / ((performance.now() - t0) / 1000);
  return { unnest, values };
}

async function main(): Promise<void> {
  process.stdout.write(`${fmt(BATCHES * BATCH)} batched + ${fmt(SINGLES)} single reports per store, ${fmt(fleet.length)} devices…\n`);
  const sqlite = new SqliteStore(path.join(dir, 'wall.db'));
  const s = await ingestRates(sqlite);
  await sqlite.close();

  const db = await createTestDatabase('bench');
  let p: Awaited<ReturnType<typeof ingestRates>>;
  let st: { unnest: number; values: number };
  try {
    const pg = await PgStore.open(db.url);
    p = await ingestRates(pg);
    st = await pgStatements(pg);
    await pg.close();
  } finally {
    await db.drop();
  }

  table(`store benchmark — ${os.cpus().length} cores, node ${process.version}`, [
    ['in-process ingest, batches of 1,000', `SQLite ${fmt(s.batched)} reports/s`, `PostgreSQL ${fmt(p.batched)} reports/s`, `PG/SQLite ${(p.batched / s.batched).toFixed(2)}×`],
    ['one report per commit (as MQTT)', `SQLite ${fmt(s.singles)} commits/s`, `PostgreSQL ${fmt(p.singles)} commits/s`, `PG/SQLite ${(p.singles / s.singles).toFixed(2)}×`],
    ['PG raw_reports, 1,000 rows a statement', `unnest ${fmt(st.unnest)} rows/s`, `VALUES list ${fmt(st.values)} rows/s`, `unnest/VALUES ${(st.unnest / st.values).toFixed(2)}×`],
    ['accepted = persisted', `SQLite ${fmt(s.persisted)} / ${fmt(s.offered)}`, `PostgreSQL ${fmt(p.persisted)} / ${fmt(p.offered)}`, s.persisted === s.offered && p.persisted === p.offered ? 'ok' : 'MISMATCH'],
  ]);
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
