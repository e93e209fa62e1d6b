import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditInput } from '../testing/audit.js';
import { BACKENDS, type OpenBackend } from '../testing/backends.js';
import { chainHash } from './audit-chain.js';
import { AUDIT_RETENTION_MIN_MS } from './audit-retention.js';

const DAY = 86_400_000;
const entry = auditInput;

/**
 * The audit repository's contract, run against SQLite and PostgreSQL alike:
 * the chain, the listing order, and the database's own refusals (SQLite
 * triggers in sqlite-schema.ts, plpgsql ones in pg-schema.ts). Rows written
 * before the chain exist only in SQLite files (sqlite-audit.test.ts).
 */
describe.each(BACKENDS)('audit repository on $kind', (backend) => {
  let t: OpenBackend;
  beforeEach(async () => {
    t = await backend.open();
  });
  afterEach(() => t.cleanup());

  it('chains each appended row to the one before it, from an empty hash', async () => {
    const a = await t.store.audit.append(entry(1000, 1));
    const b = await t.store.audit.append(entry(2000, 2));
    const rows = await t.store.audit.scan(0, 10);
    expect(rows.map((r) => r.id)).toEqual([1, 2]);
    expect(rows[0]!.prevHash).toBe('');
    expect(rows[1]!.prevHash).toBe(a.hash);
    expect(b.hash).toBe(chainHash(a.hash, rows[1]!));
    expect(b.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await t.store.audit.head()).toEqual({ id: 2, hash: b.hash });
  });

  it('hands back the row as stored, and queries newest first with filters on [from, to)', async () => {
    for (let i = 0; i < 10; i++) await t.store.audit.append(entry(1000 * i, i, { outcome: i === 4 ? 'refused' : 'ok' }));
    const all = await t.store.audit.query({ limit: 100 });
    expect(all.map((e) => e.id)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(all[0]).toMatchObject({ actor: 'user0', actorKind: 'user', address: '10.0.0.7', target: 'screen-9', screens: ['all'], detail: { i: 9, text: '福田 · 测试' } });
    expect((await t.store.audit.query({ from: 2000, to: 5000, limit: 100 })).map((e) => e.ts)).toEqual([4000, 3000, 2000]);
    expect((await t.store.audit.query({ actor: 'user1', limit: 100 })).map((e) => e.id)).toEqual([8, 5, 2]);
    expect((await t.store.audit.query({ outcome: 'refused', limit: 100 })).map((e) => e.id)).toEqual([5]);
    expect((await t.store.audit.query({ before: 4, limit: 2 })).map((e) => e.id)).toEqual([3, 2]);
    expect((await t.store.audit.scan(3, 3, { action: 'scene.set' })).map((r) => r.id)).toEqual([4, 6, 8]);
    expect((await t.store.audit.scan(0, 100, { maxId: 3 })).map((r) => r.id)).toEqual([1, 2, 3]);
    expect((await t.store.audit.scan(0, 100, { from: 3000, to: 6000, actor: 'user0' })).map((r) => r.id)).toEqual([4]);
  });

  it('lists by time then id, so rows after a clock step back sit where they belong, and pages by `before` without gaps or repeats', async () => {
    for (const [i, ts] of [100, 200, 150, 300, 150].entries()) await t.store.audit.append(entry(ts, i));
    const ids = async (before?: number) => (await t.store.audit.query({ limit: 2, ...(before ? { before } : {}) })).map((e) => e.id);
    expect(await ids()).toEqual([4, 2]);
    expect(await ids(2)).toEqual([5, 3]);
    expect(await ids(3)).toEqual([1]);
  });

  it('keeps one chain when two connections to the same database append in turn', async () => {
    const other = await t.second();
    for (let i = 0; i < 20; i++) await (i % 2 ? other : t.store).audit.append(entry(i, i));
    const rows = await t.store.audit.scan(0, 100);
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
  });

  it('keeps one chain when two stores append at the same time', async () => {
    // SQLite serialises in-process; on PostgreSQL these race over several
    // connections and only the advisory lock keeps them from reading one tail.
    const other = await t.second();
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? other : t.store).audit.append(entry(i, i))));
    const rows = await t.store.audit.scan(0, 100);
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    let prev = '';
    for (const r of rows) {
      expect(r.prevHash).toBe(prev);
      expect(r.hash).toBe(chainHash(prev, r));
      prev = r.hash;
    }
  });

  describe('the database protects the trail', () => {
    it('refuses any UPDATE of a chained row', async () => {
      await t.store.audit.append(entry(Date.now()));
      await expect(t.exec("UPDATE audit SET detail = '{}' WHERE id = 1")).rejects.toThrow(/audit rows cannot be changed/);
      await expect(t.exec("UPDATE audit SET hash = 'x' WHERE id = 1")).rejects.toThrow(/audit rows cannot be changed/);
    });

    it('refuses to delete a row younger than the retention period, and never goes below 180 days', async () => {
      const now = Date.now();
      await t.store.audit.append(entry(now - 179 * DAY));
      await t.store.audit.append(entry(now - 181 * DAY));
      await expect(t.exec('DELETE FROM audit WHERE id = 1')).rejects.toThrow(/younger than the retention period/);
      // A lowered setting unlocks nothing below the floor.
      await t.exec("INSERT INTO settings (key, value, updated_at) VALUES ('audit.retention_ms', '1000', 0)");
      await expect(t.exec('DELETE FROM audit WHERE id = 1')).rejects.toThrow(/younger than the retention period/);
      // A longer setting protects older rows too.
      await t.store.audit.setRetention(365 * DAY);
      await expect(t.exec('DELETE FROM audit WHERE id = 2')).rejects.toThrow(/younger than the retention period/);
      await t.store.audit.setRetention(AUDIT_RETENTION_MIN_MS);
      expect(await t.exec('DELETE FROM audit WHERE id = 2')).toBe(1);
    });

    it('refuses an insert over an existing row or below the newest (a replace would delete without the delete trigger)', async () => {
      const a = await t.store.audit.append(entry(Date.now()));
      await t.store.audit.append(entry(Date.now()));
      const cols = 'id, ts, user_name, actor_kind, address, action, target, outcome, screens, detail, prev_hash, hash';
      const vals = "VALUES (1, 0, 'mallory', 'user', '', 'x', '', 'ok', '[]', '{}', '', ?)";
      const replace =
        backend.kind === 'sqlite'
          ? `INSERT OR REPLACE INTO audit (${cols}) ${vals}`
          : `INSERT INTO audit (${cols}) ${vals} ON CONFLICT (id) DO UPDATE SET user_name = excluded.user_name`;
      await expect(t.exec(replace, a.hash)).rejects.toThrow(/only appended/);
      await expect(t.exec(`INSERT INTO audit (${cols}) ${vals.replace('(1,', '(2,')}`, a.hash)).rejects.toThrow(/only appended/);
    });

    it('keeps the anchor: it only moves forward and cannot be removed', async () => {
      const now = Date.now();
      for (let i = 0; i < 4; i++) await t.store.audit.append(entry(now - 200 * DAY + i, i));
      expect(await t.store.audit.prune(now - 180 * DAY, 2)).toBe(2);
      await expect(t.exec("DELETE FROM settings WHERE key = 'audit.anchor'")).rejects.toThrow(/anchor cannot be removed/);
      await expect(t.exec(`UPDATE settings SET value = '{"id":1,"hash":"x"}' WHERE key = 'audit.anchor'`)).rejects.toThrow(/only moves forward/);
      await expect(t.exec(`UPDATE settings SET key = 'x' WHERE key = 'audit.anchor'`)).rejects.toThrow(/only moves forward/);
    });

    it('refuses a retention below the floor', async () => {
      await expect(t.store.audit.setRetention(30 * DAY)).rejects.toThrow(/floor/);
      expect(await t.store.audit.setRetention(200 * DAY)).toBeNull();
      expect(await t.store.audit.setRetention(AUDIT_RETENTION_MIN_MS)).toBe(200 * DAY);
    });

    it.runIf(backend.kind === 'postgres')('refuses TRUNCATE of the trail and of settings (it fires no row trigger)', async () => {
      await t.store.audit.append(entry(Date.now()));
      await expect(t.exec('TRUNCATE audit')).rejects.toThrow(/cannot be truncated/);
      await expect(t.exec('TRUNCATE settings')).rejects.toThrow(/cannot be truncated/);
      expect((await t.store.audit.scan(0, 10)).map((r) => r.id)).toEqual([1]);
    });
  });

  describe('prune', () => {
    it('deletes the oldest rows past the cutoff in batches, stops at the first younger row, and anchors on the last one deleted', async () => {
      const now = Date.now();
      const ts = [200, 199, 198, 197, 196, 10, 195, 5].map((d) => now - d * DAY);
      for (const [i, x] of ts.entries()) await t.store.audit.append(entry(x, i));
      const before = await t.store.audit.scan(0, 100);
      const cutoff = now - 180 * DAY;
      expect(await t.store.audit.prune(cutoff, 3)).toBe(3);
      expect(await t.store.audit.anchor()).toEqual({ id: 3, hash: before[2]!.hash });
      // Row 7 is past the cutoff too, but behind the younger row 6: only a prefix goes.
      expect(await t.store.audit.prune(cutoff, 3)).toBe(2);
      expect(await t.store.audit.prune(cutoff, 3)).toBe(0);
      expect((await t.store.audit.scan(0, 100)).map((r) => r.id)).toEqual([6, 7, 8]);
      expect(await t.store.audit.anchor()).toEqual({ id: 5, hash: before[4]!.hash });
    });

    it('deletes nothing and keeps the anchor when the database refuses part of a batch', async () => {
      const now = Date.now();
      await t.store.audit.append(entry(now - 200 * DAY, 0));
      await t.store.audit.append(entry(now - 100 * DAY, 1));
      // A pruner whose clock runs a year ahead asks for both; the trigger refuses the young one.
      await expect(t.store.audit.prune(now + 365 * DAY - 180 * DAY, 10)).rejects.toThrow(/younger than the retention period/);
      expect((await t.store.audit.scan(0, 10)).map((r) => r.id)).toEqual([1, 2]);
      expect(await t.store.audit.anchor()).toBeNull();
    });

    it('continues the chain from the anchor once every row is gone', async () => {
      const now = Date.now();
      await t.store.audit.append(entry(now - 200 * DAY, 0));
      const last = await t.store.audit.append(entry(now - 199 * DAY, 1));
      expect(await t.store.audit.prune(now - 180 * DAY, 10)).toBe(2);
      expect(await t.store.audit.head()).toEqual({ id: 2, hash: last.hash });
      const next = await t.store.audit.append(entry(now, 2));
      expect(next.id).toBe(3);
      expect((await t.store.audit.scan(0, 10))[0]!.prevHash).toBe(last.hash);
    });
  });
});
