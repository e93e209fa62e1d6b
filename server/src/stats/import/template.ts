import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { StatValue } from '@futian/shared';
import { codeRows, COLUMNS, CODES_SHEET, SHEET_NAME, STAT_INDICATORS } from './columns.js';

/**
 * The template is the figures the walls show now, one per row, so a clerk
 * edits what changed, adds the new period's rows, and uploads the file back;
 * unchanged rows are reported as unchanged and store nothing.
 */
function rowsOf(values: readonly StatValue[]): Array<Array<string | number>> {
  const wanted = new Set<string>(STAT_INDICATORS);
  return values
    .filter((v) => wanted.has(v.indicator))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((v) => [v.indicator, v.period, v.scope.subdistrict ?? '', v.scope.sector ?? '', v.scope.category ?? '', v.scope.tier ?? '', v.value, '']);
}

export async function templateXlsx(values: readonly StatValue[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Futian Live Wall';
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(COLUMNS.map((c) => c.zh));
  ws.getRow(1).font = { bold: true };
  for (const r of rowsOf(values)) ws.addRow(r);
  ws.columns.forEach((col, i) => (col.width = [28, 10, 12, 12, 10, 10, 14, 30][i] ?? 12));
  // Codes are text: a sub-district code must not become 440304001 as a number with lost zeros elsewhere.
  for (const c of [1, 2, 3, 4, 5, 6]) ws.getColumn(c).numFmt = '@';
  const codes = wb.addWorksheet(CODES_SHEET);
  for (const r of codeRows()) codes.addRow(r);
  codes.getRow(1).font = { bold: true };
  codes.columns.forEach((col, i) => (col.width = [16, 28, 28, 36, 20][i] ?? 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** UTF-8 with a BOM, so Excel on a Chinese Windows opens it with the right characters. */
export function templateCsv(values: readonly StatValue[]): Buffer {
  const text = stringify([COLUMNS.map((c) => c.zh), ...rowsOf(values)]);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
