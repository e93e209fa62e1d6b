import { Worker } from 'node:worker_threads';
import type { RawReportRow } from './types.js';

interface Columns {
  n: number;
  ts: Float64Array;
  device: Int32Array;
  status: Int8Array;
  busy: Int8Array;
  power: Float64Array;
  sensors: Int32Array;
  source: Int32Array;
}
type Reply = { id: number; c: Columns } | { id: number; error: string };
export type PageRead = (from: number, to: number, after: { ts: number; device: number } | null, limit: number) => RawReportRow[];

/**
 * Raw-report pages for replays, read on a worker thread (page-reader.worker.mjs
 * says why). Requests are answered in order on one connection. If the worker
 * cannot start or dies, reads fall back to the main connection: a replay that
 * costs the live room some smoothness is better than one that stops.
 */
export class PageReader {
  private worker: Worker | null = null;
  private failed = false;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (rows: RawReportRow[]) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly file: string,
    private readonly fallback: PageRead,
  ) {}

  read(from: number, to: number, after: { ts: number; device: number } | null, limit: number): Promise<RawReportRow[]> {
    const w = this.ensure();
    if (!w) return Promise.resolve(this.fallback(from, to, after, limit));
    const id = this.nextId++;
    return new Promise<RawReportRow[]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // Held while a read is out, so a pending replay page keeps the process alive as a sync read would.
      if (this.waiting.size === 1) w.ref();
      w.postMessage({ id, from, to, after, limit });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (!w) return;
    this.failAll(new Error('store closed'));
    await new Promise<void>((resolve) => {
      w.once('exit', () => resolve());
      w.postMessage('stop');
      setTimeout(() => void w.terminate(), 2000).unref();
    });
  }

  private ensure(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    try {
      const w = new Worker(new URL('./page-reader.worker.mjs', import.meta.url), { workerData: { file: this.file } });
      w.on('message', (m: Reply) => this.answer(m));
      w.on('error', () => this.fail());
      w.on('exit', () => this.fail());
      w.unref();
      this.worker = w;
    } catch {
      this.failed = true;
    }
    return this.worker;
  }

  private answer(m: Reply): void {
    const p = this.waiting.get(m.id);
    if (!p) return;
    this.waiting.delete(m.id);
    if (this.waiting.size === 0) this.worker?.unref();
    if ('error' in m) p.reject(new Error(m.error));
    else p.resolve(rowsOf(m.c));
  }

  /** The worker is gone: later reads use the main connection; reads in flight fail (the replay ends, as on a store error). */
  private fail(): void {
    if (this.worker === null) return;
    this.worker = null;
    this.failed = true;
    this.failAll(new Error('replay page reader stopped'));
  }

  private failAll(e: Error): void {
    for (const p of this.waiting.values()) p.reject(e);
    this.waiting.clear();
  }
}

function rowsOf(c: Columns): RawReportRow[] {
  const out = new Array<RawReportRow>(c.n);
  for (let i = 0; i < c.n; i++) {
    const busy = c.busy[i]!;
    const power = c.power[i]!;
    const sensors = c.sensors[i]!;
    out[i] = {
      ts: c.ts[i]!,
      device: c.device[i]!,
      status: c.status[i]!,
      busy: busy < 0 ? null : busy,
      powerKw: Number.isNaN(power) ? null : power,
      sensors: sensors < 0 ? null : sensors,
      source: c.source[i]!,
    };
  }
  return out;
}
