import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IngestReport } from '@futian/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpError, HttpSink } from './http.js';

interface Received {
  path: string;
  auth: string | undefined;
  body: Record<string, unknown[]>;
}

type Handler = (req: Received, res: ServerResponse) => void;

const servers: Server[] = [];
const sinks: HttpSink[] = [];

async function startServer(handler: Handler): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { path: req.url ?? '', auth: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
      received.push(r);
      handler(r, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const accept: Handler = (r, res) => json(res, 202, { accepted: (r.body.reports ?? r.body.figures ?? []).length, duplicates: 0, rejected: [] });

function sink(url: string, extra: Partial<ConstructorParameters<typeof HttpSink>[0]> = {}): HttpSink {
  const s = new HttpSink({ baseUrl: url, token: 'tok-123', backoffMs: [20, 100], ...extra });
  sinks.push(s);
  return s;
}

const reports = (n: number, from = 0): IngestReport[] =>
  Array.from({ length: n }, (_, i) => ({ deviceId: `BS-440304001-${String(from + i).padStart(4, '0')}`, kind: 'bs5g', ts: 1_700_000_000_000 + i, status: 'online' }));

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

afterEach(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.stop()));
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe('HttpSink against a real HTTP server', () => {
  it('registers in chunks of at most 5,000, then posts batches with the bearer token', async () => {
    const { url, received } = await startServer((r, res) => (r.path === '/api/v1/devices' ? json(res, 200, { registered: r.body.devices?.length }) : accept(r, res)));
    const s = sink(url);
    const devices = Array.from({ length: 12_001 }, (_, i) => ({ deviceId: `D-${i}`, kind: 'bs5g' as const, subdistrict: '440304001' }));
    await s.register(devices);
    const regs = received.filter((r) => r.path === '/api/v1/devices');
    expect(regs.map((r) => r.body.devices?.length)).toEqual([5000, 5000, 2001]);
    s.sendReports(reports(7000));
    s.sendFigures([{ indicator: 'de.core.valueAdded.q', period: '2021Q1', value: 1 }]);
    await until(() => s.stats().ingest.sent === 7000 && s.stats().stats.sent === 1);
    const ingest = received.filter((r) => r.path === '/api/v1/ingest');
    expect(ingest.map((r) => r.body.reports?.length)).toEqual([5000, 2000]);
    expect(received.every((r) => r.auth === 'Bearer tok-123')).toBe(true);
    expect(received.find((r) => r.path === '/api/v1/stats')?.body.figures).toHaveLength(1);
    expect(s.stats().ingest).toMatchObject({ accepted: 7000, failed: 0, dropped: 0, queued: 0 });
  });

  it('retries with backoff while the server fails, without losing or reordering batches', async () => {
    let fail = 3;
    const { url, received } = await startServer((r, res) => (fail-- > 0 ? json(res, 503, { error: 'busy' }) : accept(r, res)));
    const s = sink(url);
    s.sendReports(reports(10, 0));
    s.sendReports(reports(10, 10));
    await until(() => s.stats().ingest.sent === 20);
    expect(s.stats().ingest.retries).toBe(3);
    const ok = received.slice(3).map((r) => (r.body.reports?.[0] as IngestReport).deviceId);
    expect(ok).toEqual(['BS-440304001-0000', 'BS-440304001-0010']);
  });

  it('counts refusals, splits a 413 and reports rejected items', async () => {
    const { url } = await startServer((r, res) => {
      const n = r.body.reports?.length ?? 0;
      if (n > 4) return json(res, 413, { error: 'too many' });
      if (r.auth !== 'Bearer tok-123') return json(res, 401, { error: 'bad token' });
      json(res, 202, { accepted: n - 1, duplicates: 0, rejected: [{ index: 0, error: 'unknown device', code: 'unknown_device' }] });
    });
    let unknown = 0;
    const s = sink(url, { onUnknownDevices: () => unknown++ });
    s.sendReports(reports(8));
    await until(() => s.stats().ingest.sent === 8);
    expect(s.stats().ingest).toMatchObject({ accepted: 6, rejected: 2, failed: 0 });
    expect(unknown).toBe(2);
    const bad = sink(url, { token: 'nope' });
    bad.sendReports(reports(2));
    await until(() => bad.stats().ingest.failed === 2);
    expect(bad.stats().ingest.lastError).toBe('HTTP 401: bad token');
  });

  it('bounds its queue while the server is unreachable, then delivers what it kept', async () => {
    const { url, server } = await startServer(accept);
    await new Promise((r) => server.close(r));
    const s = sink(url, { maxQueued: 100, batchMax: 10 });
    for (let i = 0; i < 30; i++) s.sendReports(reports(10, i * 10));
    expect(s.stats().ingest.queued).toBeLessThanOrEqual(100);
    expect(s.stats().ingest.dropped).toBe(200);
    await until(() => s.stats().ingest.retries >= 1);
    expect(s.stats().ingest.lastError).toBeTruthy();
    const port = Number(new URL(url).port);
    const received: string[] = [];
    const again = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(...(JSON.parse(body) as { reports: IngestReport[] }).reports.map((r) => r.deviceId));
        json(res, 202, { accepted: 10, duplicates: 0, rejected: [] });
      });
    });
    servers.push(again);
    await new Promise<void>((r) => again.listen(port, '127.0.0.1', r));
    await until(() => s.stats().ingest.sent === 100);
    // Oldest dropped first; the batch already in flight when the queue overflowed is kept.
    expect(received).toHaveLength(100);
    expect(received[0]).toBe('BS-440304001-0000');
    expect(received[10]).toBe('BS-440304001-0210');
    expect(received[99]).toBe('BS-440304001-0299');
    expect(s.stats().ingest.queued).toBe(0);
  });

  it('throws on a refused registration instead of retrying forever', async () => {
    const { url } = await startServer((_r, res) => json(res, 401, { error: 'bad token' }));
    await expect(sink(url).register([{ deviceId: 'X', kind: 'pile', subdistrict: '440304001' }])).rejects.toBeInstanceOf(HttpError);
  });

  it('stops retrying registration when stopped', async () => {
    const { url, server } = await startServer(accept);
    await new Promise((r) => server.close(r));
    const s = sink(url);
    const pending = s.register([{ deviceId: 'X', kind: 'pile', subdistrict: '440304001' }]);
    await new Promise((r) => setTimeout(r, 50));
    await s.stop();
    await expect(pending).rejects.toThrow(/stopped/);
  });
});
