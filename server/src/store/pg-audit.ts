import type { Pool, PoolClient } from 'pg';
import type { AuditEntry } from '@futian/shared';
import { chainHash } from './audit-chain.js';
import { ANCHOR, COLS, RETENTION, toEntry, type AuditDb } from './audit-rows.js';
import { AUDIT_RETENTION_MIN_MS } from './audit-retention.js';
import type { AuditFilter, AuditInput, AuditQuery, AuditRepo, ChainPoint, StoredAuditRow } from './audit-types.js';
import { inTx } from './pg-pool.js';

/**
 * The transaction lock every append and prune takes (any fixed 64-bit key that
 * no other code uses). Appends on every node queue on it, so no two read the
 * same tail and fork the chain; it is released at COMMIT or ROLLBACK.
 */
const CHAIN_LOCK = (0x77616c6c_0002n).toString();

const toStored = (r: AuditDb): StoredAuditRow => ({
  id: r.id,
  ts: r.ts,
  actor: r.user_name,
  actorKind: r.actor_kind,
  address: r.address,
  action: r.action,
  target: r.target,
  outcome: r.outcome,
  screens: r.screens,
  detail: r.detail,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** The filter as SQL with numbered parameters, after any the caller already placed. */
function where(f: AuditFilter & { before?: number; after?: number; maxId?: number }, vals: unknown[]): string {
  const w: string[] = [];
  const p = (v: unknown) => {
    vals.push(v);
    return `$${vals.length}`;
  };
  if (f.after !== undefined) w.push(`id > ${p(f.after)}`);
  if (f.maxId !== undefined) w.push(`id <= ${p(f.maxId)}`);
  if (f.before !== undefined) {
    // A row since pruned has no ts: the comparison is null and the listing ends.
    const b = p(f.before);
    w.push(`(ts, id) < ((SELECT ts FROM audit WHERE id = ${b}), ${b})`);
  }
  if (f.from !== undefined) w.push(`ts >= ${p(f.from)}`);
  if (f.to !== undefined) w.push(`ts < ${p(f.to)}`);
  if (f.actor !== undefined) w.push(`user_name = ${p(f.actor)}`);
  if (f.action !== undefined) w.push(`action = ${p(f.action)}`);
  if (f.outcome !== undefined) w.push(`outcome = ${p(f.outcome)}`);
  return w.length ? `WHERE ${w.join(' AND ')}` : '';
}

/**
 * The audit trail over PostgreSQL: the same chain (audit-chain.ts) and the same
 * rules as SqliteAuditRepo, with an advisory transaction lock where SQLite has
 * BEGIN IMMEDIATE, and plpgsql triggers where it has SQL ones (pg-schema.ts).
 */
export class PgAuditRepo implements AuditRepo {
  constructor(private readonly pool: Pool) {}

  async append(e: AuditInput): Promise<AuditEntry> {
    const screens = JSON.stringify(e.screens);
    const detail = JSON.stringify(e.detail);
    return inTx(this.pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
      const tail = await this.tail(c);
      const id = (tail?.id ?? 0) + 1;
      const fields = { id, ts: e.ts, actor: e.actor, actorKind: e.actorKind, address: e.address, action: e.action, target: e.target, outcome: e.outcome, screens, detail };
      const prev = tail?.hash ?? '';
      const hash = chainHash(prev, fields);
      await c.query(`INSERT INTO audit (${COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, [
        id, e.ts, e.actor, e.actorKind, e.address, e.action, e.target, e.outcome, screens, detail, prev, hash,
      ]);
      // The caller's arrays are not handed back: a later mutation of them must not look like the stored row.
      return { ...e, id, screens: [...e.screens], detail: JSON.parse(detail) as Record<string, unknown>, hash };
    });
  }

  async query(q: AuditQuery): Promise<AuditEntry[]> {
    const vals: unknown[] = [];
    const w = where(q, vals);
    vals.push(q.limit);
    const r = await this.pool.query<AuditDb>(`SELECT ${COLS} FROM audit ${w} ORDER BY ts DESC, id DESC LIMIT $${vals.length}`, vals);
    return r.rows.map(toEntry);
  }

  async scan(afterId: number, limit: number, filter: AuditFilter & { maxId?: number } = {}): Promise<StoredAuditRow[]> {
    const vals: unknown[] = [];
    const w = where({ ...filter, after: afterId }, vals);
    vals.push(limit);
    const r = await this.pool.query<AuditDb>(`SELECT ${COLS} FROM audit ${w} ORDER BY id LIMIT $${vals.length}`, vals);
    return r.rows.map(toStored);
  }

  async head(): Promise<ChainPoint | null> {
    return this.tail(this.pool);
  }

  async anchor(): Promise<ChainPoint | null> {
    return readAnchor(this.pool);
  }

  async setRetention(ms: number): Promise<number | null> {
    if (!Number.isSafeInteger(ms) || ms < AUDIT_RETENTION_MIN_MS) throw new Error(`audit retention below the ${AUDIT_RETENTION_MIN_MS} ms floor`);
    return inTx(this.pool, async (c) => {
      const prev = (await c.query<{ value: string }>('SELECT value FROM settings WHERE key = $1 FOR UPDATE', [RETENTION])).rows[0];
      await putSetting(c, RETENTION, String(ms));
      return prev ? Number(prev.value) : null;
    });
  }

  async prune(cutoff: number, limit: number): Promise<number> {
    return inTx(this.pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
      const rows = (await c.query<{ id: number; ts: number; hash: string }>('SELECT id, ts, hash FROM audit ORDER BY id LIMIT $1', [limit])).rows;
      // Only a prefix of the chain may go: a row past the cutoff behind a younger
      // one (the clock stepped back) waits for it, or the chain would have a hole.
      let n = 0;
      while (n < rows.length && rows[n]!.ts < cutoff) n++;
      if (n === 0) return 0;
      const last = rows[n - 1]!;
      await c.query('DELETE FROM audit WHERE id <= $1', [last.id]);
      await putSetting(c, ANCHOR, JSON.stringify({ id: last.id, hash: last.hash, ts: last.ts }));
      return n;
    });
  }

  /** The newest row, or the anchor once every row is pruned (the next row must chain on from it). */
  private async tail(c: Pool | PoolClient): Promise<ChainPoint | null> {
    const r = await c.query<ChainPoint>('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1');
    return r.rows[0] ?? readAnchor(c);
  }
}

async function readAnchor(c: Pool | PoolClient): Promise<ChainPoint | null> {
  const row = (await c.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [ANCHOR])).rows[0];
  if (!row) return null;
  const a = JSON.parse(row.value) as { id: number; hash: string };
  return { id: a.id, hash: a.hash };
}

async function putSetting(c: PoolClient, key: string, value: string): Promise<void> {
  await c.query(
    'INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    [key, value, Date.now()],
  );
}
