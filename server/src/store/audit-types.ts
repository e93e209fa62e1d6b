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

/** Which rows: every field optional; time is the half-open range [from, to) in epoch ms. */
export interface AuditFilter {
  from?: number;
  to?: number;
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
}

export interface AuditQuery extends AuditFilter {
  /**
   * The id of the last row of the previous page: rows listed after it (older
   * by time, or as old with a lower id). A row since pruned ends the listing.
   */
  before?: number;
  limit: number;
}

/**
 * A row exactly as stored: screens and detail as their JSON text, with both
 * chain hashes. Verification and export read these, so neither depends on a
 * parse and re-serialise giving back the same text.
 */
export interface StoredAuditRow {
  id: number;
  ts: number;
  actor: string;
  actorKind: string;
  address: string;
  action: string;
  target: string;
  outcome: string;
  screens: string;
  detail: string;
  prevHash: string;
  hash: string;
}

/** A row of the chain named by id and hash: the newest row (head), or the last pruned one (anchor). */
export interface ChainPoint {
  id: number;
  hash: string;
}

/**
 * The audit trail's storage. Appends are serialised (each row's hash covers the
 * previous row's), so `append` runs in one write transaction per row. The
 * database refuses to update a row, or to delete one younger than the retention
 * period; `prune` is the only way rows leave.
 */
export interface AuditRepo {
  append(e: AuditInput): Promise<AuditEntry>;
  /** Newest first by time (then by id). */
  query(q: AuditQuery): Promise<AuditEntry[]>;
  /**
   * Oldest first: up to `limit` rows with id above `afterId` (and at most
   * `maxId`), matching the filter, as stored. Verification and export page
   * through the whole trail with it.
   */
  scan(afterId: number, limit: number, filter?: AuditFilter & { maxId?: number }): Promise<StoredAuditRow[]>;
  /** The newest row, or the anchor when every row has been pruned, or null for an empty trail. */
  head(): Promise<ChainPoint | null>;
  /** The last pruned row: the remaining chain starts from its hash. Null until the first prune. */
  anchor(): Promise<ChainPoint | null>;
  /**
   * Records the retention period the database enforces (its delete trigger
   * reads it; it never goes below the 180-day floor). Returns the previous
   * value, or null when none was set.
   */
  setRetention(ms: number): Promise<number | null>;
  /**
   * Deletes, in one transaction, up to `limit` of the oldest rows with ts
   * before `cutoff`, stopping at the first younger row (only a prefix of the
   * chain may go), and moves the anchor to the last row deleted. Returns how
   * many went.
   */
  prune(cutoff: number, limit: number): Promise<number>;
}
