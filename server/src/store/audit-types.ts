import type { ActorKind, AuditEntry, AuditOutcome } from '@futian/shared';

/** What a caller hands the audit trail; the store adds the id and the chain hash. */
export interface AuditInput {
  ts: number;
  actor: string;
  actorKind: ActorKind;
  address: string;
  action: string;
  target: string;
  outcome: AuditOutcome;
  screens: string[];
  detail: Record<string, unknown>;
}

export interface AuditQuery {
  /** Rows with id below this (paging backwards from the newest). */
  before?: number;
  from?: number;
  to?: number;
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
  limit: number;
}

/**
 * The audit trail's storage. Appends are serialised (each row's hash covers the
 * previous row's), so `append` must run in one transaction per row.
 */
export interface AuditRepo {
  append(e: AuditInput): Promise<AuditEntry>;
  /** Newest first. */
  query(q: AuditQuery): Promise<AuditEntry[]>;
}
