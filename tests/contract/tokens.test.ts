import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '@futian/shared';
import { runMain } from '../support/main-proc.js';
import { post, startServer, type TestServer } from '../support/server.js';

/**
 * Least privilege for machine tokens (等保 2.0 8.1.4.2): each token carries
 * scopes (ingest, stats, read) and is refused with 403 outside them; replays are
 * no longer started or stopped over REST at all; statistics revisions and device
 * registrations are audited under the source's name, and refused tokens in
 * aggregate. Before, the one ingest token every upstream held also started and
 * stopped replays and published statistics to every wall, unaudited, and a
 * one-character WALL_INGEST_TOKEN was accepted.
 */
const INGEST = 'city-iot-ingest-0123456789abcdef';
const STATS = 'stats-bureau-0123456789abcdef';
const READ = 'bi-integrator-read-0123456789';
const SD = '440304006';

/** The newest audit rows, through the store's audit repository (either store). */
async function auditRows(srv: TestServer): Promise<Array<Pick<AuditEntry, 'actor' | 'actorKind' | 'address' | 'action' | 'target' | 'outcome' | 'detail'>>> {
  return srv.store.audit.query({ limit: 100 });
}

async function send(url: string, method: string, token: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

describe('scoped machine tokens', () => {
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startServer({
      openView: false,
      sources: [
        { name: 'city-iot', token: INGEST, simulated: false, scopes: ['ingest'] },
        { name: 'stats-bureau', token: STATS, simulated: false, scopes: ['stats'] },
        { name: 'bi', token: READ, simulated: false, scopes: ['read'] },
      ],
    });
  });
  afterAll(async () => srv?.close());

  it('an ingest token registers devices and sends telemetry; the registration is audited under its name', async () => {
    const devices = Array.from({ length: 3 }, (_, i) => ({ deviceId: `BS-T-${i}`, kind: 'bs5g', subdistrict: SD }));
    expect((await post(`${srv.url}/api/v1/devices`, { devices }, INGEST)).status).toBe(200);
    const reports = devices.map((d) => ({ deviceId: d.deviceId, kind: 'bs5g', ts: Date.now(), status: 'online' }));
    expect((await post(`${srv.url}/api/v1/ingest`, { reports }, INGEST)).json).toMatchObject({ accepted: 3 });
    const row = (await auditRows(srv)).find((r) => r.action === 'devices.register');
    expect(row).toMatchObject({ actor: 'city-iot', actorKind: 'token', address: '127.0.0.1', outcome: 'ok', target: 'BS-T-0, BS-T-1, BS-T-2' });
    expect(row!.detail).toMatchObject({ devices: 3, added: 3, updated: 0, rejected: 0 });
    // Telemetry is counted in metrics, not audited per batch.
    expect((await auditRows(srv)).some((r) => r.action === 'telemetry.ingest')).toBe(false);
  });

  it('an ingest token can neither start nor stop a replay over REST', async () => {
    const now = Date.now();
    const started = await send(`${srv.url}/api/v1/replays`, 'POST', INGEST, { from: now - 60_000, to: now - 1_000, speed: 1 });
    expect([403, 404]).toContain(started.status);
    expect(srv.app.replays.list()).toHaveLength(0);
    // One started from the console (here: the service the console drives) cannot be stopped with it either.
    // A replay needs stored data from its start on (a start before it is refused).
    await post(`${srv.url}/api/v1/devices`, { devices: [{ deviceId: 'TOK-POLE-1', kind: 'pole', subdistrict: SD }] }, INGEST);
    const ingested = await post(`${srv.url}/api/v1/ingest`, { reports: [{ deviceId: 'TOK-POLE-1', kind: 'pole', ts: now - 60_000, status: 'online', sensorsOnline: 6 }] }, INGEST);
    expect(ingested.status).toBe(202);
    const meta = await srv.app.replays.start({ from: now - 60_000, to: now - 1_000, speed: 1 });
    const stopped = await send(`${srv.url}/api/v1/replays/${encodeURIComponent(meta.id)}`, 'DELETE', INGEST);
    expect([403, 404]).toContain(stopped.status);
    expect(srv.app.replays.list().find((r) => r.id === meta.id)?.state).toBe('running');
    // The list stays, behind read access.
    expect((await send(`${srv.url}/api/v1/replays`, 'GET', READ)).json.replays).toHaveLength(1);
    srv.app.replays.stop(meta.id);
  });

  it('an ingest token cannot publish statistics: 403, nothing changes, and the refusal is audited', async () => {
    const before = srv.app.stats.get('de.core.valueAdded|2021||||');
    const r = await post(`${srv.url}/api/v1/stats`, { figures: [{ indicator: 'de.core.valueAdded', period: '2021', value: 999 }] }, INGEST);
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ error: "this token may not publish statistics (it lacks the 'stats' scope)" });
    expect(srv.app.stats.get('de.core.valueAdded|2021||||')).toEqual(before);
    // Refusals are written in aggregate when their window closes; close it now.
    await srv.app.refusals.flush(true);
    const row = (await auditRows(srv)).find((x) => x.action === 'stats.publish' && x.outcome === 'refused');
    expect(row).toMatchObject({ actor: 'city-iot', actorKind: 'token', address: '127.0.0.1', target: '/api/v1/stats' });
    expect(row!.detail).toMatchObject({ count: 1 });
  });

  it('an unknown token is refused with 401 and audited as unknown-token', async () => {
    const r = await post(`${srv.url}/api/v1/stats`, { figures: [] }, 'not-a-token-0123456789abcdef');
    expect(r.status).toBe(401);
    await srv.app.refusals.flush(true);
    const row = (await auditRows(srv)).find((x) => x.action === 'stats.publish' && x.actor === 'unknown-token');
    expect(row).toMatchObject({ actorKind: 'anonymous', outcome: 'refused', address: '127.0.0.1' });
  });

  it('a stats token publishes a revision, and the audit row names the source, the key and the revision', async () => {
    const r = await post(`${srv.url}/api/v1/stats`, { figures: [{ indicator: 'de.core.valueAdded', period: '2021', value: 631.05 }] }, STATS);
    expect(r.status).toBe(202);
    expect(r.json).toEqual({ accepted: 1, unchanged: 0, rejected: [] });
    expect(srv.app.stats.get('de.core.valueAdded|2021||||')).toMatchObject({ value: 631.05, source: 'stats-bureau', revision: 2 });
    const row = (await auditRows(srv)).find((x) => x.action === 'stats.publish' && x.outcome === 'ok');
    expect(row).toMatchObject({ actor: 'stats-bureau', actorKind: 'token', address: '127.0.0.1', target: 'de.core.valueAdded|2021||||' });
    expect(row!.detail).toMatchObject({ figures: 1, accepted: 1, revisions: [{ key: 'de.core.valueAdded|2021||||', revision: 2 }] });
  });

  it('a stats token cannot send telemetry or register devices', async () => {
    expect(await post(`${srv.url}/api/v1/ingest`, { reports: [] }, STATS)).toEqual({ status: 403, json: { error: "this token may not send telemetry or register devices (it lacks the 'ingest' scope)" } });
    expect((await post(`${srv.url}/api/v1/devices`, { devices: [] }, STATS)).status).toBe(403);
  });

  it('a read token cannot ingest, register devices or publish statistics', async () => {
    const reports = [{ deviceId: 'BS-T-0', kind: 'bs5g', ts: Date.now(), status: 'fault' }];
    expect(await post(`${srv.url}/api/v1/ingest`, { reports }, READ)).toEqual({ status: 403, json: { error: "this token may not send telemetry or register devices (it lacks the 'ingest' scope)" } });
    expect((await post(`${srv.url}/api/v1/devices`, { devices: [{ deviceId: 'X-1', kind: 'pile', subdistrict: SD }] }, READ)).status).toBe(403);
    expect((await post(`${srv.url}/api/v1/stats`, { figures: [] }, READ)).status).toBe(403);
    expect(srv.app.registry.get('X-1')).toBeUndefined();
    await srv.app.refusals.flush(true);
    expect((await auditRows(srv)).find((x) => x.action === 'telemetry.ingest' && x.outcome === 'refused')).toMatchObject({ actor: 'bi', actorKind: 'token' });
  });

  it('with reads restricted, an ingest or stats token may not read (403), a read token may', async () => {
    for (const t of [INGEST, STATS]) {
      expect(await send(`${srv.url}/api/v1/snapshot`, 'GET', t)).toEqual({ status: 403, json: { error: "this token may not read (it lacks the 'read' scope)" } });
    }
    expect((await send(`${srv.url}/api/v1/snapshot`, 'GET', READ)).status).toBe(200);
  });
});

describe('weak tokens stop the start', { timeout: 90_000 }, () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wall-weak-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('WALL_INGEST_TOKEN shorter than 16 characters: one line naming the variable, never the token, exit 1', async () => {
    const weak = 'weak7tk';
    const run = await runMain({ WALL_INGEST_TOKEN: weak, WALL_DATA_DIR: dir });
    expect(run.listened, run.output).toBe(false);
    expect(run.code, run.output).toBe(1);
    expect(run.lines, run.output).toHaveLength(1);
    expect(run.lines[0]).toMatch(/^futian-wall: cannot start: WALL_INGEST_TOKEN: .*at least 16/);
    expect(run.output).not.toContain(weak);
  });

  it('a weak stats token in WALL_TOKENS is refused the same way', async () => {
    const run = await runMain({ WALL_TOKENS: 'bureau:stats:abc', WALL_DATA_DIR: dir });
    expect(run.code, run.output).toBe(1);
    expect(run.lines, run.output).toHaveLength(1);
    expect(run.lines[0]).toMatch(/^futian-wall: cannot start: WALL_TOKENS: the token of 'bureau' is 3 characters long/);
  });
});
