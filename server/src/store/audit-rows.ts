import type { ActorKind, AuditEntry, AuditOutcome } from '@futian/shared';

/** Audit rows as both engines return them, the shared names, and the mapping to an entry. */

export interface AuditDb {
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

export const COLS = 'id, ts, user_name, actor_kind, address, action, target, outcome, screens, detail, prev_hash, hash';
/** Settings keys: the last pruned row (verification starts there) and the retention the triggers enforce. */
export const ANCHOR = 'audit.anchor';
export const RETENTION = 'audit.retention_ms';

export const toEntry = (r: AuditDb): AuditEntry => ({
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
