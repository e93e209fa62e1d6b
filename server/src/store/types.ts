import type { DeviceKind, ReportStatus, StatBatchInfo } from '@futian/shared';
import type { OpsRepo } from './ops-types.js';
import type { AuditRepo } from './audit-types.js';
import type { AccountsRepo } from './accounts-types.js';

/**
 * The repository interface. SQLite is the embedded default; a PostgreSQL store
 * implements the same interface and passes the same contract tests. Methods are
 * async so a networked store fits without changing callers; the SQLite store
 * answers synchronously inside them.
 */
export interface DeviceRow {
  idx: number;
  deviceId: string;
  kind: DeviceKind;
  subdistrict: string;
  siteId: string | null;
  fast: boolean;
  lng: number | null;
  lat: number | null;
}

export type NewDevice = Omit<DeviceRow, 'idx'>;

export const STATUS_CODE: Record<ReportStatus, number> = { online: 1, offline: 2, fault: 3 };
export const CODE_STATUS: Record<number, ReportStatus> = { 1: 'online', 2: 'offline', 3: 'fault' };

/** One accepted report, as stored: compact, keyed by (ts, device). */
export interface RawReportRow {
  ts: number;
  device: number;
  status: number;
  /** Piles: 1 busy, 0 idle; null for other kinds or when not reported. */
  busy: number | null;
  powerKw: number | null;
  sensors: number | null;
  source: number;
}

export interface TransitionRow {
  ts: number;
  device: number;
  from: string;
  to: string;
}

export interface SampleRow {
  ts: number;
  metric: string;
  scope: string;
  value: number;
}

export interface RollupRow {
  ts: number;
  metric: string;
  scope: string;
  avg: number;
  min: number;
  max: number;
  last: number;
  n: number;
}

export type RollupTier = '1m' | '1h';

export interface StatRevisionRow {
  id: number;
  key: string;
  indicator: string;
  period: string;
  subdistrict: string | null;
  sector: string | null;
  category: string | null;
  tier: string | null;
  value: number;
  source: string;
  simulated: boolean;
  note: string | null;
  revision: number;
  receivedAt: number;
  /** The figure was withdrawn by this revision (a rollback of the batch that first brought it): no current value. */
  withdrawn: boolean;
  /** The console upload or rollback this revision came in; null for the token API and the catalogue seed. */
  batch: number | null;
}

export type NewStatRevision = Omit<StatRevisionRow, 'id' | 'revision' | 'withdrawn' | 'batch'> & { withdrawn?: boolean };

/** One console upload of statistics, or the rollback of one (the REST shape, from shared/). */
export type StatBatchRow = StatBatchInfo;

export type NewStatBatch = Omit<StatBatchRow, 'id' | 'revertedBy' | 'rows'>;

/** A rollback of a batch that has already been rolled back. */
export class StatBatchConflict extends Error {}

/** An enterprise-list batch has the statistics batch's shape (rows = firms in the list). */
export type IndustryBatchRow = StatBatchInfo;
export type NewIndustryBatch = Omit<IndustryBatchRow, 'id' | 'revertedBy'>;

/**
 * Marks the rolled-back list ($2) by the rollback batch ($1), only if it is the
 * list in force: an older list under a newer one cannot be undone out of order.
 */
export const INDUSTRY_REVERT = `UPDATE industry_batches SET reverted_by = $1
  WHERE id = $2 AND kind = 'import' AND reverted_by IS NULL
    AND NOT EXISTS (SELECT 1 FROM industry_batches l WHERE l.kind = 'import' AND l.reverted_by IS NULL AND l.id > $2)`;

export interface HistoryBatch {
  transitions: TransitionRow[];
  samples: SampleRow[];
  rollups: Array<{ tier: RollupTier; row: RollupRow }>;
}

export interface PruneCutoffs {
  raw: number;
  samples: number;
  rollup1m: number;
  rollup1h: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Alarms, screens and enrollment links. */
  readonly ops: OpsRepo;
  /** The audit trail: append-only, hash-chained, pruned only past retention. */
  readonly audit: AuditRepo;
  /** Console accounts, sessions, password history, recovery codes, settings. */
  readonly accounts: AccountsRepo;
  close(): Promise<void>;

  loadDevices(): Promise<DeviceRow[]>;
  /** Inserts or updates by deviceId; returns every row with its stable idx. */
  upsertDevices(rows: NewDevice[]): Promise<DeviceRow[]>;

  /** Numeric id for a source name, created on first use. */
  sourceId(name: string): Promise<number>;
  sources(): Promise<Array<{ id: number; name: string }>>;

  /**
   * Stores reports in one transaction and resolves only once it is committed.
   * Returns, per row, 1 if inserted and 0 if (ts, device) was already stored.
   */
  insertReports(rows: RawReportRow[]): Promise<Uint8Array>;
  countReports(): Promise<number>;
  /** Latest stored report per device since `sinceTs`, to restore state at start. */
  latestReports(sinceTs: number): Promise<RawReportRow[]>;
  /** Latest report per device with ts in [from, to): a replay's starting state. */
  latestReportsBetween(from: number, to: number): Promise<RawReportRow[]>;
  /** Reports in [from, to), ordered by (ts, device), starting after a key. */
  reportsPage(from: number, to: number, after: { ts: number; device: number } | null, limit: number): Promise<RawReportRow[]>;

  writeHistory(batch: HistoryBatch): Promise<void>;
  querySamples(metric: string, scope: string, from: number, to: number): Promise<SampleRow[]>;
  queryRollups(tier: RollupTier, metric: string, scope: string, from: number, to: number): Promise<RollupRow[]>;
  queryTransitions(device: number | null, from: number, to: number, limit: number): Promise<TransitionRow[]>;
  /** Deletes at most `budget` rows older than the cutoffs; returns how many went. */
  prune(cutoffs: PruneCutoffs, budget: number): Promise<number>;

  insertStatRevision(row: NewStatRevision): Promise<StatRevisionRow>;
  /** The latest revision of each key, leaving out keys whose latest revision withdrew the figure. */
  currentStats(): Promise<StatRevisionRow[]>;
  statRevisions(key: string): Promise<StatRevisionRow[]>;
  /**
   * Stores a batch and its revisions in one transaction (each key at most once).
   * A rollback batch (`reverts` set) also marks the batch it undoes, and fails
   * with StatBatchConflict if that batch was already rolled back.
   */
  publishStatBatch(batch: NewStatBatch, rows: NewStatRevision[]): Promise<{ batch: StatBatchRow; revisions: StatRevisionRow[] }>;
  /** Newest first. */
  statBatches(limit: number): Promise<StatBatchRow[]>;
  statBatch(id: number): Promise<{ batch: StatBatchRow; revisions: StatRevisionRow[] } | null>;

  /**
   * Stores an enterprise list (`entries`, JSON) as one batch, or a rollback
   * (`reverts` set, `entries` null) of the list in force: only the newest upload
   * not yet rolled back can be, else StatBatchConflict.
   */
  publishIndustryBatch(batch: NewIndustryBatch, entries: string | null): Promise<IndustryBatchRow>;
  /** Newest first. */
  industryBatches(limit: number): Promise<IndustryBatchRow[]>;
  industryBatch(id: number): Promise<{ batch: IndustryBatchRow; entries: string | null } | null>;
  /** The list in force: the newest upload not rolled back, or null (configuration and seed). */
  currentIndustryBatch(): Promise<{ batch: IndustryBatchRow; entries: string } | null>;
}
