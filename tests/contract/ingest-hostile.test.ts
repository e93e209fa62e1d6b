import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, startServer, type TestServer } from '../support/server.js';

const SD = '440304006';

describe('ingest: hostile input never crashes the server or loses accepted data', () => {
  let srv: TestServer;
  let url: string;

  beforeAll(async () => {
    srv = await startServer();
    url = `${srv.url}/api/v1/ingest`;
    const devices = [
      ...Array.from({ length: 20 }, (_, i) => ({ deviceId: `PILE-H-${i}`, kind: 'pile', subdistrict: SD, siteId: 'SITE-H', fast: i < 5 })),
      { deviceId: 'BS-H-1', kind: 'bs5g', subdistrict: SD },
      { deviceId: 'POLE-H-1', kind: 'pole', subdistrict: SD },
    ];
    expect((await post(`${srv.url}/api/v1/devices`, { devices }, srv.token)).status).toBe(200);
  });
  afterAll(async () => srv.close());

  const ok = (over: Record<string, unknown> = {}) => ({ deviceId: 'PILE-H-7', kind: 'pile', ts: Date.now(), status: 'online', busy: false, ...over });
  const one = async (item: unknown) => {
    const r = await post(url, { reports: [item] }, srv.token);
    expect(r.status).toBe(202);
    return r.json as { accepted: number; duplicates: number; rejected: Array<{ index: number; code: string; error: string }> };
  };

  it.each([
    ['truncated', '{"reports": [{"deviceId": "x"'],
    ['trailing garbage', '{"reports": []} xx'],
    ['single quotes', "{'reports': []}"],
    ['bare NaN token', '{"reports": [{"ts": NaN}]}'],
    ['empty body', ''],
    ['BOM and nothing', '\ufeff'],
  ])('malformed JSON (%s) → 400 with a JSON reason', async (_name, body) => {
    const r = await post(url, body, srv.token, true);
    expect(r.status).toBe(400);
    expect(typeof r.json.error).toBe('string');
  });

  it.each([
    ['array body', []],
    ['null', null],
    ['number', 42],
    ['reports is an object', { reports: {} }],
    ['reports is a string', { reports: 'abc' }],
    ['no reports key', { data: [] }],
  ])('wrong body type (%s) → 400', async (_n, body) => {
    const r = await post(url, body, srv.token);
    expect(r.status).toBe(400);
    expect(typeof r.json.error).toBe('string');
  });

  it('a non-JSON content type → 400 naming the expected type', async () => {
    const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${srv.token}`, 'content-type': 'text/plain' }, body: 'hello' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('application/json');
  });

  it.each([
    ['non-object item (number)', 5, 'not_object'],
    ['non-object item (array)', [1, 2], 'not_object'],
    ['null item', null, 'not_object'],
    ['wrong kind', { ...ok(), kind: 'tower' }, 'wrong_kind'],
    ['kind disagrees with registry', { ...ok(), deviceId: 'BS-H-1' }, 'wrong_kind'],
    ['wrong status', { ...ok(), status: 'ONLINE' }, 'wrong_status'],
    ['ts as string', { ...ok(), ts: '2024-01-01' }, 'bad_ts'],
    ['ts NaN as string', { ...ok(), ts: 'NaN' }, 'bad_ts'],
    ['ts fractional', { ...ok(), ts: 1.5 }, 'bad_ts'],
    ['ts negative', { ...ok(), ts: -1 }, 'bad_ts'],
    ['ts far future', { ...ok(), ts: Date.now() + 6 * 60_000 }, 'ts_future'],
    ['ts older than retention', { ...ok(), ts: Date.now() - 49 * 3_600_000 }, 'ts_too_old'],
    ['busy not boolean', { ...ok(), busy: 'yes' }, 'bad_field'],
    ['negative power', { ...ok(), powerKw: -3 }, 'bad_field'],
    ['fast flag disagrees with registry', { ...ok(), fast: true }, 'bad_field'],
    ['nested field', { ...ok(), extra: { a: 1 } }, 'bad_field'],
    ['huge deviceId', { ...ok(), deviceId: 'X'.repeat(1_000_000) }, 'oversized_field'],
    ['huge extra string', { ...ok(), note: 'y'.repeat(10_000) }, 'oversized_field'],
    ['unknown device', { ...ok(), deviceId: 'PILE-NOPE' }, 'unknown_device'],
    ['deviceId with spaces', { ...ok(), deviceId: 'PILE H 1' }, 'bad_field'],
  ])('%s → rejected with code %s, not a 4xx for the batch', async (_n, item, code) => {
    const res = await one(item);
    expect(res.accepted).toBe(0);
    expect(res.rejected).toHaveLength(1);
    expect(res.rejected[0]!.code).toBe(code);
    expect(res.rejected[0]!.error.length).toBeLessThan(300);
  });

  it('Infinity from an overflowing literal (1e999) is rejected as a bad ts or field', async () => {
    const body = `{"reports":[{"deviceId":"PILE-H-1","kind":"pile","ts":1e999,"status":"online"},{"deviceId":"PILE-H-1","kind":"pile","ts":${Date.now()},"status":"online","powerKw":1e999}]}`;
    const r = await post(url, body, srv.token, true);
    expect(r.status).toBe(202);
    const codes = (r.json.rejected as Array<{ code: string }>).map((x) => x.code);
    expect(codes).toEqual(['bad_ts', 'bad_field']);
  });

  it('deep nesting inside an item or as the whole body never crashes', async () => {
    const deepItem = `{"reports":[${'['.repeat(50_000)}${']'.repeat(50_000)}]}`;
    const r1 = await post(url, deepItem, srv.token, true);
    expect([202, 400]).toContain(r1.status);
    if (r1.status === 202) expect((r1.json.rejected as Array<{ code: string }>)[0]!.code).toBe('not_object');
    const deepBody = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const r2 = await post(url, deepBody, srv.token, true);
    expect(r2.status).toBe(400);
    const h = await fetch(`${srv.url}/api/health`);
    expect(h.status).toBe(200);
  });

  it('a 50 MB body gets 413 with a JSON reason; without a token it is refused 401 first', async () => {
    const big = `{"reports":["${'z'.repeat(50 * 1024 * 1024)}"]}`;
    const r = await post(url, big, srv.token, true);
    expect(r.status).toBe(413);
    expect(r.json.error).toBe('body too large');
    const anon = await post(url, big, undefined, true);
    expect(anon.status).toBe(401);
  });

  it('a batch over the item limit gets 413', async () => {
    const reports = Array.from({ length: 10_001 }, () => 1);
    const r = await post(url, { reports }, srv.token);
    expect(r.status).toBe(413);
    expect(r.json.limit).toBe(10_000);
  });

  it('duplicates are idempotent and out-of-order reports are stored without moving live state', async () => {
    const t0 = Date.now() - 10_000;
    const a = await post(url, { reports: [{ deviceId: 'BS-H-1', kind: 'bs5g', ts: t0, status: 'fault' }] }, srv.token);
    expect(a.json).toMatchObject({ accepted: 1, duplicates: 0 });
    const again = await post(url, { reports: [{ deviceId: 'BS-H-1', kind: 'bs5g', ts: t0, status: 'fault' }, { deviceId: 'BS-H-1', kind: 'bs5g', ts: t0, status: 'online' }] }, srv.token);
    expect(again.json).toMatchObject({ accepted: 0, duplicates: 2 });
    const older = await post(url, { reports: [{ deviceId: 'BS-H-1', kind: 'bs5g', ts: t0 - 5000, status: 'online' }] }, srv.token);
    expect(older.json).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(srv.app.live.fleet.status(srv.app.registry.get('BS-H-1')!.idx)).toBe('fault');
  });

  it('property: arbitrary JSON items get one verdict each, never a 5xx, and accepted = persisted', async () => {
    const before = await srv.store.countReports();
    const acceptedBefore = srv.app.ingest.acceptedTotal;
    const valid = fc.record({
      deviceId: fc.constantFrom('PILE-H-1', 'PILE-H-2', 'PILE-H-3', 'PILE-H-9', 'PILE-NOPE'),
      kind: fc.constantFrom('pile', 'pile', 'bs5g'),
      ts: fc.integer({ min: Date.now() - 3_600_000, max: Date.now() }),
      status: fc.constantFrom('online', 'offline', 'fault', 'broken'),
      busy: fc.boolean(),
      powerKw: fc.double({ min: -10, max: 2000, noNaN: true }),
    });
    const item = fc.oneof(valid, valid, fc.anything({ maxDepth: 3 }), fc.string(), fc.double());
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 40 }), async (items) => {
        const r = await post(url, { reports: items }, srv.token);
        expect(r.status).toBe(202);
        const j = r.json as { accepted: number; duplicates: number; rejected: unknown[] };
        expect(j.accepted + j.duplicates + j.rejected.length).toBe(items.length);
      }),
      { numRuns: 120 },
    );
    const persisted = (await srv.store.countReports()) - before;
    expect(persisted).toBe(srv.app.ingest.acceptedTotal - acceptedBefore);
    expect(persisted).toBeGreaterThan(0);
  });

  it('metrics count rejections by reason and source', async () => {
    const text = await (await fetch(`${srv.url}/metrics`)).text();
    expect(text).toMatch(/wall_reports_rejected_total\{source="mock-feeds",reason="unknown_device"\} \d+/);
    expect(text).toMatch(/wall_reports_accepted_total\{source="mock-feeds"\} \d+/);
    expect(text).toContain('wall_event_loop_delay_seconds');
  });
});
