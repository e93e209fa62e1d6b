import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { readHeader, STATS_SHEET, type SheetSpec } from './columns.js';
import { FileRefused, guardZip } from './zip-guard.js';

/** One cell as the file holds it: text or a number, or a formula (refused, with its row). */
export type Cell = { kind: 'empty' } | { kind: 'text'; text: string } | { kind: 'number'; value: number } | { kind: 'formula'; formula: string } | { kind: 'other'; what: string };

export interface RawRow {
  /** The row number the clerk sees in their spreadsheet (the header is row 1). */
  line: number;
  cells: Cell[];
}

export interface ReadSheet {
  format: 'xlsx' | 'csv';
  rows: RawRow[];
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * Reads an uploaded sheet (statistics, the enterprise registry: `spec` names
 * the sheet and its columns), or refuses it with a reason a clerk can act on.
 * XLSX is recognised by its content, not its name; anything else must be CSV
 * text (UTF-8, or GB18030 as Excel on a Chinese Windows saves it).
 */
export async function readSheetFile(buf: Buffer, spec: SheetSpec): Promise<ReadSheet> {
  if (buf.length === 0) throw new FileRefused('the file is empty');
  if (buf.subarray(0, 4).equals(OLE)) throw new FileRefused('old .xls workbooks (and .xlsm/.doc) are not accepted: save the sheet as .xlsx or CSV');
  if (buf.subarray(0, 4).equals(ZIP)) return { format: 'xlsx', rows: await readXlsx(buf, spec) };
  return { format: 'csv', rows: readCsv(buf, spec) };
}

/** The statistics sheet (统计数据). */
export function readStatsFile(buf: Buffer): Promise<ReadSheet> {
  return readSheetFile(buf, STATS_SHEET);
}

async function readXlsx(buf: Buffer, { sheet: SHEET_NAME, columns: COLUMNS, maxRows: MAX_ROWS }: SheetSpec): Promise<RawRow[]> {
  await guardZip(buf);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    throw new FileRefused(`not a readable .xlsx file (${e instanceof Error ? e.message : String(e)})`);
  }
  const ws = wb.getWorksheet(SHEET_NAME);
  if (!ws) {
    const names = wb.worksheets.map((w) => w.name).join(', ');
    throw new FileRefused(`the workbook has no sheet named ${SHEET_NAME} (it has: ${names || 'none'}); use the template`);
  }
  const rows: RawRow[] = [];
  let header: string[] | null = null;
  let problem: FileRefused | null = null;
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    if (problem) return;
    const cells: Cell[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, COLUMNS.length); c++) cells.push(cellOf(row.getCell(c).value));
    if (header === null) {
      header = cells.map((x) => (x.kind === 'text' ? x.text : x.kind === 'number' ? String(x.value) : ''));
      const h = readHeader(header, COLUMNS);
      if (!h.ok) problem = new FileRefused(h.error);
      return;
    }
    if (cells.every((x) => x.kind === 'empty')) return;
    if (rows.length >= MAX_ROWS) {
      problem = new FileRefused(`the sheet has more than ${MAX_ROWS} rows; split it into several files`);
      return;
    }
    rows.push({ line, cells });
  });
  if (problem) throw problem;
  if (header === null) throw new FileRefused(`the sheet ${SHEET_NAME} is empty`);
  return rows;
}

function cellOf(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined || v === '') return { kind: 'empty' };
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'string') return { kind: 'text', text: v };
  if (typeof v === 'boolean') return { kind: 'other', what: 'a TRUE/FALSE value' };
  if (v instanceof Date) return { kind: 'other', what: 'a date' };
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) return { kind: 'formula', formula: String((v as { formula?: string }).formula ?? (v as { sharedFormula?: string }).sharedFormula) };
    if ('richText' in v) return { kind: 'text', text: v.richText.map((t) => t.text).join('') };
    if ('text' in v && typeof v.text === 'string') return { kind: 'text', text: v.text };
    if ('error' in v) return { kind: 'other', what: `an error value (${String(v.error)})` };
  }
  return { kind: 'other', what: 'a value the sheet cannot use' };
}

function decode(buf: Buffer): string {
  if (buf.includes(0)) throw new FileRefused('not a CSV or .xlsx file (it holds binary data)');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    // Excel on a Chinese Windows saves "CSV (逗号分隔)" in the ANSI code page, GBK (a subset of GB18030).
    return new TextDecoder('gb18030').decode(buf);
  }
}

function readCsv(buf: Buffer, { columns, maxRows: MAX_ROWS }: SheetSpec): RawRow[] {
  const text = decode(buf).replace(/^\uFEFF/, '');
  let records: string[][];
  try {
    records = parseCsv(text, { relax_column_count: true, skip_empty_lines: false, max_record_size: 64 * 1024, to: MAX_ROWS + 2 }) as string[][];
  } catch (e) {
    throw new FileRefused(`not a readable CSV file (${e instanceof Error ? e.message : String(e)})`);
  }
  if (records.length === 0) throw new FileRefused('the file is empty');
  const h = readHeader(records[0]!, columns);
  if (!h.ok) throw new FileRefused(h.error);
  const rows: RawRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const rec = records[i]!;
    if (rec.every((x) => x.trim() === '')) continue;
    if (rows.length >= MAX_ROWS) throw new FileRefused(`the sheet has more than ${MAX_ROWS} rows; split it into several files`);
    // A CSV cell is text; a leading = is a formula the clerk's spreadsheet would have run.
    rows.push({ line: i + 1, cells: rec.map((x): Cell => (x.trim() === '' ? { kind: 'empty' } : x.trim().startsWith('=') ? { kind: 'formula', formula: x.trim() } : { kind: 'text', text: x })) });
  }
  return rows;
}
