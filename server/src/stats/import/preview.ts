import {
  CATALOGUE,
  CORE_CATEGORIES,
  ENTERPRISE_TIERS,
  isMetricId,
  KEY_SECTORS,
  StatFigure,
  statKey,
  SUBDISTRICTS,
  type Label,
  type StatScope,
  type StatPreview,
  type StatPreviewCheck,
  type StatPreviewRow,
  type StatRowStatus,
  type StatValue,
} from '@futian/shared';
import { COLUMNS, type ColumnKey } from './columns.js';
import type { Cell, RawRow } from './read-file.js';

export type RowStatus = StatRowStatus;
export type PreviewRow = StatPreviewRow;
export type PreviewCheck = StatPreviewCheck;
export type PreviewBody = Pick<StatPreview, 'rows' | 'counts' | 'checks'>;

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function textOf(c: Cell | undefined): string | undefined {
  if (!c || c.kind === 'empty') return undefined;
  if (c.kind === 'text') return c.text.trim() || undefined;
  if (c.kind === 'number') return String(c.value);
  return undefined;
}

/**
 * One sheet row to a figure, or the reasons it is not one. Every problem of the
 * row is listed, not only the first, so a clerk fixes a row once.
 */
function readRow(row: RawRow, validate: (f: StatFigure) => string | null): { figure: StatFigure | null; errors: string[] } {
  const errors: string[] = [];
  const at = (k: ColumnKey) => row.cells[COLUMNS.findIndex((c) => c.key === k)];
  for (const [i, c] of row.cells.entries()) {
    const col = COLUMNS[i];
    if (!col) {
      if (c.kind !== 'empty') errors.push(`column ${i + 1} is beyond the template's ${COLUMNS.length} columns`);
      continue;
    }
    if (c.kind === 'formula') errors.push(`${col.zh}: formulas are not accepted (${c.formula.slice(0, 40)}); paste the value`);
    else if (c.kind === 'other') errors.push(`${col.zh}: ${c.what} is not accepted`);
  }
  const v = at('value');
  let value: number | undefined;
  if (v?.kind === 'number') value = v.value;
  else if (v?.kind === 'text') {
    const t = v.text.trim();
    if (NUMBER.test(t)) value = Number(t);
    else errors.push(`数值: "${t.slice(0, 40)}" is not a number (no units, thousands separators or words)`);
  } else if (!v || v.kind === 'empty') errors.push('数值: missing');
  const raw = {
    indicator: textOf(at('indicator')),
    period: textOf(at('period')),
    subdistrict: textOf(at('subdistrict')),
    sector: textOf(at('sector')),
    category: textOf(at('category')),
    tier: textOf(at('tier')),
    value,
    note: textOf(at('note')),
  };
  if (errors.length > 0) return { figure: null, errors };
  const parsed = StatFigure.safeParse(Object.fromEntries(Object.entries(raw).filter(([, x]) => x !== undefined)));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const col = COLUMNS.find((c) => c.key === issue.path[0]);
      errors.push(`${col?.zh ?? String(issue.path[0] ?? 'row')}: ${issue.path[0] === undefined || raw[issue.path[0] as keyof typeof raw] === undefined ? 'missing' : issue.message}`);
    }
    return { figure: null, errors };
  }
  const err = validate(parsed.data);
  return err ? { figure: null, errors: [err] } : { figure: parsed.data, errors: [] };
}

const scopeOf = (f: StatFigure): StatScope => ({
  ...(f.subdistrict ? { subdistrict: f.subdistrict } : {}),
  ...(f.sector ? { sector: f.sector } : {}),
  ...(f.category ? { category: f.category } : {}),
  ...(f.tier ? { tier: f.tier } : {}),
});

/**
 * The preview of a sheet: each row's status against what the walls show now,
 * every row's errors, duplicates (both rows, since neither can be trusted), and
 * the reconciliation checks a statistics office runs, over the values as they
 * would stand after publishing (the file's valid rows over the current ones).
 */
export function buildPreview(rows: RawRow[], current: (key: string) => StatValue | undefined, validate: (f: StatFigure) => string | null): PreviewBody {
  const out: PreviewRow[] = rows.map((r) => {
    const { figure, errors } = readRow(r, validate);
    const key = figure ? statKey(figure.indicator, figure.period, scopeOf(figure)) : null;
    return { line: r.line, status: errors.length ? 'error' : 'new', errors, figure, key, current: null };
  });
  const firstOf = new Map<string, PreviewRow>();
  for (const r of out) {
    if (!r.key) continue;
    const first = firstOf.get(r.key);
    if (!first) {
      firstOf.set(r.key, r);
      continue;
    }
    r.errors.push(`the same figure as row ${first.line}: each figure once per file`);
    r.status = 'error';
    if (!first.errors.some((e) => e.startsWith('the same figure as row'))) first.errors.push(`the same figure as row ${r.line}: each figure once per file`);
    first.status = 'error';
  }
  for (const r of out) {
    if (r.status === 'error' || !r.key || !r.figure) continue;
    const cur = current(r.key);
    r.current = cur?.value ?? null;
    r.status = !cur ? 'new' : cur.value === r.figure.value ? 'unchanged' : 'changed';
  }
  const after = new Map<string, number>();
  const valid = out.filter((r) => r.status !== 'error' && r.key && r.figure);
  for (const r of valid) after.set(r.key!, r.figure!.value);
  const value = (indicator: string, period: string, scope: StatScope = {}): number | null => {
    const k = statKey(indicator, period, scope);
    return after.get(k) ?? current(k)?.value ?? null;
  };
  const counts: Record<RowStatus, number> = { new: 0, changed: 0, unchanged: 0, error: 0 };
  for (const r of out) counts[r.status]++;
  // Only groups the file changes are checked: the rest was checked when it was loaded,
  // and a template sent back unchanged must not be held up by last year's rounding.
  const changing = valid.filter((r) => r.status === 'new' || r.status === 'changed').map((r) => r.figure!);
  return { rows: out, counts, checks: checksFor(changing, value) };
}

const VA = 'de.core.valueAdded';
const VA_Q = 'de.core.valueAdded.q';
const ENT = 'de.core.enterprises';

function check(id: string, label: Label, period: string, total: number | null, parts: (number | null)[], decimals: number): PreviewCheck {
  const scale = 10 ** decimals;
  const missing = parts.filter((p) => p === null).length;
  const sum = missing === parts.length ? null : parts.reduce<number>((a, p) => a + Math.round((p ?? 0) * scale), 0) / scale;
  const diff = total !== null && sum !== null && missing === 0 ? Math.round(sum * scale - total * scale) / scale : null;
  return { id, label, period, total, sum, diff, parts: parts.length, missing, ok: diff === 0 };
}

/**
 * The checks the file touches: for each year of value added it loads (annual
 * or quarterly), the sectors, the categories and the sub-districts each
 * against the district total, and the four quarters against the year; for each
 * quarter of enterprise counts, the tiers against the count. Years and quarters
 * the file does not change are not checked again; quarters are checked against
 * the year once all four are in.
 */
function checksFor(figures: StatFigure[], value: (indicator: string, period: string, scope?: StatScope) => number | null): PreviewCheck[] {
  const out: PreviewCheck[] = [];
  const years = new Set<string>();
  const quarters = new Set<string>();
  for (const f of figures) {
    if (f.indicator === VA) years.add(f.period);
    if (f.indicator === VA_Q) years.add(f.period.slice(0, 4));
    if (f.indicator === ENT) quarters.add(f.period);
  }
  const dec = (id: string) => (isMetricId(id) ? CATALOGUE[id].decimals : 2);
  for (const y of [...years].sort()) {
    const total = value(VA, y);
    const breakdowns: Array<[string, Label, (number | null)[]]> = [
      ['sectors', { zh: '12 个重点行业之和 = 核心产业增加值', en: '12 key sectors add up to core value added' }, KEY_SECTORS.map((s) => value(VA, y, { sector: s.id }))],
      ['categories', { zh: '01–04 类之和 = 核心产业增加值', en: 'categories 01–04 add up to core value added' }, CORE_CATEGORIES.map((c) => value(VA, y, { category: c.id }))],
      ['subdistricts', { zh: '10 个街道之和 = 核心产业增加值', en: '10 sub-districts add up to core value added' }, SUBDISTRICTS.map((s) => value(VA, y, { subdistrict: s.adcode }))],
    ];
    // A breakdown with no part at all is not published for that year: nothing to reconcile.
    for (const [id, label, parts] of breakdowns) if (parts.some((p) => p !== null)) out.push(check(`${VA}|${y}|${id}`, label, y, total, parts, 2));
    const qs = [1, 2, 3, 4].map((q) => value(VA_Q, `${y}Q${q}`));
    // A year still in progress (Q1–Q3 published) has nothing to reconcile yet.
    if (qs.every((q) => q !== null)) {
      out.push(check(`${VA_Q}|${y}|quarters`, { zh: '四个季度之和 = 全年', en: 'the four quarters add up to the year' }, y, total, qs, dec(VA_Q)));
    }
  }
  for (const q of [...quarters].sort()) {
    const tiers = ENTERPRISE_TIERS.map((t) => value(ENT, q, { tier: t.id }));
    if (tiers.some((t) => t !== null)) out.push(check(`${ENT}|${q}|tiers`, { zh: '各梯度企业数之和 = 企业总数', en: 'tiers add up to the enterprise count' }, q, value(ENT, q), tiers, 0));
  }
  return out;
}
