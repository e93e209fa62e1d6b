import type { Database, Statement, Transaction } from 'better-sqlite3';
import type { AuditEntry } from '@futian/shared';
import { chainHash } from './audit-chain.js';
import { ANCHOR, COLS, RETENTION, toEntry, type AuditDb } from './audit-rows.js';
import { AUDIT_RETENTION_MIN_MS } from './audit-retention.js';
import type { AuditFilter, AuditInput, AuditQuery, AuditRepo, ChainPoint, StoredAuditRow } from './audit-types.js';

/** Rows per statement when chaining rows written before the chain. */
const LEGACY_BATCH = 1000;

type RawRow = [number, number, string, string, string, string, string, string, string, string, string, string];
/**
 * Rows for verify and export come back as arrays and are built here as object
 * literals: half the cost of better-sqlite3's named rows, and most of a
 * million-row verify is reading rows.
 */
const fromRaw = (r: RawRow): StoredAuditRow => ({
  id: r[0],
  ts: r[1],
  actor: r[2],
  actorKind: r[3],
  address: r[4],
  action: r[5],
  target: r[6],
  outcome: r[7],
  screens: r[8],
  detail: r[9],
  prevHash: r[10],
  hash: r[11],
});


/**
 * The filter as SQL.
 *
 * `query` lists newest first by (ts, id), the order of the ts and actor
 * indexes, so SQLite reads an index backwards and stops after `limit` rows.
 * Ordered by id, a wide time range made it collect every match and sort:
 * 0.7 s for a page out of 300,000 rows, against 0.5 ms now. `before` is
 * keyset paging on the same order.
 *
 * For `scan` the conditions are written `+ts` and `+user_name` so SQLite walks
 * the table in id order (the rowid) instead of choosing an index and sorting:
 * a page continues where the last one stopped, and an export of a million
 * rows reads each row once.
 */
function where(f: AuditFilter & { before?: number; after?: number; maxId?: number }, byId: boolean): { sql: string; key: string } {
  const w: string[] = [];
  const p = byId ? '+' : '';
  if (f.after !== undefined) w.push('id > @after');
  if (f.maxId !== undefined) w.push('id <= @maxId');
  if (f.before !== undefined) w.push('(ts, id) < ((SELECT ts FROM audit WHERE id = @before), @before)');
  if (f.from !== undefined) w.push(`${p}ts >= @from`);
  if (f.to !== undefined) w.push(`${p}ts < @to`);
  if (f.actor !== undefined) w.push(`${p}user_name = @actor`);
  if (f.action !== undefined) w.push('action = @action');
  if (f.outcome !== undefined) w.push('outcome = @outcome');
  return { sql: w.length ? `WHERE ${w.join(' AND ')}` : '', key: w.join(',') };
}

function args(f: AuditFilter & { before?: number; after?: number; maxId?: number }, limit: number): Record<string, unknown> {
  const a: Record<string, unknown> = { limit };
  for (const k of ['after', 'maxId', 'before', 'from', 'to', 'actor', 'action', 'outcome'] as const) {
    if (f[k] !== undefined) a[k] = f[k];
  }
  return a;
}

export class SqliteAuditRepo implements AuditRepo {
  private readonly st: {
    tail: Statement;
    insert: Statement;
    getSetting: Statement;
    putSetting: Statement;
    oldest: Statement;
    deleteUpTo: Statement;
  };
  private readonly appendTx: Transaction<(e: AuditInput) => AuditEntry>;
  private readonly pruneTx: Transaction<(cutoff: number, limit: number) => number>;
  /** Prepared filter statements, one per combination of filters used. */
  private readonly filtered = new Map<string, Statement>();

  constructor(private readonly db: Database) {
    this.st = {
      // The newest row by rowid: one seek down the table's b-tree, however long the trail.
      tail: db.prepare('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1'),
      insert: db.prepare(`INSERT INTO audit (${COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      getSetting: db.prepare('SELECT value FROM settings WHERE key = ?'),
      putSetting: db.prepare(
        'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      ),
      oldest: db.prepare('SELECT id, ts, hash FROM audit ORDER BY id LIMIT ?'),
      deleteUpTo: db.prepare('DELETE FROM audit WHERE id <= ?'),
    };

    this.appendTx = db.transaction((e: AuditInput): AuditEntry => {
      const tail = this.tail();
      const id = (tail?.id ?? 0) + 1;
      const screens = JSON.stringify(e.screens);
      const detail = JSON.stringify(e.detail);
      const fields = { id, ts: e.ts, actor: e.actor, actorKind: e.actorKind, address: e.address, action: e.action, target: e.target, outcome: e.outcome, screens, detail };
      const prev = tail?.hash ?? '';
      const hash = chainHash(prev, fields);
      this.st.insert.run(id, e.ts, e.actor, e.actorKind, e.address, e.action, e.target, e.outcome, screens, detail, prev, hash);
      // The caller's arrays are not handed back: a later mutation of them must not
      // look like the stored row.
      return { ...e, id, screens: [...e.screens], detail: JSON.parse(detail) as Record<string, unknown>, hash };
    });

    this.pruneTx = db.transaction((cutoff: number, limit: number): number => {
      const rows = this.st.oldest.all(limit) as Array<{ id: number; ts: number; hash: string }>;
      // Only a prefix of the chain may go: a row past the cutoff behind a younger
      // one (the clock stepped back) waits for it, or the chain would have a hole.
      let n = 0;
      while (n < rows.length && rows[n]!.ts < cutoff) n++;
      if (n === 0) return 0;
      const last = rows[n - 1]!;
      this.st.deleteUpTo.run(last.id);
      this.st.putSetting.run(ANCHOR, JSON.stringify({ id: last.id, hash: last.hash, ts: last.ts }), Date.now());
      return n;
    });

    if (!db.readonly) this.chainLegacyRows();
  }

  async append(e: AuditInput): Promise<AuditEntry> {
    // IMMEDIATE takes the write lock before reading the tail, so another process
    // on the same file (the CLI, a second server by mistake) cannot read the same
    // tail and fork the chain: it waits (busy_timeout) instead.
    return this.appendTx.immediate(e);
  }

  async query(q: AuditQuery): Promise<AuditEntry[]> {
    const w = where(q, false);
    const stmt = this.prepared(`q:${w.key}`, `SELECT ${COLS} FROM audit ${w.sql} ORDER BY ts DESC, id DESC LIMIT @limit`);
    return (stmt.all(args(q, q.limit)) as AuditDb[]).map(toEntry);
  }

  async scan(afterId: number, limit: number, filter: AuditFilter & { maxId?: number } = {}): Promise<StoredAuditRow[]> {
    const f = { ...filter, after: afterId };
    const w = where(f, true);
    const stmt = this.prepared(`s:${w.key}`, `SELECT ${COLS} FROM audit ${w.sql} ORDER BY id LIMIT @limit`, true);
    return (stmt.all(args(f, limit)) as RawRow[]).map(fromRaw);
  }

  async head(): Promise<ChainPoint | null> {
    return this.tail();
  }

  async anchor(): Promise<ChainPoint | null> {
    return this.readAnchor();
  }

  async setRetention(ms: number): Promise<number | null> {
    if (!Number.isSafeInteger(ms) || ms < AUDIT_RETENTION_MIN_MS) throw new Error(`audit retention below the ${AUDIT_RETENTION_MIN_MS} ms floor`);
    return this.db.transaction(() => {
      const prev = this.st.getSetting.get(RETENTION) as { value: string } | undefined;
      this.st.putSetting.run(RETENTION, String(ms), Date.now());
      return prev ? Number(prev.value) : null;
    })();
  }

  async prune(cutoff: number, limit: number): Promise<number> {
    return this.pruneTx.immediate(cutoff, limit);
  }

  /** The newest row, or the anchor once every row is pruned (the next row must chain on from it). */
  private tail(): ChainPoint | null {
    return (this.st.tail.get() as ChainPoint | undefined) ?? this.readAnchor();
  }

  private readAnchor(): ChainPoint | null {
    const row = this.st.getSetting.get(ANCHOR) as { value: string } | undefined;
    if (!row) return null;
    const a = JSON.parse(row.value) as { id: number; hash: string };
    return { id: a.id, hash: a.hash };
  }

  private prepared(key: string, sql: string, raw = false): Statement {
    let s = this.filtered.get(key);
    if (!s) this.filtered.set(key, (s = this.db.prepare(sql).raw(raw)));
    return s;
  }

  /**
   * Rows written before the chain (schema version 3 and older) have no
   * hash. They are the oldest rows, so they are a prefix of the table: chain
   * them in id order from the start, once, in one transaction. Checking costs
   * one seek at every open. The update trigger allows exactly this (a row
   * without a hash gaining one, contents unchanged) and nothing else.
   */
  private chainLegacyRows(): void {
    const first = this.db.prepare('SELECT hash FROM audit ORDER BY id LIMIT 1').get() as { hash: string } | undefined;
    if (!first || first.hash !== '') return;
    const page = this.db.prepare(`SELECT ${COLS} FROM audit WHERE id > ? ORDER BY id LIMIT ?`).raw(true);
    const set = this.db.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?');
    this.db.transaction(() => {
      let prev = '';
      let after = 0;
      for (;;) {
        const rows = (page.all(after, LEGACY_BATCH) as RawRow[]).map(fromRaw);
        for (const r of rows) {
          // The first row that already has a hash ends the legacy prefix.
          if (r.hash !== '') return;
          const hash = chainHash(prev, r);
          set.run(prev, hash, r.id);
          prev = hash;
          after = r.id;
        }
        if (rows.length < LEGACY_BATCH) return;
      }
    }).immediate();
  }
}
