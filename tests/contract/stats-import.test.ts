import ExcelJS from 'exceljs';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statKey } from '@futian/shared';
import { api, setUpConsole, signInReady, type Staff } from '../support/accounts.js';
import { consoleSocket, latestState } from '../support/console.js';
import { enrollScreen } from '../support/screens.js';
import { startServer, until, WallClient, type TestServer } from '../support/server.js';

/**
 * Issue #40, as statistics staff would use it: template, filled file, preview
 * with a bad row, publish (the wall shows the new period within 2 s), history,
 * roll back; then the files a careless or hostile upload would bring.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['指标代码', '期间', '街道代码', '行业代码', '类别代码', '梯度代码', '数值', '备注'];
const VA_2022 = statKey('de.core.valueAdded', '2022');

async function upload(url: string, cookie: string, body: Buffer, name: string, type = XLSX) {
  const res = await fetch(`${url}/api/console/stats/imports?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(cookie ? { cookie } : {}) },
    body: new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function workbook(rows: unknown[][], sheet = '统计数据', edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(HEADER);
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

describe('statistics from the console: template, preview, publish, roll back', () => {
  let srv: TestServer;
  let staff: Awaited<ReturnType<typeof setUpConsole>>;
  let clerk: string;
  let wall: WallClient;
  const may = async (who: Staff | 'clerk', method: string, path: string, body?: unknown) =>
    (await api(srv.url, method, path, who === 'clerk' ? clerk : staff.cookies[who], body)).status;

  beforeAll(async () => {
    srv = await startServer();
    staff = await setUpConsole(srv.url);
    // A statistics clerk: created by the system admin, made a statistician by the security admin.
    const c = await api(srv.url, 'POST', '/api/console/users', staff.cookies.sysadm, { name: 'li.na', password: 'Welcome-2026-li' });
    const id = (c.body.user as { id: number }).id;
    expect((await api(srv.url, 'PUT', `/api/console/users/${id}/role`, staff.cookies.secadm, { role: 'statistician' })).status).toBe(200);
    clerk = await signInReady(srv.url, 'li.na', 'Welcome-2026-li', 'Statistics-pass-6');
    wall = new WallClient(srv.url, {}, await enrollScreen(srv.app, 'stats-wall'));
    await until(() => wall.state !== null, 5000, 'wall snapshot');
  });
  afterAll(async () => {
    wall?.socket.close();
    await srv?.close();
  });

  it('only statisticians load figures; operators, admins and strangers are refused', async () => {
    expect(await may('clerk', 'GET', '/api/console/stats/batches')).toBe(200);
    for (const who of ['op1', 'sysadm', 'secadm', 'view1', 'aud1'] as const) expect(await may(who, 'GET', '/api/console/stats/template.xlsx')).toBe(403);
    expect((await upload(srv.url, '', Buffer.from('x'), 'a.csv', 'text/csv')).status).toBe(401);
    expect((await upload(srv.url, staff.cookies.op1, Buffer.from('x'), 'a.csv', 'text/csv')).status).toBe(403);
    // The statistician has no wall console: the live console needs console.view.
    const s = consoleSocket(srv.url, clerk);
    await expect(latestState(s).ready).rejects.toThrow('your role has no console');
    s.close();
  });

  it('downloads a template holding the current figures, in XLSX and CSV', async () => {
    const res = await fetch(`${srv.url}/api/console/stats/template.xlsx`, { headers: { cookie: clerk } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('统计数据')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    const rows = ws.getSheetValues().slice(2) as unknown[][];
    expect(rows.some((r) => r[1] === 'de.core.valueAdded' && r[2] === '2021' && r[7] === 624.92)).toBe(true);
    expect(wb.getWorksheet('代码表')!.rowCount).toBeGreaterThan(30);
    const csv = await fetch(`${srv.url}/api/console/stats/template.csv`, { headers: { cookie: clerk } });
    const text = Buffer.from(await csv.arrayBuffer());
    expect([...text.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.toString('utf8')).toContain('指标代码,期间,街道代码');
  });

  it('previews a filled file with one bad row, publishes the rest under the clerk\u2019s unit, and the wall shows 2022 within 2 s', async () => {
    const file = await workbook([
      ['de.core.valueAdded', '2022', '', '', '', '', 701.35, '年报初步数'],
      ['de.core.valueAdded', '2021', '', '', '', '', 624.92, ''],
      ['de.core.growth', '2022', '', '', '', '', '约 12', ''],
    ]);
    const pv = await upload(srv.url, clerk, file, '2022年报.xlsx');
    expect(pv.status).toBe(200);
    expect(pv.body.counts).toEqual({ new: 1, changed: 0, unchanged: 1, error: 1 });
    const bad = pv.body.rows.find((r: { line: number }) => r.line === 4);
    expect(bad.errors.join()).toMatch(/数值: "约 12" is not a number/);
    expect(srv.app.stats.get(VA_2022)).toBeUndefined();

    const pub = (body: unknown) => api(srv.url, 'POST', `/api/console/stats/imports/${pv.body.id}/publish`, clerk, body);
    const refused = await pub({ note: '2022 年报', unit: '福田区统计局' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/1 row\(s\) have errors/);
    expect((await pub({ note: '', unit: '福田区统计局', skipErrors: true })).body.error).toMatch(/note is required/);

    const t0 = Date.now();
    const ok = await pub({ note: '2022 年报', unit: '福田区统计局', skipErrors: true });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ stored: 1, unchanged: 1, batch: { kind: 'import', unit: '福田区统计局', actor: 'li.na', rows: 1 } });
    await until(() => wall.state?.stats[VA_2022]?.value === 701.35, 2000, 'the wall shows 2022');
    console.log(`publish → wall shows the 2022 figure in ${Date.now() - t0} ms`);
    // Provenance: the clerk's unit is the source, the notes are shown, and it is not 模拟.
    expect(wall.state!.stats[VA_2022]).toMatchObject({ source: '福田区统计局', simulated: false, note: '2022 年报 · 年报初步数' });
    // A preview publishes once.
    expect((await pub({ note: 'again', unit: '福田区统计局', skipErrors: true })).status).toBe(404);
  });

  it('lists the history, rolls a batch back once (the 2022 figure is withdrawn from the wall), and audits every step', async () => {
    const { batches } = (await api(srv.url, 'GET', '/api/console/stats/batches', clerk)).body as { batches: Array<{ id: number; kind: string; fileName: string }> };
    const up = batches.find((b) => b.fileName === '2022年报.xlsx')!;
    expect(up.kind).toBe('import');
    const detail = (await api(srv.url, 'GET', `/api/console/stats/batches/${up.id}`, clerk)).body as { revisions: Array<{ key: string }> };
    expect(detail.revisions.map((r) => r.key)).toEqual([VA_2022]);

    const back = await api(srv.url, 'POST', `/api/console/stats/batches/${up.id}/rollback`, clerk, { note: '期间填错', unit: '福田区统计局' });
    expect(back.status).toBe(201);
    await until(() => wall.state !== null && !(VA_2022 in wall.state.stats), 2000, 'the 2022 figure leaves the wall');
    expect(srv.app.stats.get(statKey('de.core.valueAdded', '2021'))?.value).toBe(624.92);
    const again = await api(srv.url, 'POST', `/api/console/stats/batches/${up.id}/rollback`, clerk, { note: 'x', unit: '福田区统计局' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/already rolled back/);
    expect((await api(srv.url, 'POST', '/api/console/stats/batches/9999/rollback', clerk, { note: 'x', unit: 'y' })).status).toBe(404);

    const rows = await srv.store.audit.query({ limit: 200 });
    const mine = rows.filter((r) => r.actor === 'li.na').map((r) => `${r.action}:${r.outcome}`);
    expect(mine).toEqual(expect.arrayContaining(['stats.preview:ok', 'stats.publish:refused', 'stats.publish:ok', 'stats.rollback:ok', 'stats.rollback:refused']));
    expect(rows.find((r) => r.action === 'stats.publish' && r.outcome === 'ok')?.detail).toMatchObject({ unit: '福田区统计局', stored: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('refuses hostile and broken files with a clear reason, changes nothing, and audits the refusal', async () => {
    const before = srv.app.stats.all().length;
    const expectRefused = async (body: Buffer, name: string, status: number, reason: RegExp, type = XLSX) => {
      const r = await upload(srv.url, clerk, body, name, type);
      expect(r.status, name).toBe(status);
      expect(String(r.body.error), name).toMatch(reason);
    };
    await expectRefused(await workbook([['de.core.valueAdded', '2023', '', '', '', '', 1, '']], 'Sheet1'), 'wrong-sheet.xlsx', 400, /no sheet named 统计数据 \(it has: Sheet1\)/);
    await expectRefused(Buffer.from('a,b,c\n1,2,3\n'), 'wrong-columns.csv', 400, /first row must be the template's header/, 'text/csv');
    await expectRefused(Buffer.alloc(50 * 1024 * 1024, 0x41), 'huge.csv', 413, /too large/, 'text/csv');
    // A zip bomb: 200 MB of zeros in a part, a few hundred KB on the wire.
    const bomb = await zipOf([['[Content_Types].xml', Buffer.from('<Types/>')], ['xl/worksheets/sheet1.xml', Buffer.alloc(200 * 1024 * 1024)]]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expectRefused(bomb, 'bomb.xlsx', 400, /expands to more than 40 MB/);
    const macro = await zipOf([['[Content_Types].xml', Buffer.from('<Types/>')], ['xl/vbaProject.bin', Buffer.from('VBA')]]);
    await expectRefused(macro, 'macro.xlsm', 400, /macro-enabled workbooks are not accepted/);
    await expectRefused(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.xls', 400, /old \.xls workbooks/);
    await expectRefused(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'picture.csv', 400, /binary data/, 'text/csv');
    await expectRefused(Buffer.from('not a zip at all'), 'x.xlsx', 415, /Content-Type/, 'image/png');

    // Formulas, text in number cells, unknown codes and duplicates: the file is read, the rows are flagged.
    const rowsFile = await workbook(
      [
        ['de.core.valueAdded', '2023', '', '', '', '', null, ''],
        ['de.core.valueAdded', '2023', '', 'nosuch', '', '', 5, ''],
        ['de.core.valueAdded.q', '2023Q1', '', '', '', '', 100, ''],
        ['de.core.valueAdded.q', '2023Q1', '', '', '', '', 101, ''],
        ['de.core.valueAdded.q', '2023', '', '', '', '', 1, ''],
      ],
      '统计数据',
      (ws) => (ws.getCell('G2').value = { formula: 'SUM(1,2)', result: 3 } as ExcelJS.CellFormulaValue),
    );
    const pv = await upload(srv.url, clerk, rowsFile, 'rows.xlsx');
    expect(pv.status).toBe(200);
    const errs = Object.fromEntries(pv.body.rows.map((r: { line: number; errors: string[] }) => [r.line, r.errors.join(' | ')]));
    expect(errs[2]).toMatch(/formulas are not accepted/);
    expect(errs[3]).toMatch(/unknown sector 'nosuch'/);
    expect(errs[4]).toMatch(/the same figure as row 5/);
    expect(errs[5]).toMatch(/the same figure as row 4/);
    expect(errs[6]).toMatch(/quarterly: period must be YYYYQn/);
    expect(pv.body.counts.error).toBe(5);
    // CSV as Excel on a Chinese Windows saves it (GBK): read, not refused as garbled.
    const gbk = Buffer.from('d6b8b1eab4fac2eb2cc6dabce42cbdd6b5c0b4fac2eb2cd0d0d2b5b4fac2eb2cc0e0b1f0b4fac2eb2cccddb6c8b4fac2eb2ccafdd6b52cb1b8d7a20a64652e636f72652e76616c756541646465642c323032352c2c2c2c2c392e352cc4eab1a80a', 'hex');
    const gp = await upload(srv.url, clerk, gbk, 'gbk.csv', 'text/csv');
    expect(gp.status).toBe(200);
    expect(gp.body.rows[0]).toMatchObject({ status: 'new', figure: { indicator: 'de.core.valueAdded', period: '2025', value: 9.5, note: '年报' } });
    const formulaCsv = Buffer.from(`${HEADER.join(',')}\nde.core.valueAdded,2023,,,,,=1+2,\n`);
    const fp = await upload(srv.url, clerk, formulaCsv, 'f.csv', 'text/csv');
    expect(fp.body.rows[0].errors.join()).toMatch(/formulas are not accepted/);

    expect(srv.app.stats.all().length).toBe(before);
    const refusals = (await srv.store.audit.query({ limit: 300 })).filter((r) => r.action === 'stats.preview' && r.outcome === 'refused').map((r) => r.target);
    expect(refusals).toEqual(expect.arrayContaining(['wrong-sheet.xlsx', 'wrong-columns.csv', 'huge.csv', 'bomb.xlsx', 'macro.xlsm', 'old.xls', 'picture.csv', 'x.xlsx']));
  }, 60_000);

  it('runs the reconciliation checks on the values as they would stand, and publishing a mismatch needs saying so', async () => {
    const sectors = ['bigdata', 'cloud', 'blockchain'];
    const file = await workbook([
      ['de.core.valueAdded', '2024', '', '', '', '', 100, ''],
      ...sectors.map((s) => ['de.core.valueAdded', '2024', '', s, '', '', 30, '']),
      ...[1, 2, 3, 4].map((q) => ['de.core.valueAdded.q', `2024Q${q}`, '', '', '', '', 25, '']),
    ]);
    const pv = await upload(srv.url, clerk, file, 'checks.xlsx');
    const checks = pv.body.checks as Array<{ id: string; ok: boolean; sum: number | null; total: number; missing: number; diff: number | null }>;
    expect(checks.find((c) => c.id.endsWith('|quarters'))).toMatchObject({ ok: true, sum: 100, total: 100, diff: 0 });
    // Three of twelve sectors: 90 of 100, nine parts missing.
    expect(checks.find((c) => c.id.endsWith('|sectors'))).toMatchObject({ ok: false, sum: 90, missing: 9, diff: null });
    const pub = (body: unknown) => api(srv.url, 'POST', `/api/console/stats/imports/${pv.body.id}/publish`, clerk, body);
    expect((await pub({ note: '试算', unit: '福田区统计局' })).body.error).toMatch(/1 reconciliation check\(s\) do not add up/);
    expect((await pub({ note: '试算', unit: '福田区统计局', acceptMismatch: true })).status).toBe(201);
  });
});
