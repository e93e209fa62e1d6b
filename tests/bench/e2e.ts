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
import { Worker } from 'node:worker_threads';
import { io as ioc, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import type { WallDelta } from '@futian/shared';
import { benchFleet, fmt, percentile, sleep, table } from './common.js';
import { registerFleet, spawnServer } from './server-proc.js';

const RATE = Number(process.env.BENCH_RATE ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CLIENTS = 50;
const BATCH = 1000;
const PROBES = 40;
const fleet = benchFleet();

interface Batch {
  body: string;
  probe: { deviceId: string; ts: number };
}

function makeBatches(n: number): Batch[] {
  const start = Date.now();
  const out: Batch[] = [];
  let k = 0;
  for (let b = 0; b < n; b++) {
    const ts = start + b * 50;
    const probeId = `PROBE-${b % PROBES}`;
    // Probe i flips each time it comes round: fault, online, fault, …
    const probeStatus = Math.floor(b / PROBES) % 2 === 0 ? 'fault' : 'online';
    const reports: unknown[] = [{ deviceId: probeId, kind: 'bs5g', ts, status: probeStatus }];
    for (let i = 1; i < BATCH; i++, k++) {
      const d = fleet[k % fleet.length]!;
      const rts = start + Math.floor(k / fleet.length) + 1;
      if (d.kind === 'pile') reports.push({ deviceId: d.deviceId, kind: d.kind, ts: rts, status: 'online', busy: k % 3 === 0, powerKw: k % 3 === 0 ? 7 : 0 });
      else reports.push({ deviceId: d.deviceId, kind: d.kind, ts: rts, status: 'online' });
    }
    out.push({ body: JSON.stringify({ reports }), probe: { deviceId: probeId, ts } });
  }
  return out;
}

const now = () => performance.timeOrigin + performance.now();

/** Drives the batches at RATE from a worker thread; returns send times by batch index. */
async function drive(url: string, token: string, batches: Batch[]): Promise<Map<number, number>> {
  const sent = new Map<number, number>();
  const worker = new Worker(new URL('./http-load.worker.mjs', import.meta.url), {
    workerData: { url, token, batches: batches.map((b) => b.body), perSecond: RATE / BATCH, notify: true },
  });
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (m: { type: string; i: number; at: number; errors?: number }) => {
      if (m.type === 'sent') sent.set(m.i, m.at);
      if (m.type === 'done') {
        if (m.errors) process.stderr.write(`load errors: ${m.errors}\n`);
        resolve();
      }
    });
    worker.once('error', reject);
  });
  return sent;
}

function latencies(batches: Batch[], sent: Map<number, number>, seen: Map<string, number[]>): number[] {
  const out: number[] = [];
  batches.forEach((b, i) => {
    const at = sent.get(i);
    const recv = seen.get(`${b.probe.deviceId}|${b.probe.ts}`);
    if (at === undefined || !recv) return;
    for (const r of recv) out.push(r - at);
  });
  return out.sort((a, b) => a - b);
}

async function wall(batches: Batch[]) {
  const srv = await spawnServer();
  const probes = Array.from({ length: PROBES }, (_, i) => ({ deviceId: `PROBE-${i}`, kind: 'bs5g', subdistrict: '440304004' }));
  await registerFleet(srv.url, srv.token, [...fleet, ...probes]);
  // Probes start online so the first fault report is a transition.
  await fetch(`${srv.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${srv.token}` },
    body: JSON.stringify({ reports: probes.map((p) => ({ deviceId: p.deviceId, kind: 'bs5g', ts: Date.now() - 60_000, status: 'online' })) }),
  });
  const seen = new Map<string, number[]>();
  let gaps = 0;
  const sockets: Socket[] = [];
  for (let c = 0; c < CLIENTS; c++) {
    const s = ioc(`${srv.url}/wall`, { transports: ['websocket'], forceNew: true });
    let last = -1;
    s.on('wall:snapshot', (snap: { seq: number }) => (last = snap.seq));
    s.on('wall:delta', (d: WallDelta) => {
      const t = now();
      if (last >= 0 && d.seq !== last + 1) gaps++;
      last = d.seq;
      for (const f of d.faults ?? []) {
        if (!f.deviceId.startsWith('PROBE-')) continue;
        const key = `${f.deviceId}|${f.ts}`;
        const arr = seen.get(key) ?? [];
        arr.push(t);
        seen.set(key, arr);
      }
    });
    sockets.push(s);
  }
  await sleep(1500);
  const sent = await drive(`${srv.url}/api/v1/ingest`, srv.token, batches);
  await sleep(1000);
  for (const s of sockets) s.close();
  await srv.stop();
  return { lat: latencies(batches, sent, seen), gaps, matched: seen.size };
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
  const sent = await drive(`http://127.0.0.1:${port}/`, 'none', batches);
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
