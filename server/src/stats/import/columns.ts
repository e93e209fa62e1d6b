import { CATALOGUE, CORE_CATEGORIES, ENTERPRISE_TIERS, KEY_SECTORS, METRIC_IDS, NON_CORE_CATEGORY, SUBDISTRICTS } from '@futian/shared';

/**
 * The statistics sheet a clerk fills in: one figure per row. The header may be
 * the Chinese labels (the template's) or the English keys, in this order; codes
 * are listed on the template's second sheet. Every figure a wall shows as a
 * statistic can be loaded this way (the live telemetry cannot).
 */
export const SHEET_NAME = '统计数据';
export const CODES_SHEET = '代码表';

export const COLUMNS = [
  { key: 'indicator', zh: '指标代码' },
  { key: 'period', zh: '期间' },
  { key: 'subdistrict', zh: '街道代码' },
  { key: 'sector', zh: '行业代码' },
  { key: 'category', zh: '类别代码' },
  { key: 'tier', zh: '梯度代码' },
  { key: 'value', zh: '数值' },
  { key: 'note', zh: '备注' },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]['key'];

/** The most rows one file may hold: the token API's limit too. */
export const MAX_ROWS = 10_000;

/** Statistics indicators (not live telemetry), for the template and the code sheet. */
export const STAT_INDICATORS = METRIC_IDS.filter((id) => CATALOGUE[id].cadence !== 'realtime');

/** The code sheet: every code the sheet accepts, with its name. */
export function codeRows(): string[][] {
  const rows: string[][] = [['类型 kind', '代码 code', '名称', 'name', '说明 note']];
  for (const id of STAT_INDICATORS) {
    const d = CATALOGUE[id];
    const cadence = d.cadence === 'quarterly' ? '季度 YYYYQn' : '年度 YYYY';
    rows.push(['指标 indicator', id, d.label.zh, d.label.en, `${cadence} · ${d.unit.zh}`]);
  }
  for (const s of SUBDISTRICTS) rows.push(['街道 subdistrict', s.adcode, s.zh, s.en, '']);
  for (const s of KEY_SECTORS) rows.push(['行业 sector', s.id, s.zh, s.en, '']);
  for (const c of [...CORE_CATEGORIES, NON_CORE_CATEGORY]) rows.push(['类别 category', c.id, c.zh, c.en, '']);
  for (const t of ENTERPRISE_TIERS) rows.push(['梯度 tier', t.id, t.zh, t.en, '']);
  return rows;
}

/** A sheet an upload must be: its name in a workbook, its columns in order, its row limit. */
export interface SheetSpec {
  sheet: string;
  columns: ReadonlyArray<{ key: string; zh: string }>;
  maxRows: number;
}

export const STATS_SHEET: SheetSpec = { sheet: SHEET_NAME, columns: COLUMNS, maxRows: MAX_ROWS };

/** Whether the header row is the template's (Chinese labels or English keys), or an error naming what is wrong. */
export function readHeader(cells: readonly string[], columns: SheetSpec['columns'] = COLUMNS): { ok: true } | { ok: false; error: string } {
  const got = cells.map((c) => c.trim());
  while (got.length > 0 && got.at(-1) === '') got.pop();
  const zh = columns.map((c) => c.zh);
  const en = columns.map((c) => c.key);
  const same = (want: string[]) => want.length === got.length && want.every((w, i) => w === got[i]);
  if (same(zh) || same(en)) return { ok: true };
  return {
    ok: false,
    error: `the first row must be the template's header: ${zh.join(', ')} (or ${en.join(', ')}); found: ${got.join(', ') || '(empty)'}`,
  };
}
