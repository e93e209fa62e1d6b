import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainHash } from '../store/audit-chain.js';
import type { AuditRepo, StoredAuditRow } from '../store/audit-types.js';
import { auditInput } from '../testing/audit.js';
import { tempStore } from '../testing/fixtures.js';
import { verifyAuditChain } from './verify.js';

const DAY = 86_400_000;

describe('verifyAuditChain', () => {
  let t: ReturnType<typeof tempStore>;
  beforeEach(() => {
    t = tempStore();
  });
  afterEach(() => t.cleanup());

  /** n rows, oldest `ageDays` ago, one minute apart. */
  async function fill(n: number, ageDays = 1): Promise<void> {
    const start = Date.now() - ageDays * DAY;
    t.store.db.transaction(() => {
      for (let i = 0; i < n; i++) void t.store.audit.append(auditInput(start + i * 60_000, i));
    })();
  }
  const sql = (s: string, ...args: unknown[]) => t.store.db.prepare(s).run(...args);
  const row = (id: number) => t.store.db.prepare('SELECT * FROM audit WHERE id = ?').get(id) as { hash: string; prev_hash: string };
  /** What a tamperer does first: the triggers are in the way. */
  const dropTriggers = () => t.store.db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_keep_retention');

  it('passes an intact chain and names its head', async () => {
    await fill(50);
    const v = await verifyAuditChain(t.store.audit);
    expect(v).toMatchObject({ ok: true, rows: 50, head: { id: 50, hash: row(50).hash }, anchor: null });
    expect(v.firstBad).toBeUndefined();
  });

  it('passes an empty trail', async () => {
    expect(await verifyAuditChain(t.store.audit)).toMatchObject({ ok: true, rows: 0, head: null, anchor: null });
  });

  it('finds a field edited in place at that row', async () => {
    await fill(50);
    dropTriggers();
    sql("UPDATE audit SET user_name = 'mallory' WHERE id = 17");
    const v = await verifyAuditChain(t.store.audit, { batch: 7 });
    expect(v).toMatchObject({ ok: false, rows: 16, firstBad: { id: 17, reason: 'edited' } });
    expect(v.firstBad!.message).toContain('#17');
  });

  it('finds a change inside the detail JSON that parses the same', async () => {
    await fill(20);
    dropTriggers();
    sql("UPDATE audit SET detail = replace(detail, ',', ', ') WHERE id = 3");
    expect((await verifyAuditChain(t.store.audit)).firstBad).toMatchObject({ id: 3, reason: 'edited' });
  });

  it('finds a row deleted from the middle, at the row after the gap', async () => {
    await fill(50);
    dropTriggers();
    sql('DELETE FROM audit WHERE id = 20');
    const v = await verifyAuditChain(t.store.audit, { batch: 10 });
    expect(v).toMatchObject({ ok: false, rows: 19, firstBad: { id: 21, reason: 'deleted before' } });
    expect(v.firstBad!.message).toContain('1 row(s) missing after #19');
  });

  it('finds a row edited and rehashed: the next row still names the old hash', async () => {
    await fill(50);
    dropTriggers();
    const r = t.store.db.prepare('SELECT * FROM audit WHERE id = 30').get() as Record<string, string | number>;
    const forged = chainHash(String(r.prev_hash), {
      id: 30,
      ts: Number(r.ts),
      actor: 'someone-else',
      actorKind: String(r.actor_kind),
      address: String(r.address),
      action: String(r.action),
      target: String(r.target),
      outcome: String(r.outcome),
      screens: String(r.screens),
      detail: String(r.detail),
    });
    sql("UPDATE audit SET user_name = 'someone-else', hash = ? WHERE id = 30", forged);
    expect((await verifyAuditChain(t.store.audit)).firstBad).toMatchObject({ id: 30, reason: 'hash rewritten' });
  });

  it('finds a stored hash overwritten', async () => {
    await fill(10);
    dropTriggers();
    sql("UPDATE audit SET hash = ? WHERE id = 4", 'f'.repeat(64));
    expect((await verifyAuditChain(t.store.audit)).firstBad).toMatchObject({ id: 4, reason: 'edited' });
  });

  it('finds a prev_hash edited to hide a gap', async () => {
    await fill(10);
    dropTriggers();
    sql('DELETE FROM audit WHERE id = 5');
    sql('UPDATE audit SET prev_hash = ? WHERE id = 6', row(4).hash);
    // The link now holds, but row 6's own hash covered the old prev_hash.
    expect((await verifyAuditChain(t.store.audit)).firstBad).toMatchObject({ id: 6, reason: 'edited' });
  });

  it('finds the oldest rows deleted without the pruner (no anchor moved)', async () => {
    await fill(10, 400);
    // Past retention the trigger allows a plain DELETE; only the pruner moves the anchor.
    sql('DELETE FROM audit WHERE id <= 3');
    expect((await verifyAuditChain(t.store.audit)).firstBad).toMatchObject({ id: 4, reason: 'deleted before' });
  });

  it('passes after a prune, starting from the anchor', async () => {
    await fill(30, 200);
    await fill(30, 1);
    expect(await t.store.audit.prune(Date.now() - 180 * DAY, 1000)).toBe(30);
    const v = await verifyAuditChain(t.store.audit);
    expect(v).toMatchObject({ ok: true, rows: 30, anchor: { id: 30 }, head: { id: 60 } });
    // And the rows after the anchor are still checked against it.
    dropTriggers();
    sql('DELETE FROM audit WHERE id = 31');
    expect((await verifyAuditChain(t.store.audit)).firstBad).toMatchObject({ id: 32, reason: 'deleted before' });
  });

  it('goes on from the new anchor when the pruner runs during the check', async () => {
    await fill(40, 200);
    await fill(10, 1);
    let pruned = false;
    const racing: AuditRepo = Object.create(t.store.audit) as AuditRepo;
    racing.scan = async (after: number, limit: number): Promise<StoredAuditRow[]> => {
      const page = await t.store.audit.scan(after, limit);
      if (!pruned) {
        pruned = true;
        expect(await t.store.audit.prune(Date.now() - 180 * DAY, 1000)).toBe(40);
      }
      return page;
    };
    const v = await verifyAuditChain(racing, { batch: 10 });
    expect(v).toMatchObject({ ok: true, anchor: { id: 40 }, head: { id: 50 } });
  });

  describe('what only a pinned head catches', () => {
    it('truncation of the newest rows', async () => {
      await fill(20);
      const pin = { id: 20, hash: row(20).hash };
      dropTriggers();
      sql('DELETE FROM audit WHERE id > 15');
      expect((await verifyAuditChain(t.store.audit)).ok).toBe(true);
      expect((await verifyAuditChain(t.store.audit, { pins: [pin] })).firstBad).toMatchObject({ id: 20, reason: 'truncated' });
    });

    it('a recompute of the chain from an edited row on', async () => {
      await fill(20);
      const pin = { id: 20, hash: row(20).hash };
      dropTriggers();
      sql("UPDATE audit SET user_name = 'mallory' WHERE id = 12");
      // Rehash from row 12 to the end, as someone with the file and this code can.
      const rows = t.store.db.prepare('SELECT * FROM audit WHERE id >= 12 ORDER BY id').all() as Array<Record<string, string | number>>;
      let prev = row(11).hash;
      for (const r of rows) {
        const h = chainHash(prev, {
          id: Number(r.id),
          ts: Number(r.ts),
          actor: String(r.user_name),
          actorKind: String(r.actor_kind),
          address: String(r.address),
          action: String(r.action),
          target: String(r.target),
          outcome: String(r.outcome),
          screens: String(r.screens),
          detail: String(r.detail),
        });
        sql('UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?', prev, h, r.id);
        prev = h;
      }
      expect((await verifyAuditChain(t.store.audit)).ok).toBe(true);
      expect((await verifyAuditChain(t.store.audit, { pins: [pin] })).firstBad).toMatchObject({ id: 20, reason: 'recomputed' });
    });

    it('a pin since pruned is not a loss', async () => {
      await fill(10, 200);
      const pin = { id: 5, hash: row(5).hash };
      await t.store.audit.prune(Date.now() - 180 * DAY, 1000);
      await fill(3);
      expect((await verifyAuditChain(t.store.audit, { pins: [pin] })).ok).toBe(true);
    });
  });

  it('checks 10,000 rows a batch at a time', async () => {
    await fill(10_000);
    const pages: number[] = [];
    const counting: AuditRepo = Object.create(t.store.audit) as AuditRepo;
    counting.scan = async (after: number, limit: number) => {
      const page = await t.store.audit.scan(after, limit);
      pages.push(page.length);
      return page;
    };
    const v = await verifyAuditChain(counting, { batch: 1000 });
    expect(v).toMatchObject({ ok: true, rows: 10_000, head: { id: 10_000 } });
    expect(pages.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...pages)).toBeLessThanOrEqual(1000);
    // A generous bound on a 2-core machine; it is about 0.1 s.
    expect(v.ms).toBeLessThan(3000);
  });
});
