import type { ActorKind, AuditEntry, AuditOutcome } from '@futian/shared';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { AuditQuery, AuditRepo } from '../store/audit-types.js';

/** Who is acting, as the audit trail names them. */
export interface Actor {
  name: string;
  kind: ActorKind;
  address: string;
}

export interface AuditRecord {
  action: string;
  target?: string;
  outcome: AuditOutcome;
  screens?: string[];
  detail?: Record<string, unknown>;
}

export const SYSTEM_ACTOR: Actor = { name: 'system', kind: 'system', address: '' };

/**
 * The audit trail: every state change, refusal and statistics revision, with
 * who did it, from where, on what, and the outcome. Persisted before listeners
 * hear of it.
 */
export class AuditLog {
  private readonly listeners = new Set<(e: AuditEntry) => void>();

  constructor(
    private readonly repo: AuditRepo,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async record(actor: Actor, r: AuditRecord): Promise<AuditEntry> {
    const e = await this.repo.append({
      ts: this.clock.now(),
      actor: actor.name,
      actorKind: actor.kind,
      address: actor.address,
      action: r.action,
      target: r.target ?? '',
      outcome: r.outcome,
      screens: r.screens ?? [],
      detail: r.detail ?? {},
    });
    this.log.info({ audit: e.id, actor: actor.name, action: r.action, outcome: r.outcome }, 'audit');
    for (const fn of this.listeners) fn(e);
    return e;
  }

  query(q: AuditQuery): Promise<AuditEntry[]> {
    return this.repo.query({ ...q, limit: Math.min(Math.max(q.limit, 1), 1000) });
  }

  onRecord(fn: (e: AuditEntry) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
