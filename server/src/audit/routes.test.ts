import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorHandler, HttpError } from '../http/errors.js';
import { systemClock } from '../platform/clock.js';
import { silentLogger } from '../platform/logger.js';
import { auditInput } from '../testing/audit.js';
import { tempStore } from '../testing/fixtures.js';
import { AuditLog } from './log.js';
import { auditRoutes } from './routes.js';

/**
 * The routes over a real SQLite file, with a stand-in for the session gate:
 * header `x-user: auditor` is a signed-in auditor, `x-user: operator` lacks
 * the permission, no header is not signed in.
 */
describe('auditRoutes', () => {
  let t: ReturnType<typeof tempStore>;
  let audit: AuditLog;
  let server: Server;
  let url: string;

  beforeEach(async () => {
    t = tempStore();
    audit = new AuditLog(t.store.audit, systemClock, silentLogger);
    const app = express();
    app.use(
      auditRoutes({
        audit,
        repo: t.store.audit,
        log: silentLogger,
        requireUser: async (req, _res, permission) => {
          expect(permission).toBe('audit.read');
          const who = req.get('x-user');
          if (!who) throw new HttpError(401, 'not signed in');
          if (who !== 'auditor') throw new HttpError(403, 'audit.read required');
          return { id: 7, name: '审计员甲', role: 'auditor', address: '10.1.2.3' };
        },
      }),
    );
    app.use(errorHandler(silentLogger));
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((r) => server.close(r));
    await t.cleanup();
  });

  const get = (path: string, user: string | null = 'auditor') => fetch(`${url}${path}`, { headers: user ? { 'x-user': user } : {} });
  const reads = () => t.store.audit.query({ actor: '审计员甲', limit: 1000 });

  it('answers 401 and 403 from the gate, and records no read for them', async () => {
    await t.store.audit.append(auditInput(1000));
    for (const path of ['/api/audit', '/api/audit.csv', '/api/audit/verify']) {
      expect((await get(path, null)).status).toBe(401);
      expect((await get(path, 'operator')).status).toBe(403);
    }
    expect(await reads()).toEqual([]);
  });

  it('lists newest first with filters, 100 by default, and records the read with its filters and count', async () => {
    // 2026-03-01 00:00 in Futian is 2026-02-28 16:00 UTC.
    const day = Date.parse('2026-02-28T16:00:00Z');
    for (let i = 0; i < 150; i++) await t.store.audit.append(auditInput(day - 75 * 60_000 + i * 60_000, i, i === 100 ? { outcome: 'refused' } : {}));
    const all = (await (await get('/api/audit')).json()) as { rows: Array<{ id: number; ts: number }> };
    expect(all.rows).toHaveLength(100);
    expect(all.rows[0]!.id).toBe(150);

    const res = await get('/api/audit?from=2026-03-01&to=2026-03-01T00:10&actor=user1&limit=3');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const some = (await res.json()) as { rows: Array<{ id: number; ts: number; actor: string }> };
    expect(some.rows.map((r) => r.id)).toEqual([83, 80, 77]);
    expect(some.rows.every((r) => r.ts >= day && r.ts < day + 10 * 60_000 && r.actor === 'user1')).toBe(true);
    expect(((await (await get(`/api/audit?outcome=refused&to=${day + 3_600_000}`)).json()) as { rows: Array<{ id: number }> }).rows.map((r) => r.id)).toEqual([101]);
    expect(((await (await get('/api/audit?before=5&limit=2&action=scene.set')).json()) as { rows: Array<{ id: number }> }).rows.map((r) => r.id)).toEqual([4, 2]);

    const recorded = await reads();
    expect(recorded).toHaveLength(4);
    expect(recorded[2]).toMatchObject({
      action: 'audit.read',
      actorKind: 'user',
      address: '10.1.2.3',
      outcome: 'ok',
      detail: { from: day, to: day + 10 * 60_000, actor: 'user1', limit: 3, rows: 3 },
    });
  });

  it.each([
    ['limit=1001', /^limit: /],
    ['limit=0', /^limit: /],
    ['from=yesterday', /^from: must be epoch ms or an ISO 8601/],
    ['from=2026-02-30T25:00', /^from: /],
    ['from=2026-03-02&to=2026-03-01', /^from: from must be before to/],
    ['outcome=maybe', /^outcome: /],
    ['user=x', /user/],
    ['actor=a&actor=b', /^actor: /],
    ['before=-1', /^before: /],
  ])('refuses ?%s with 400 and a reason', async (query, reason) => {
    const res = await get(`/api/audit?${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(reason);
    expect((await get(`/api/audit.csv?${query.replace(/limit=\d+|before=-1/, 'from=x')}`)).status).toBe(400);
  });

  it('exports every matching row as CSV with a BOM, +08:00 times, formulas defused, in pages, and records the export', async () => {
    t.store.db.transaction(() => {
      for (let i = 0; i < 2500; i++) void t.store.audit.append(auditInput(Date.parse('2026-03-01T01:00:00Z') + i, i));
    })();
    await t.store.audit.append(auditInput(Date.parse('2026-03-02T01:00:00Z'), 0, { actor: '=HYPERLINK("http://x","点我")', screens: ['wall-1', 'wall-2'] }));
    const res = await get('/api/audit.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?audit-\d{4}-\d{2}-\d{2}\.csv"?$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\n');
    expect(lines[0]).toBe('id,time,actor,kind,address,action,target,outcome,screens,detail,hash');
    expect(lines).toHaveLength(1 + 2501);
    expect(lines[1]).toMatch(/^1,2026-03-01T09:00:00\.000\+08:00,user0,user,10\.0\.0\.7,notice\.show,screen-0,ok,all,"{""i"":0,""text"":""福田 · 测试""}",[0-9a-f]{64}$/);
    expect(lines[2500]!.startsWith('2500,')).toBe(true);
    expect(lines[2501]).toContain(`,"'=HYPERLINK(""http://x"",""点我"")",user,`);
    expect(lines[2501]).toContain(',wall-1 wall-2,');

    const filtered = new TextDecoder().decode(await (await get('/api/audit.csv?from=2026-03-02&actor=%3DHYPERLINK(%22http%3A%2F%2Fx%22%2C%22%E7%82%B9%E6%88%91%22)')).arrayBuffer());
    expect(filtered.trimEnd().split('\n')).toHaveLength(2);

    const recorded = await t.store.audit.query({ action: 'audit.export', limit: 10 });
    expect(recorded.map((r) => r.detail)).toEqual([
      { from: Date.parse('2026-03-01T16:00:00Z'), actor: '=HYPERLINK("http://x","点我")', upToId: 2502, rows: 1 },
      { upToId: 2501, rows: 2501 },
    ]);
  });

  it('records an export the client abandoned as failed, with how far it got', async () => {
    t.store.db.transaction(() => {
      for (let i = 0; i < 30_000; i++) void t.store.audit.append(auditInput(Date.parse('2026-03-01T01:00:00Z') + i, i));
    })();
    const abort = new AbortController();
    const res = await fetch(`${url}/api/audit.csv`, { headers: { 'x-user': 'auditor' }, signal: abort.signal });
    await res.body!.getReader().read();
    abort.abort();
    let failed: Awaited<ReturnType<typeof reads>> = [];
    for (let i = 0; i < 100 && failed.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      failed = (await reads()).filter((r) => r.action === 'audit.export');
    }
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ outcome: 'failed', detail: { upToId: 30_000 } });
    expect(failed[0]!.detail.rows).toBeLessThan(30_000);
  }, 20_000);

  it('verifies the chain, reports the first bad row after an edit, and records each check', async () => {
    for (let i = 0; i < 30; i++) await t.store.audit.append(auditInput(Date.now(), i));
    const ok = (await (await get('/api/audit/verify')).json()) as Record<string, unknown>;
    expect(ok).toMatchObject({ ok: true, rows: 30, head: { id: 30 }, anchor: null });

    t.store.db.exec('DROP TRIGGER audit_no_update');
    t.store.db.prepare("UPDATE audit SET target = 'screen-x' WHERE id = 12").run();
    const bad = (await (await get('/api/audit/verify')).json()) as Record<string, unknown>;
    expect(bad).toMatchObject({ ok: false, rows: 11, firstBad: { id: 12, reason: 'edited' } });

    const checks = await t.store.audit.query({ action: 'audit.verify', limit: 10 });
    expect(checks.map((c) => c.detail.intact)).toEqual([false, true]);
    expect(checks[0]!.detail.firstBad).toMatchObject({ id: 12, reason: 'edited' });
    expect((await get('/api/audit/verify?full=1')).status).toBe(400);
  });
});
