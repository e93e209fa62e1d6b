import type { IngestReport, StatFigure } from '@futian/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFeedRunner, type FeedRunner } from './runner.js';
import type { FetchLike } from './sinks/http.js';

const T0 = Date.UTC(2024, 4, 10, 12, 0, 0);

interface Call {
  path: string;
  auth: string | undefined;
  body: { devices?: unknown[]; reports?: IngestReport[]; figures?: StatFigure[] };
}

/** A fake wall server: records every call; `answer` can override the response. */
function fakeServer(answer?: (c: Call) => { status: number; body: unknown } | undefined) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    const c: Call = { path: new URL(url).pathname, auth: init.headers.authorization, body: JSON.parse(init.body) };
    calls.push(c);
    const a = answer?.(c) ?? { status: 202, body: { accepted: c.body.reports?.length ?? 0, duplicates: 0, rejected: [] } };
    return { status: a.status, text: async () => JSON.stringify(a.body) };
  };
  const of = (path: string) => calls.filter((c) => c.path === path);
  return { calls, fetch, of };
}

let runner: FeedRunner | null = null;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});

afterEach(async () => {
  await runner?.stop();
  runner = null;
  vi.useRealTimers();
});

describe('feed runner (fake timers)', { timeout: 30_000 }, () => {
  it('registers the whole fleet before any report, then ticks every tickMs', async () => {
    const srv = fakeServer();
    runner = createFeedRunner({ baseUrl: 'http://wall.test/', token: 'secret', fetch: srv.fetch, tickMs: 1000 });
    await runner.start();
    const regs = srv.of('/api/v1/devices');
    expect(regs.map((c) => c.body.devices?.length)).toEqual([5000, 5000, 5000, 3899]);
    const firstIngest = srv.calls.findIndex((c) => c.path === '/api/v1/ingest');
    const lastReg = srv.calls.map((c) => c.path).lastIndexOf('/api/v1/devices');
    expect(lastReg).toBeLessThan(firstIngest === -1 ? Infinity : firstIngest);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runner.stats().ticks).toBe(11);
    const reports = srv.of('/api/v1/ingest').flatMap((c) => c.body.reports ?? []);
    expect(reports.length).toBeGreaterThan(18_000 + 10 * 1000);
    expect(Math.min(...reports.map((r) => r.ts))).toBe(T0);
    expect(Math.max(...reports.map((r) => r.ts))).toBeLessThanOrEqual(T0 + 10_000);
    expect(srv.of('/api/v1/stats').flatMap((c) => c.body.figures ?? []).length).toBeGreaterThan(100);
    expect(srv.calls.every((c) => c.auth === 'Bearer secret')).toBe(true);
    expect(runner.stats()).toMatchObject({ sent: reports.length, failed: 0, dropped: 0, queued: 0 });
  });

  it('clears every timer on stop and sends nothing after', async () => {
    const srv = fakeServer();
    runner = createFeedRunner({ baseUrl: 'http://wall.test', token: 't', fetch: srv.fetch, only: ['bs5g', 'stats'], revisionIntervalMs: 60_000 });
    await runner.start();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    await runner.stop();
    expect(vi.getTimerCount()).toBe(0);
    const n = srv.calls.length;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(srv.calls.length).toBe(n);
  });

  it('forces an incident whose effects go out on the next tick', async () => {
    const srv = fakeServer();
    runner = createFeedRunner({ baseUrl: 'http://wall.test', token: 't', fetch: srv.fetch, only: ['pile'] });
    await runner.start();
    await vi.advanceTimersByTimeAsync(500);
    const ev = runner.injectIncident({ type: 'siteDark', siteId: 'SITE-0010', mode: 'offline', durationMs: 60_000 });
    expect(ev?.deviceIds.length).toBeGreaterThan(0);
    expect(runner.injectIncident({ type: 'bsCluster' })).toBeNull(); // no bs5g feed in this runner
    await vi.advanceTimersByTimeAsync(1_000);
    const after = srv.of('/api/v1/ingest').flatMap((c) => c.body.reports ?? []).filter((r) => ev?.deviceIds.includes(r.deviceId) && r.ts >= (ev?.from ?? 0));
    expect(new Set(after.map((r) => r.deviceId)).size).toBe(ev?.deviceIds.length);
    expect(after.every((r) => r.status === 'offline')).toBe(true);
  });

  it('waits for an unreachable server at start, with backoff', async () => {
    let down = true;
    const srv = fakeServer();
    const fetch: FetchLike = async (url, init) => {
      if (down) throw new Error('ECONNREFUSED');
      return srv.fetch(url, init);
    };
    runner = createFeedRunner({ baseUrl: 'http://wall.test', token: 't', fetch, only: ['pole'] });
    let started = false;
    const p = runner.start().then(() => (started = true));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(started).toBe(false);
    down = false;
    await vi.advanceTimersByTimeAsync(20_000);
    await p;
    expect(started).toBe(true);
    expect(srv.of('/api/v1/devices')).toHaveLength(1);
  });

  it('fails start on a refused token and leaves no timer behind', async () => {
    const srv = fakeServer(() => ({ status: 401, body: { error: 'bad token' } }));
    runner = createFeedRunner({ baseUrl: 'http://wall.test', token: 'wrong', fetch: srv.fetch, only: ['pole'] });
    await expect(runner.start()).rejects.toThrow(/401/);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('registers again and resends figures when the server forgets the devices', async () => {
    let forget = false;
    const srv = fakeServer((c) =>
      forget && c.path === '/api/v1/ingest'
        ? { status: 202, body: { accepted: 0, duplicates: 0, rejected: [{ index: 0, error: 'unknown device', code: 'unknown_device' }] } }
        : undefined,
    );
    runner = createFeedRunner({ baseUrl: 'http://wall.test', token: 't', fetch: srv.fetch, only: ['pole', 'stats'] });
    await runner.start();
    await vi.advanceTimersByTimeAsync(61_000);
    const regsBefore = srv.of('/api/v1/devices').length;
    const statsBefore = srv.of('/api/v1/stats').length;
    forget = true;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(srv.of('/api/v1/devices').length).toBe(regsBefore + 1);
    expect(srv.of('/api/v1/stats').length).toBe(statsBefore + 1);
    // Rate-limited: a server that keeps saying "unknown" does not get the fleet every second.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(srv.of('/api/v1/devices').length).toBe(regsBefore + 1);
  });
});
