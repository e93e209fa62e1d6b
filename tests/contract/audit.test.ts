import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, setUpConsole, type Staff } from '../support/accounts.js';
import { startServer, TEST_STORE, type TestServer } from '../support/server.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** `pnpm -s audit:verify` against the server's database (data directory, or DATABASE_URL), as an operator would run it. */
function cliVerify(srv: TestServer): Promise<{ code: number | null; out: string; err: string }> {
  const { DATABASE_URL: _, ...env } = process.env;
  const db = srv.databaseUrl ? { DATABASE_URL: srv.databaseUrl } : {};
  return new Promise((resolve, reject) => {
    const p = spawn('pnpm', ['-s', 'audit:verify'], { cwd: ROOT, env: { ...env, ...db, WALL_DATA_DIR: srv.dir, LOG_LEVEL: 'silent' } });
    let out = '';
    let err = '';
    p.stdout.on('data', (b: Buffer) => (out += b.toString()));
    p.stderr.on('data', (b: Buffer) => (err += b.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('the audit trail an assessor accepts', () => {
  let srv: TestServer;
  let cookies: Record<Staff, string>;

  beforeAll(async () => {
    srv = await startServer();
    // Setting up the console (accounts, roles, password changes) writes the first rows.
    ({ cookies } = await setUpConsole(srv.url));
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('only the auditor reads, exports and verifies it, and each of those is itself recorded', async () => {
    for (const who of ['sysadm', 'secadm', 'op1', 'view1'] as const) {
      expect((await api(srv.url, 'GET', '/api/audit/verify', cookies[who])).status).toBe(403);
    }
    expect((await api(srv.url, 'GET', '/api/audit', '')).status).toBe(401);

    const list = await api(srv.url, 'GET', '/api/audit?action=user.create', cookies.aud1);
    expect(list.status).toBe(200);
    expect((list.body.rows as Array<{ target: string }>).length).toBeGreaterThanOrEqual(4);

    const csv = await fetch(`${srv.url}/api/audit.csv`, { headers: { cookie: cookies.aud1 } });
    expect(csv.status).toBe(200);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain(',user.create,');

    const v = await api(srv.url, 'GET', '/api/audit/verify', cookies.aud1);
    expect(v.body).toMatchObject({ ok: true });
    expect(v.body.rows).toBeGreaterThan(5);

    const own = await srv.store.audit.query({ actor: 'aud1', limit: 100 });
    for (const action of ['audit.read', 'audit.export', 'audit.verify']) {
      expect(own.find((r) => r.action === action)).toMatchObject({ actorKind: 'user', address: '127.0.0.1', outcome: 'ok' });
    }
    expect(own.find((r) => r.action === 'audit.read')!.detail).toMatchObject({ action: 'user.create', limit: 100 });

    const cli = await cliVerify(srv);
    expect(cli.out, cli.err).toMatch(/^audit chain intact: \d+ rows/);
    expect(cli.code, cli.err).toBe(0);
  });

  it('the database refuses an UPDATE and an early DELETE; a row edited behind its back is found by the API and by pnpm audit:verify', async () => {
    const target = (await srv.store.audit.query({ action: 'user.create', limit: 1000 })).at(-1)!.id;
    await expect(srv.exec("UPDATE audit SET user_name = 'nobody' WHERE id = ?", target)).rejects.toThrow(/audit rows cannot be changed/);
    await expect(srv.exec('DELETE FROM audit WHERE id = ?', target)).rejects.toThrow(/younger than the retention period/);

    // Someone with the sqlite3 shell (or psql) removes the guard and rewrites who created an account.
    await srv.exec(TEST_STORE === 'postgres' ? 'DROP TRIGGER audit_no_update ON audit' : 'DROP TRIGGER audit_no_update');
    expect(await srv.exec("UPDATE audit SET user_name = 'nobody' WHERE id = ?", target)).toBe(1);

    const v = await api(srv.url, 'GET', '/api/audit/verify', cookies.aud1);
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ ok: false, rows: target - 1, firstBad: { id: target, reason: 'edited' } });

    const cli = await cliVerify(srv);
    expect(cli.out, cli.err).toContain(`AUDIT CHAIN TAMPERED at row #${target} (edited)`);
    expect(cli.code, cli.err).toBe(2);
  });
});
