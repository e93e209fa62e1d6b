/**
 * `pnpm bench e2e`: latency from an ingest request to the corresponding delta at
 * 50 real socket.io-client walls, at 20,000 reports/s (20 batches of 1,000 a
 * second), against the real server entry in its own process.
 *
 * Each batch carries one probe report that flips a probe base station between
 * online and fault, so it produces exactly one fault event the walls can match
 * to the request that caused it. Latency = time the wall receives that delta −
 * time just before the request was sent.
 *
 * Baseline (same run, same batches, same 50 clients): a bare HTTP → JSON.parse →
 * raw `ws` broadcast server (ws-baseline.mjs). The gap to it is what validation,
 * the SQLite commit, the ~100 ms coalescing tick and socket.io cost.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { fmt, percentile, sleep, table } from './common.js';
import { BATCH, drive, fleet, latencies, makeBatches, now, prepareFleet, probeWalls, PROBES, type Batch } from './probe-load.js';
import { spawnServer } from './server-proc.js';

const RATE = Number(process.env.BENCH_RATE ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CLIENTS = 50;

async function wall(batches: Batch[]) {
  const srv = await spawnServer();
  await prepareFleet(srv.url, srv.token);
  const walls = probeWalls(srv.url, CLIENTS);
  await sleep(1500);
  const sent = await drive(`${srv.url}/api/v1/ingest`, srv.token, batches, RATE);
  await sleep(1000);
  walls.close();
  await srv.stop();
  return { lat: latencies(batches, sent, walls.seen), gaps: walls.gaps(), matched: walls.seen.size };
}

async function baseline(batches: Batch[]) {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'ws-baseline.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => {
    createInterface({ input: child.stdout! }).once('line', (l) => resolve((JSON.parse(l) as { port: number }).port));
  });
  const seen = new Map<string, number[]>();
  const clients: WebSocket[] = [];
  for (let c = 0; c < CLIENTS; c++) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    ws.on('message', (buf) => {
      const t = now();
      const { probe } = JSON.parse(buf.toString()) as { probe: { deviceId: string; ts: number } };
      const key = `${probe.deviceId}|${probe.ts}`;
      const arr = seen.get(key) ?? [];
      arr.push(t);
      seen.set(key, arr);
    });
    clients.push(ws);
  }
  await sleep(500);
  const sent = await drive(`http://127.0.0.1:${port}/`, 'none', batches, RATE);
  await sleep(500);
  for (const c of clients) c.close();
  child.kill('SIGTERM');
  return { lat: latencies(batches, sent, seen) };
}

const n = Math.round((RATE / BATCH) * SECONDS);
process.stdout.write(`e2e: ${fmt(RATE)} reports/s for ${SECONDS} s (${n} batches), ${CLIENTS} clients, ${fmt(fleet.length + PROBES)} devices\n`);
const batches = makeBatches(n);
const base = await baseline(batches);
const w = await wall(makeBatches(n));
const expected = n * CLIENTS;
const p = (a: number[], q: number) => percentile(a, q);
table('end-to-end latency: ingest request → delta at the wall', [
  ['baseline (HTTP → JSON.parse → raw ws broadcast) p50 / p99', `${fmt(p(base.lat, 50), 1)} / ${fmt(p(base.lat, 99), 1)} ms`, `${fmt(base.lat.length)} samples`],
  ['wall (validate, commit, coalesce ≤100 ms, socket.io) p50 / p99', `${fmt(p(w.lat, 50), 1)} / ${fmt(p(w.lat, 99), 1)} ms`, `${fmt(w.lat.length)} of ${fmt(expected)} samples`],
  ['wall p99 / baseline p99', `${(p(w.lat, 99) / p(base.lat, 99)).toFixed(1)}×`],
  ['wall max', `${fmt(w.lat.at(-1) ?? NaN, 1)} ms`],
  ['seq gaps seen by the 50 walls', fmt(w.gaps)],
]);
