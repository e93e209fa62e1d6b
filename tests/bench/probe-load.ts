/**
 * Probe-carrying ingest load and the walls that time it, shared by `pnpm bench
 * e2e` and `pnpm bench hostile`. Each batch carries one probe report that flips
 * a probe base station between online and fault, so it produces exactly one
 * fault event the walls can match to the request that caused it. Latency = time
 * the wall receives that delta − time just before the request was sent.
 */
import { Worker } from 'node:worker_threads';
import { io as ioc, type Socket } from 'socket.io-client';
import type { WallDelta } from '@futian/shared';
import { benchFleet } from './common.js';
import { registerFleet } from './server-proc.js';

export const BATCH = 1000;
export const PROBES = 40;
export const fleet = benchFleet();

export interface Batch {
  body: string;
  probe: { deviceId: string; ts: number };
}

export const now = (): number => performance.timeOrigin + performance.now();

/** `n` batches dated from `start`, 50 ms apart, every device advancing its own ts so nothing is a duplicate. */
export function makeBatches(n: number, start = Date.now()): Batch[] {
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

/** Drives the batches at `rate` reports/s from a worker thread; returns send times by batch index. */
export async function drive(url: string, token: string, batches: Batch[], rate: number, jitter = false): Promise<Map<number, number>> {
  const sent = new Map<number, number>();
  const worker = new Worker(new URL('./http-load.worker.mjs', import.meta.url), {
    workerData: { url, token, batches: batches.map((b) => b.body), perSecond: rate / BATCH, notify: true, jitter },
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

/** Every wall's latency for every batch whose probe it saw, sorted. */
export function latencies(batches: Batch[], sent: Map<number, number>, seen: Map<string, number[]>): number[] {
  const out: number[] = [];
  batches.forEach((b, i) => {
    const at = sent.get(i);
    const recv = seen.get(`${b.probe.deviceId}|${b.probe.ts}`);
    if (at === undefined || !recv) return;
    for (const r of recv) out.push(r - at);
  });
  return out.sort((a, b) => a - b);
}

/** Registers the fleet and the probes, the probes online so the first fault report is a transition. */
export async function prepareFleet(url: string, token: string): Promise<void> {
  const probes = Array.from({ length: PROBES }, (_, i) => ({ deviceId: `PROBE-${i}`, kind: 'bs5g', subdistrict: '440304004' }));
  await registerFleet(url, token, [...fleet, ...probes]);
  await fetch(`${url}/api/v1/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ reports: probes.map((p) => ({ deviceId: p.deviceId, kind: 'bs5g', ts: Date.now() - 60_000, status: 'online' })) }),
  });
}

/** `n` socket.io walls that note when each probe's fault event reaches them, and count seq gaps. */
export function probeWalls(url: string, n: number, auth?: Record<string, string>) {
  const seen = new Map<string, number[]>();
  let gaps = 0;
  const sockets: Socket[] = [];
  for (let c = 0; c < n; c++) {
    const s = ioc(`${url}/wall`, { transports: ['websocket'], forceNew: true, ...(auth ? { auth } : {}) });
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
  return {
    seen,
    gaps: () => gaps,
    close: () => {
      for (const s of sockets) s.close();
    },
  };
}
