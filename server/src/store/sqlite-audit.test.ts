import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditInput } from '../testing/audit.js';
import { chainHash } from './audit-chain.js';
import { SqliteAuditRepo } from './sqlite-audit.js';
import { migrate } from './sqlite-schema.js';
import { SqliteStore } from './sqlite.js';

const entry = auditInput;

// The repository's contract (chain, listing, triggers, prune) runs against SQLite
// and PostgreSQL in audit-repo.test.ts; what only an SQLite file can have is here.
describe('rows written before the chain (schema version 3)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'wall-audit-legacy-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are chained in id order when the store opens, once, and the chain goes on from them', async () => {
    const file = path.join(dir, 'wall.db');
    const old = new BetterSqlite3(file);
    migrate(old, 3);
    const ins = old.prepare('INSERT INTO audit (ts, user_name, action, screens, detail) VALUES (?, ?, ?, ?, ?)');
    old.transaction(() => {
      for (let i = 0; i < 2500; i++) ins.run(1000 + i, 'admin', 'scene:set', '["all"]', JSON.stringify({ i }));
    })();
    old.close();

    const store = new SqliteStore(file, { backgroundCheckpoint: false });
    try {
      const rows = await store.audit.scan(0, 5000);
      expect(rows).toHaveLength(2500);
      let prev = '';
      for (const r of rows) {
        expect(r.prevHash).toBe(prev);
        expect(r.hash).toBe(chainHash(prev, r));
        prev = r.hash;
      }
      expect(rows[0]).toMatchObject({ actor: 'admin', actorKind: 'user', outcome: 'ok', detail: '{"i":0}' });
      // Once chained, the update trigger holds for them as for any row.
      expect(() => store.db.prepare("UPDATE audit SET hash = '' WHERE id = 1").run()).toThrow(/cannot be changed/);
      expect(() => store.db.prepare("UPDATE audit SET user_name = 'x' WHERE id = 2").run()).toThrow(/cannot be changed/);
      const next = await store.audit.append(entry(5000));
      expect(next.id).toBe(2501);
      expect((await store.audit.scan(2500, 1))[0]!.prevHash).toBe(prev);
    } finally {
      await store.close();
    }
  });

  it('may gain a hash but not new contents on the way', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, 3);
    db.prepare("INSERT INTO audit (ts, user_name, action, screens, detail) VALUES (1, 'admin', 'login', '[]', '{}')").run();
    migrate(db);
    expect(() => db.prepare("UPDATE audit SET user_name = 'x', hash = 'h' WHERE id = 1").run()).toThrow(/cannot be changed/);
    expect(db.prepare("UPDATE audit SET prev_hash = '', hash = 'h' WHERE id = 1").run().changes).toBe(1);
    expect(() => db.prepare("UPDATE audit SET hash = 'h2' WHERE id = 1").run()).toThrow(/cannot be changed/);
    db.close();
  });

  it('opens read-only without trying to write', async () => {
    const file = path.join(dir, 'wall.db');
    const s = new SqliteStore(file, { backgroundCheckpoint: false });
    await s.audit.append(entry(1));
    await s.close();
    const ro = new BetterSqlite3(file, { readonly: true });
    try {
      const repo = new SqliteAuditRepo(ro);
      expect((await repo.scan(0, 10)).map((r) => r.id)).toEqual([1]);
      await expect(repo.append(entry(2))).rejects.toThrow(/readonly/i);
    } finally {
      ro.close();
    }
  });
});
