import type { Label } from './catalogue.js';
import type { StatFigure } from './schemas.js';

/**
 * The console's statistics workflow (docs/API.md, "Statistics from the
 * console"): an uploaded sheet becomes a preview; its uploader publishes it as
 * a batch; a batch can be rolled back once.
 */
export type StatRowStatus = 'new' | 'changed' | 'unchanged' | 'error';

export interface StatPreviewRow {
  /** The row number in the clerk's sheet (the header is row 1). */
  line: number;
  status: StatRowStatus;
  errors: string[];
  figure: StatFigure | null;
  key: string | null;
  /** The value walls show now (changed and unchanged rows). */
  current: number | null;
}

/** A reconciliation check: parts against their total, quarters against the year. */
export interface StatPreviewCheck {
  id: string;
  label: Label;
  period: string;
  total: number | null;
  sum: number | null;
  /** sum − total; null while a part or the total is missing. */
  diff: number | null;
  parts: number;
  missing: number;
  ok: boolean;
}

export interface StatPreview {
  id: string;
  fileName: string;
  sha256: string;
  format: 'xlsx' | 'csv';
  createdAt: number;
  expiresAt: number;
  rows: StatPreviewRow[];
  counts: Record<StatRowStatus, number>;
  checks: StatPreviewCheck[];
}

/** One upload, or the rollback of one. */
export interface StatBatchInfo {
  id: number;
  kind: 'import' | 'rollback';
  createdAt: number;
  actor: string;
  /** The uploader's unit: the source the walls show. */
  unit: string;
  note: string;
  fileName: string;
  fileSha256: string;
  rows: number;
  reverts: number | null;
  revertedBy: number | null;
}
