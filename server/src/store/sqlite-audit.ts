import type { Database, Statement } from 'better-sqlite3';
import type { ActorKind, AuditEntry, AuditOutcome } from '@futian/shared';
import type { AuditInput, AuditQuery, AuditRepo } from './audit-types.js';
import { chainHash } from '../audit/chain.js';

interface AuditDb {
  id: number;
  ts: number;
  user_name: string;
  actor_kind: string;
  address: string;
  action: string;
  target: string;
  outcome: string;
  screens: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

const toEntry = (r: AuditDb): AuditEntry => ({
  id: r.id,
  ts: r.ts,
  actor: r.user_name,
  actorKind: r.actor_kind as ActorKind,
  address: r.address,
  action: r.action,
  target: r.target,
  outcome: r.outcome as AuditOutcome,
  screens: JSON.parse(r.screens) as string[],
  detail: JSON.parse(r.detail) as Record<string, unknown>,
  hash: r.hash,
});

export class SqliteAuditRepo implements AuditRepo {
  private readonly last: Statement;
  private readonly insert: Statement;

  constructor(private readonly db: Database) {
    this.last = db.prepare('SELECT hash FROM audit ORDER BY id DESC LIMIT 1');
    this.insert = db.prepare(
      `INSERT INTO audit (id, ts, user_name, actor_kind, address, action, target, outcome, screens, detail, prev_hash, hash)
       VALUES (@id, @ts, @actor, @actorKind, @address, @action, @target, @outcome, @screens, @detail, @prev, @hash) RETURNING *`,
    );
  }

  async append(e: AuditInput): Promise<AuditEntry> {
    // One transaction: the previous hash read and the insert cannot interleave with another append.
    return this.db.transaction(() => {
      const prev = (this.last.get() as { hash: string } | undefined)?.hash ?? '';
      const id = ((this.db.prepare('SELECT coalesce(max(id), 0) + 1 AS id FROM audit').get() as { id: number }).id);
      const row = { ...e, id };
      const hash = chainHash(prev, row);
      return toEntry(
        this.insert.get({ ...e, id, screens: JSON.stringify(e.screens), detail: JSON.stringify(e.detail), prev, hash }) as AuditDb,
      );
    })();
  }

  async query(q: AuditQuery): Promise<AuditEntry[]> {
    const where: string[] = [];
    const args: Record<string, unknown> = { limit: q.limit };
    if (q.before !== undefined) (where.push('id < @before'), (args.before = q.before));
    if (q.from !== undefined) (where.push('ts >= @from'), (args.from = q.from));
    if (q.to !== undefined) (where.push('ts <= @to'), (args.to = q.to));
    if (q.actor !== undefined) (where.push('user_name = @actor'), (args.actor = q.actor));
    if (q.action !== undefined) (where.push('action = @action'), (args.action = q.action));
    if (q.outcome !== undefined) (where.push('outcome = @outcome'), (args.outcome = q.outcome));
    const sql = `SELECT * FROM audit ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT @limit`;
    return (this.db.prepare(sql).all(args) as AuditDb[]).map(toEntry);
  }
}
