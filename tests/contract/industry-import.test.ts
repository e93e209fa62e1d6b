import ExcelJS from 'exceljs';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDUSTRY_SLOT, type IndustryRegistry, type IndustrySlot } from '@futian/shared';
import { api, setUpConsole, signInReady, type Staff } from '../support/accounts.js';
import { enrollScreen } from '../support/screens.js';
import { startServer, until, WallClient, type TestServer } from '../support/server.js';

/**
 * Issue #40, the enterprise registry the statistics way: template, a filled
 * list with bad rows, publish (the list replaces the simulated firms, under the
 * clerk's unit; walls are told), history, roll back; hostile files.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['企业名称', '行业代码', '类别代码', '板块代码', '梯度代码', '街道代码', '楼宇/园区', '经度', '纬度', '成立/引进年份', '备注'];
const UNIT = '福田区工业和信息化局';

async function upload(url: string, cookie: string, body: Buffer, name: string, type = XLSX) {
  const res = await fetch(`${url}/api/console/industry/imports?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(cookie ? { cookie } : {}) },
    body: new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function workbook(rows: unknown[][], sheet = '企业名录', edit?: (ws: ExcelJS.Worksheet) => void, header = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function zipOf(entries: Array<[string, Buffer]>): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, data] of entries) z.addBuffer(data, name);
  z.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    z.outputStream.on('error', reject);
  });
}

const registry = async (url: string): Promise<IndustryRegistry> => (await (await fetch(`${url}/api/v1/industry`)).json()) as IndustryRegistry;

describe('the enterprise registry from the console: template, preview, publish, roll back', () => {
  let srv: TestServer;
  let staff: Awaited<ReturnType<typeof setUpConsole>>;
  let clerk: string;
  let wall: WallClient;
  let published = 0;
  const may = async (who: Staff | 'clerk', method: string, path: string, body?: unknown) =>
    (await api(srv.url, method, path, who === 'clerk' ? clerk : staff.cookies[who], body)).status;
  const version = () => (wall.state?.ext[INDUSTRY_SLOT] as IndustrySlot | undefined)?.version;

  beforeAll(async () => {
    srv = await startServer();
    staff = await setUpConsole(srv.url);
    const c = await api(srv.url, 'POST', '/api/console/users', staff.cookies.sysadm, { name: 'wang.fang', password: 'Welcome-2026-wf' });
    const id = (c.body.user as { id: number }).id;
    expect((await api(srv.url, 'PUT', `/api/console/users/${id}/role`, staff.cookies.secadm, { role: 'statistician' })).status).toBe(200);
    clerk = await signInReady(srv.url, 'wang.fang', 'Welcome-2026-wf', 'Registry-pass-6');
    wall = new WallClient(srv.url, {}, await enrollScreen(srv.app, 'industry-wall'));
    await until(() => wall.state !== null, 5000, 'wall snapshot');
  });
  afterAll(async () => {
    wall?.socket.close();
    await srv?.close();
  });

  it('only statisticians load the list; others get 403, strangers 401', async () => {
    expect(await may('clerk', 'GET', '/api/console/industry/batches')).toBe(200);
    for (const who of ['op1', 'sysadm', 'secadm', 'view1', 'aud1'] as const) {
      expect(await may(who, 'GET', '/api/console/industry/template.xlsx')).toBe(403);
      expect(await may(who, 'POST', '/api/console/industry/batches/1/rollback', { note: 'x', unit: 'y' })).toBe(403);
    }
    expect((await fetch(`${srv.url}/api/console/industry/batches`)).status).toBe(401);
    expect((await upload(srv.url, '', Buffer.from('x'), 'a.csv', 'text/csv')).status).toBe(401);
    expect((await upload(srv.url, staff.cookies.op1, Buffer.from('x'), 'a.csv', 'text/csv')).status).toBe(403);
  });

  it('downloads a template of the real firms (the letter\u2019s, never the simulated), in XLSX and CSV', async () => {
    const res = await fetch(`${srv.url}/api/console/industry/template.xlsx`, { headers: { cookie: clerk } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('企业名录')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    const names = (ws.getSheetValues().slice(2) as unknown[][]).map((r) => r[1]);
    expect(names).toEqual(expect.arrayContaining(['华为数字能源', '极智嘉']));
    expect(names.some((n) => String(n).includes('模拟'))).toBe(false);
    expect(wb.getWorksheet('代码表')!.rowCount).toBeGreaterThan(30);
    const csv = Buffer.from(await (await fetch(`${srv.url}/api/console/industry/template.csv`, { headers: { cookie: clerk } })).arrayBuffer());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('企业名称,行业代码,类别代码');
  });

  it('previews a list with bad rows, publishes it under the clerk\u2019s unit, and the wall is told; no simulated firm is served with it', async () => {
    const before = await registry(srv.url);
    expect(before.enterprises.some((e) => e.source === 'sim')).toBe(true);
    const v0 = version();
    expect(v0).toBe('config');
    const file = await workbook([
      ['深圳示例数据科技有限公司', 'bigdata', '03', '', 't1', '440304008', '', 114.055, 22.54, 2015, '名录新增'],
      ['极智嘉', 'ai', '01', 'ex-ai', '', '440304010', '', '', '', 2021, ''],
      ['福田示例云服务有限公司', 'cloud', '02', '', '', '440304004', '', '', '', '', ''],
      ['越界企业', 'ai', '03', '', '', '440304004', '', 113.5, 22.54, '', ''],
      ['未知行业企业', 'quantum', '05', '', '', '440304004', '', '', '', '', ''],
      ['年份错企业', 'ai', '03', '', '', '440304004', '', '', '', '二〇一五', ''],
    ]);
    const pv = await upload(srv.url, clerk, file, '2023名录.xlsx');
    expect(pv.status).toBe(200);
    expect(pv.body.counts).toEqual({ ok: 3, error: 3 });
    const errs = Object.fromEntries(pv.body.rows.map((r: { line: number; errors: string[] }) => [r.line, r.errors.join(' | ')]));
    expect(errs[5]).toMatch(/outside Futian/);
    expect(errs[6]).toMatch(/行业代码: unknown code "quantum"/);
    expect(errs[6]).toMatch(/类别代码: unknown code "05"/);
    expect(errs[7]).toMatch(/成立\/引进年份: "二〇一五" is not a number/);
    expect(pv.body.rows.find((r: { line: number }) => r.line === 3).named).toBe(true);
    expect(pv.body.replaces.simulated).toBeGreaterThan(1000);
    // Nothing published yet.
    expect((await registry(srv.url)).revision ?? null).toBeNull();

    const pub = (body: unknown) => api(srv.url, 'POST', `/api/console/industry/imports/${pv.body.id}/publish`, clerk, body);
    expect((await pub({ note: '2023 名录', unit: UNIT })).body.error).toMatch(/3 row\(s\) have errors/);
    expect((await pub({ note: '', unit: UNIT, skipErrors: true })).body.error).toMatch(/note is required/);
    const t0 = Date.now();
    const ok = await pub({ note: '2023 名录', unit: UNIT, skipErrors: true });
    expect(ok.status).toBe(201);
    expect(ok.body.batch).toMatchObject({ kind: 'import', unit: UNIT, actor: 'wang.fang', rows: 3 });
    published = (ok.body.batch as { id: number }).id;
    await until(() => version() === String(published), 3000, 'the wall hears of the new registry');
    console.log(`publish → wall told in ${Date.now() - t0} ms`);

    const reg = await registry(srv.url);
    expect(reg.revision).toMatchObject({ batch: published, unit: UNIT, firms: 3 });
    expect(reg.enterprises.filter((e) => e.source === 'sim')).toEqual([]);
    expect(reg.places.filter((p) => p.kind === 'digital-building' && !p.named)).toEqual([]);
    const mine = reg.enterprises.find((e) => e.name.zh === '深圳示例数据科技有限公司')!;
    expect(mine).toMatchObject({ source: 'unit', named: false, unit: UNIT, sector: 'bigdata', category: '03', board: 'ex-data', tier: 't1', since: 2015, note: '名录新增' });
    expect(mine.pos).toMatchObject({ lng: 114.055, lat: 22.54, given: true });
    const cloud = reg.enterprises.find((e) => e.name.zh === '福田示例云服务有限公司')!;
    expect(cloud.pos?.given).toBeFalsy();
    expect(cloud.pos?.placedBy.zh).toMatch(/近似/);
    // The letter's firm stays 原文点名, with the list's data and unit.
    expect(reg.enterprises.find((e) => e.name.zh === '极智嘉')).toMatchObject({ named: true, source: 'F', unit: UNIT, subdistrict: '440304010' });
    expect(reg.enterprises.filter((e) => e.name.zh === '极智嘉')).toHaveLength(1);
    // A preview publishes once.
    expect((await pub({ note: 'again', unit: UNIT, skipErrors: true })).status).toBe(404);
  });

  it('lists the history, rolls the list in force back once (the seeded registry returns), and audits every step', async () => {
    const { batches } = (await api(srv.url, 'GET', '/api/console/industry/batches', clerk)).body as { batches: Array<{ id: number; kind: string; fileName: string }> };
    expect(batches[0]).toMatchObject({ id: published, kind: 'import', fileName: '2023名录.xlsx' });
    const detail = (await api(srv.url, 'GET', `/api/console/industry/batches/${published}`, clerk)).body as { entries: Array<{ name: string }> };
    expect(detail.entries.map((e) => e.name)).toEqual(['深圳示例数据科技有限公司', '极智嘉', '福田示例云服务有限公司']);

    expect((await api(srv.url, 'POST', `/api/console/industry/batches/${published}/rollback`, clerk, { note: '', unit: UNIT })).status).toBe(400);
    const back = await api(srv.url, 'POST', `/api/console/industry/batches/${published}/rollback`, clerk, { note: '名录有误', unit: UNIT });
    expect(back.status).toBe(201);
    await until(() => version() === 'config', 3000, 'the wall hears of the rollback');
    const reg = await registry(srv.url);
    expect(reg.revision ?? null).toBeNull();
    expect(reg.enterprises.some((e) => e.source === 'sim')).toBe(true);
    expect(reg.enterprises.some((e) => e.source === 'unit')).toBe(false);
    const again = await api(srv.url, 'POST', `/api/console/industry/batches/${published}/rollback`, clerk, { note: 'x', unit: UNIT });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/already rolled back/);
    expect((await api(srv.url, 'POST', '/api/console/industry/batches/9999/rollback', clerk, { note: 'x', unit: UNIT })).status).toBe(404);

    const rows = await srv.store.audit.query({ limit: 300 });
    const mine = rows.filter((r) => r.actor === 'wang.fang').map((r) => `${r.action}:${r.outcome}`);
    expect(mine).toEqual(expect.arrayContaining(['industry.preview:ok', 'industry.publish:refused', 'industry.publish:ok', 'industry.rollback:ok', 'industry.rollback:refused']));
    expect(rows.find((r) => r.action === 'industry.publish' && r.outcome === 'ok')?.detail).toMatchObject({ unit: UNIT, firms: 3, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('refuses hostile and broken files with a clear reason, changes nothing, and audits the refusal', async () => {
    const before = ((await api(srv.url, 'GET', '/api/console/industry/batches', clerk)).body.batches as unknown[]).length;
    const expectRefused = async (body: Buffer, name: string, status: number, reason: RegExp, type = XLSX) => {
      const r = await upload(srv.url, clerk, body, name, type);
      expect(r.status, name).toBe(status);
      expect(String(r.body.error), name).toMatch(reason);
    };
    await expectRefused(await workbook([['甲', 'ai', '01', '', '', '440304004', '', '', '', '', '']], 'Sheet1'), 'wrong-sheet.xlsx', 400, /no sheet named 企业名录 \(it has: Sheet1\)/);
    await expectRefused(await workbook([['甲', 'ai']], '企业名录', undefined, ['企业名称', '行业代码']), 'missing-columns.xlsx', 400, /first row must be the template's header/);
    // The statistics sheet is not an enterprise list.
    await expectRefused(Buffer.from('指标代码,期间,街道代码,行业代码,类别代码,梯度代码,数值,备注\n'), 'stats.csv', 400, /first row must be the template's header: 企业名称/, 'text/csv');
    await expectRefused(Buffer.alloc(50 * 1024 * 1024, 0x41), 'huge.csv', 413, /too large/, 'text/csv');
    const bomb = await zipOf([['[Content_Types].xml', Buffer.from('<Types/>')], ['xl/worksheets/sheet1.xml', Buffer.alloc(200 * 1024 * 1024)]]);
    await expectRefused(bomb, 'bomb.xlsx', 400, /expands to more than 40 MB/);
    const macro = await zipOf([['[Content_Types].xml', Buffer.from('<Types/>')], ['xl/vbaProject.bin', Buffer.from('VBA')]]);
    await expectRefused(macro, 'macro.xlsm', 400, /macro-enabled workbooks are not accepted/);

    // Formulas, text in number cells, duplicates (both rows), missing required cells: read, and the rows flagged.
    const rowsFile = await workbook(
      [
        ['甲公司', 'ai', '01', '', '', '440304004', '', '', '', '', ''],
        ['乙公司', 'ai', '01', '', '', '440304004', '', '约114', '22.5', '', ''],
        ['丙公司', 'ai', '01', '', '', '440304004', '', '', '', '', ''],
        ['丙公司', 'cloud', '02', '', '', '440304005', '', '', '', '', ''],
        ['丁公司', '', '01', '', '', '', '', '', '', '', ''],
        ['戊公司', 'ai', '01', 'ex-fintech', '', '440304004', '', '', '', '', ''],
      ],
      '企业名录',
      (ws) => (ws.getCell('J2').value = { formula: '2000+15', result: 2015 } as ExcelJS.CellFormulaValue),
    );
    const pv = await upload(srv.url, clerk, rowsFile, 'rows.xlsx');
    expect(pv.status).toBe(200);
    const errs = Object.fromEntries(pv.body.rows.map((r: { line: number; errors: string[] }) => [r.line, r.errors.join(' | ')]));
    expect(errs[2]).toMatch(/成立\/引进年份: formulas are not accepted/);
    expect(errs[3]).toMatch(/经度: "约114" is not a number/);
    expect(errs[4]).toMatch(/the same firm as row 5/);
    expect(errs[5]).toMatch(/the same firm as row 4/);
    expect(errs[6]).toMatch(/行业代码: missing/);
    expect(errs[6]).toMatch(/街道代码: missing/);
    expect(errs[7]).toMatch(/board ex-fintech does not hold sector ai/);
    expect(pv.body.counts).toEqual({ ok: 0, error: 6 });
    // A list with no valid row is never published: it would empty the map.
    const none = await api(srv.url, 'POST', `/api/console/industry/imports/${pv.body.id}/publish`, clerk, { note: 'x', unit: UNIT, skipErrors: true });
    expect(none.status).toBe(400);
    const formulaCsv = Buffer.from(`${HEADER.join(',')}\n=1+2,ai,01,,,440304004,,,,,\n`);
    expect((await upload(srv.url, clerk, formulaCsv, 'f.csv', 'text/csv')).body.rows[0].errors.join()).toMatch(/企业名称: formulas are not accepted/);

    expect(((await api(srv.url, 'GET', '/api/console/industry/batches', clerk)).body.batches as unknown[]).length).toBe(before);
    expect((await registry(srv.url)).revision ?? null).toBeNull();
    const refusals = (await srv.store.audit.query({ limit: 400 })).filter((r) => r.action === 'industry.preview' && r.outcome === 'refused').map((r) => r.target);
    expect(refusals).toEqual(expect.arrayContaining(['wrong-sheet.xlsx', 'missing-columns.xlsx', 'stats.csv', 'huge.csv', 'bomb.xlsx', 'macro.xlsm']));
  }, 60_000);
});
