import type { IndustryBatchRow, StatBatchRow } from './types.js';

/** A stat_batches row as both stores return it (snake_case). */
export interface StatBatchDbRow {
  id: number;
  kind: string;
  created_at: number;
  actor: string;
  unit: string;
  note: string;
  file_name: string;
  file_sha256: string;
  rows: number;
  reverts: number | null;
  reverted_by: number | null;
}

/** The same mapping for both stores; created_at is a bigint on PostgreSQL, read as a number. */
export const toStatBatch = (r: StatBatchDbRow): StatBatchRow => ({
  id: r.id,
  kind: r.kind === 'rollback' ? 'rollback' : 'import',
  createdAt: Number(r.created_at),
  actor: r.actor,
  unit: r.unit,
  note: r.note,
  fileName: r.file_name,
  fileSha256: r.file_sha256,
  rows: r.rows,
  reverts: r.reverts,
  revertedBy: r.reverted_by,
});

/** An industry_batches row: a statistics batch's columns plus the list itself. */
export interface IndustryBatchDbRow extends StatBatchDbRow {
  entries: string | null;
}

export const toIndustryBatch = (r: IndustryBatchDbRow): IndustryBatchRow => toStatBatch(r);
