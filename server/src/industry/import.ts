import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import {
  CORE_CATEGORIES,
  ENTERPRISE_TIERS,
  KEY_SECTORS,
  SUBDISTRICTS,
  type BoardConfig,
  type CoreCategoryId,
  type EnterprisePreviewRow,
  type IndustryRegistry,
  type SectorId,
  type TierId,
  type UploadedEnterprise,
} from '@futian/shared';
import type { SheetSpec } from '../stats/import/columns.js';
import type { Cell, RawRow } from '../stats/import/read-file.js';
import { nameKey } from './uploaded.js';

/**
 * The enterprise-list sheet (企业名录): one firm per row. The header may be the
 * Chinese labels (the template's) or the English keys, in this order.
 */
export const ENTERPRISE_COLUMNS = [
  { key: 'name', zh: '企业名称' },
  { key: 'sector', zh: '行业代码' },
  { key: 'category', zh: '类别代码' },
  { key: 'board', zh: '板块代码' },
  { key: 'tier', zh: '梯度代码' },
  { key: 'subdistrict', zh: '街道代码' },
  { key: 'building', zh: '楼宇/园区' },
  { key: 'lng', zh: '经度' },
  { key: 'lat', zh: '纬度' },
  { key: 'since', zh: '成立/引进年份' },
  { key: 'note', zh: '备注' },
] as const;
type Key = (typeof ENTERPRISE_COLUMNS)[number]['key'];

export const ENTERPRISE_SHEET: SheetSpec = { sheet: '企业名录', columns: ENTERPRISE_COLUMNS, maxRows: 10_000 };
const CODES_SHEET = '代码表';

export interface Bbox {
  west: number;
  east: number;
  south: number;
  north: number;
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const SECTORS = new Set<string>(KEY_SECTORS.map((s) => s.id));
const CATEGORIES = new Set<string>(CORE_CATEGORIES.map((c) => c.id));
const TIERS = new Set<string>(ENTERPRISE_TIERS.map((t) => t.id));
const ADCODES = new Set<string>(SUBDISTRICTS.map((s) => s.adcode));

const zhOf = (k: Key): string => ENTERPRISE_COLUMNS.find((c) => c.key === k)!.zh;

/** One row to a firm, or every reason it is not one (a clerk fixes a row once). */
function readRow(row: RawRow, boards: BoardConfig, bbox: Bbox): { entry: UploadedEnterprise | null; errors: string[] } {
  const errors: string[] = [];
  const at = (k: Key): Cell | undefined => row.cells[ENTERPRISE_COLUMNS.findIndex((c) => c.key === k)];
  for (const [i, c] of row.cells.entries()) {
    const col = ENTERPRISE_COLUMNS[i];
    if (!col) {
      if (c.kind !== 'empty') errors.push(`column ${i + 1} is beyond the template's ${ENTERPRISE_COLUMNS.length} columns`);
      continue;
    }
    if (c.kind === 'formula') errors.push(`${col.zh}: formulas are not accepted (${c.formula.slice(0, 40)}); paste the value`);
    else if (c.kind === 'other') errors.push(`${col.zh}: ${c.what} is not accepted`);
  }
  const text = (k: Key): string | null => {
    const c = at(k);
    if (c?.kind === 'text') return c.text.trim() || null;
    if (c?.kind === 'number') return String(c.value);
    return null;
  };
  const num = (k: Key): number | null => {
    const c = at(k);
    if (c?.kind === 'number') return c.value;
    if (c?.kind === 'text' && c.text.trim() !== '') {
      const t = c.text.trim();
      if (NUMBER.test(t)) return Number(t);
      errors.push(`${zhOf(k)}: "${t.slice(0, 40)}" is not a number`);
    }
    return null;
  };
  const code = <T extends string>(k: Key, known: ReadonlySet<string>, required: boolean): T | null => {
    const v = text(k);
    if (v === null) {
      if (required && at(k)?.kind !== 'formula') errors.push(`${zhOf(k)}: missing`);
      return null;
    }
    if (!known.has(v)) {
      errors.push(`${zhOf(k)}: unknown code "${v.slice(0, 40)}" (see the template's ${CODES_SHEET})`);
      return null;
    }
    return v as T;
  };
  const name = text('name');
  if (name === null) {
    if (at('name')?.kind !== 'formula') errors.push(`${zhOf('name')}: missing`);
  } else if (name.length > 100 || /[\u0000-\u001f<>]/.test(name)) errors.push(`${zhOf('name')}: at most 100 characters, no < > or control characters`);
  const sector = code<SectorId>('sector', SECTORS, true);
  const category = code<CoreCategoryId>('category', CATEGORIES, true);
  const board = code<string>('board', new Set(boards.boards.map((b) => b.id)), false);
  const tier = code<TierId>('tier', TIERS, false);
  const subdistrict = code<string>('subdistrict', ADCODES, true);
  const building = text('building');
  if (building !== null && (building.length > 100 || /[\u0000-\u001f<>]/.test(building))) errors.push(`${zhOf('building')}: at most 100 characters, no < > or control characters`);
  const lng = num('lng');
  const lat = num('lat');
  if ((lng === null) !== (lat === null)) errors.push('经度/纬度: give both, or neither (the firm is then placed near its building or sub-district)');
  else if (lng !== null && lat !== null && (lng < bbox.west || lng > bbox.east || lat < bbox.south || lat > bbox.north)) {
    errors.push(`经度/纬度: ${lng}, ${lat} is outside Futian (${bbox.west.toFixed(3)}–${bbox.east.toFixed(3)} E, ${bbox.south.toFixed(3)}–${bbox.north.toFixed(3)} N; WGS84)`);
  }
  const since = num('since');
  if (since !== null && (!Number.isInteger(since) || since < 1950 || since > 2100)) errors.push(`${zhOf('since')}: a year, 1950–2100`);
  const note = text('note');
  if (note !== null && note.length > 200) errors.push(`${zhOf('note')}: at most 200 characters`);
  if (board && sector && !boards.boards.find((b) => b.id === board)!.sectors.includes(sector)) {
    errors.push(`${zhOf('board')}: board ${board} does not hold sector ${sector} (config/boards.json)`);
  }
  if (errors.length > 0 || !name || !sector || !category || !subdistrict) return { entry: null, errors };
  return { entry: { name, sector, category, board, tier, subdistrict, building, lng, lat, since, note }, errors };
}

/**
 * The preview of a list: each row's errors, and both rows of a duplicated
 * name (neither can be trusted). Nothing is published from here.
 */
export function buildEnterprisePreview(rows: readonly RawRow[], ctx: { boards: BoardConfig; bbox: Bbox; namedNames: ReadonlySet<string> }): { rows: EnterprisePreviewRow[]; counts: { ok: number; error: number } } {
  const out: EnterprisePreviewRow[] = rows.map((r) => {
    const { entry, errors } = readRow(r, ctx.boards, ctx.bbox);
    return { line: r.line, status: errors.length ? 'error' : 'ok', errors, entry, named: entry ? ctx.namedNames.has(nameKey(entry.name)) : false };
  });
  const firstOf = new Map<string, EnterprisePreviewRow>();
  for (const r of out) {
    const cell = rows.find((x) => x.line === r.line)!.cells[0];
    const n = r.entry?.name ?? (cell?.kind === 'text' ? cell.text.trim() : '');
    if (!n) continue;
    const first = firstOf.get(nameKey(n));
    if (!first) {
      firstOf.set(nameKey(n), r);
      continue;
    }
    r.errors.push(`企业名称: the same firm as row ${first.line}: each firm once per list`);
    r.status = 'error';
    if (!first.errors.some((e) => e.includes('the same firm as row'))) first.errors.push(`企业名称: the same firm as row ${r.line}: each firm once per list`);
    first.status = 'error';
  }
  for (const r of out) if (r.status === 'error') r.entry = null;
  const error = out.filter((r) => r.status === 'error').length;
  return { rows: out, counts: { ok: out.length - error, error } };
}

/**
 * The template is the real firms the registry has now (the letter's and the
 * list in force), never the simulated ones: a template sent back unchanged
 * must not publish generated names as a unit's real firms.
 */
function rowsOf(reg: IndustryRegistry): Array<Array<string | number>> {
  const placeName = new Map(reg.places.map((p) => [p.id, p.name.zh]));
  return reg.enterprises
    .filter((e) => e.source !== 'sim')
    .map((e) => [
      e.name.zh,
      e.sector,
      e.category,
      e.board ?? '',
      e.tier ?? '',
      e.subdistrict ?? '',
      (e.place ? placeName.get(e.place) : undefined) ?? '',
      e.pos?.given ? e.pos.lng : '',
      e.pos?.given ? e.pos.lat : '',
      e.since ?? '',
      e.note ?? '',
    ]);
}

function codeRows(boards: BoardConfig): string[][] {
  const rows: string[][] = [['类型 kind', '代码 code', '名称', 'name']];
  for (const s of SUBDISTRICTS) rows.push(['街道 subdistrict', s.adcode, s.zh, s.en]);
  for (const s of KEY_SECTORS) rows.push(['行业 sector', s.id, s.zh, s.en]);
  for (const c of CORE_CATEGORIES) rows.push(['类别 category', c.id, c.zh, c.en]);
  for (const t of ENTERPRISE_TIERS) rows.push(['梯度 tier', t.id, t.zh, t.en]);
  for (const b of boards.boards) rows.push(['板块 board', b.id, b.label.zh, b.label.en]);
  return rows;
}

export async function enterpriseTemplateXlsx(reg: IndustryRegistry): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Futian Live Wall';
  const ws = wb.addWorksheet(ENTERPRISE_SHEET.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(ENTERPRISE_COLUMNS.map((c) => c.zh));
  ws.getRow(1).font = { bold: true };
  for (const r of rowsOf(reg)) ws.addRow(r);
  ws.columns.forEach((col, i) => (col.width = [28, 12, 10, 14, 10, 12, 24, 12, 12, 12, 30][i] ?? 12));
  // Codes are text: a leading zero (category 01) must survive Excel.
  for (const c of [2, 3, 4, 5, 6]) ws.getColumn(c).numFmt = '@';
  const codes = wb.addWorksheet(CODES_SHEET);
  for (const r of codeRows(reg.boards)) codes.addRow(r);
  codes.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** UTF-8 with a BOM, so Excel on a Chinese Windows opens it with the right characters. */
export function enterpriseTemplateCsv(reg: IndustryRegistry): Buffer {
  const text = stringify([ENTERPRISE_COLUMNS.map((c) => c.zh), ...rowsOf(reg)]);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
