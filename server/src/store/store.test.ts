import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alarm } from '@futian/shared';
import { BACKENDS, type OpenBackend } from '../testing/backends.js';
import { dev, FT, XMH } from '../testing/fixtures.js';
import type { EnrollLinkRow, ScreenRow } from './ops-types.js';
import type { NewStatRevision, RawReportRow } from './types.js';

const row = (ts: number, device: number, extra: Partial<RawReportRow> = {}): RawReportRow => ({
  ts,
  device,
  status: 1,
  busy: null,
  powerKw: null,
  sensors: null,
  source: 1,
  ...extra,
});
const DAY = 86_400_000;

/**
 * The Store contract, run against SQLite and PostgreSQL alike: the same calls
 * must give the same answers, duplicates and ordering included. The audit
 * trail's part is in audit-repo.test.ts.
 */
describe.each(BACKENDS)('store on $kind', (backend) => {
  let t: OpenBackend;
  beforeEach(async () => {
    t = await backend.open();
  });
  afterEach(() => t.cleanup());

  it('reports its kind', () => {
    expect(t.store.kind).toBe(backend.kind);
  });

  describe('telemetry', () => {
    it('reports exactly which rows were new, across chunk sizes and with duplicates anywhere', async () => {
      // 137 rows = 2×50 + 3×10 + 7×1, so every SQLite chunk size runs.
      const first = Array.from({ length: 137 }, (_, i) => row(1000 + i, i % 7));
      expect([...(await t.store.insertReports(first))].every((x) => x === 1)).toBe(true);
      // A second batch mixing new rows with old ones and an in-batch repeat.
      const second = Array.from({ length: 137 }, (_, i) => (i % 13 === 0 ? row(1000 + i, i % 7) : row(5000 + i, i % 7)));
      second[60] = { ...second[59]! };
      const got = await t.store.insertReports(second);
      const expected = second.map((_, i) => (i % 13 === 0 || i === 60 ? 0 : 1));
      expect([...got]).toEqual(expected);
      expect(await t.store.countReports()).toBe(137 + expected.reduce((a: number, b) => a + b, 0));
      expect([...(await t.store.insertReports([]))]).toEqual([]);
    });

    it('keeps the first of two reports with one (ts, device), and its fields as given', async () => {
      const a = row(10, 1, { status: 3, busy: 1, powerKw: 7.25, sensors: 5, source: 2 });
      expect([...(await t.store.insertReports([a, { ...a, status: 1 }]))]).toEqual([1, 0]);
      expect(await t.store.reportsPage(0, 100, null, 10)).toEqual([a]);
    });

    it('upserts devices by id with a stable idx, in the order given', async () => {
      const first = await t.store.upsertDevices([dev('p-1', 'pile', FT, { siteId: 's1', fast: true, lng: 114.05, lat: 22.53 }), dev('b-1', 'bs5g', XMH)]);
      expect(first.map((d) => d.deviceId)).toEqual(['p-1', 'b-1']);
      expect(first[0]).toMatchObject({ kind: 'pile', subdistrict: FT, siteId: 's1', fast: true, lng: 114.05, lat: 22.53 });
      const [p1, b1] = first;
      // A known device is updated in place; a new one gets the next idx; a repeat within the batch counts once (the last wins).
      const second = await t.store.upsertDevices([dev('b-2', 'pole', FT), dev('p-1', 'pile', XMH), dev('b-2', 'pole', XMH)]);
      expect(second.map((d) => d.deviceId)).toEqual(['b-2', 'p-1', 'b-2']);
      expect(second[1]).toEqual({ ...p1!, subdistrict: XMH, siteId: null, fast: false, lng: null, lat: null });
      expect(second[0]!.idx).toBe(second[2]!.idx);
      expect(second[2]!.subdistrict).toBe(XMH);
      expect(new Set([p1!.idx, b1!.idx, second[0]!.idx]).size).toBe(3);
      const all = await t.store.loadDevices();
      expect(all.map((d) => d.deviceId)).toEqual(['p-1', 'b-1', 'b-2']);
      expect(all[2]!.subdistrict).toBe(XMH);
      expect(all.map((d) => d.idx)).toEqual([...all.map((d) => d.idx)].sort((x, y) => x - y));
      expect(await t.store.upsertDevices([])).toEqual([]);
    });

    it('names sources once', async () => {
      const a = await t.store.sourceId('city-iot');
      expect(await t.store.sourceId('city-iot')).toBe(a);
      const b = await t.store.sourceId('stats');
      expect(b).not.toBe(a);
      expect(await t.store.sources()).toEqual([
        { id: a, name: 'city-iot' },
        { id: b, name: 'stats' },
      ]);
    });

    it('finds the latest report per device, and pages reports by (ts, device)', async () => {
      await t.store.insertReports([row(100, 1), row(200, 1, { status: 3 }), row(150, 2), row(300, 2, { status: 2 }), row(50, 3)]);
      const byDevice = (rs: RawReportRow[]) => [...rs].sort((a, b) => a.device - b.device).map((r) => [r.device, r.ts, r.status]);
      expect(byDevice(await t.store.latestReports(100))).toEqual([
        [1, 200, 3],
        [2, 300, 2],
      ]);
      expect(byDevice(await t.store.latestReportsBetween(0, 300))).toEqual([
        [1, 200, 3],
        [2, 150, 1],
        [3, 50, 1],
      ]);
      const p1 = await t.store.reportsPage(0, 1000, null, 2);
      expect(p1.map((r) => [r.ts, r.device])).toEqual([
        [50, 3],
        [100, 1],
      ]);
      const p2 = await t.store.reportsPage(0, 1000, { ts: 100, device: 1 }, 10);
      expect(p2.map((r) => [r.ts, r.device])).toEqual([
        [150, 2],
        [200, 1],
        [300, 2],
      ]);
      expect(await t.store.reportsPage(0, 1000, { ts: 300, device: 2 }, 10)).toEqual([]);
    });

    it('writes history in one batch: samples and rollups replace by (metric, scope, ts), transitions append', async () => {
      const r = (ts: number, v: number) => ({ ts, metric: 'm', scope: 'all', avg: v, min: v - 1, max: v + 1, last: v, n: 3 });
      await t.store.writeHistory({
        transitions: [
          { ts: 10, device: 1, from: 'online', to: 'fault' },
          { ts: 20, device: 2, from: 'online', to: 'offline' },
          { ts: 30, device: 1, from: 'fault', to: 'online' },
        ],
        samples: [
          { ts: 1000, metric: 'm', scope: 'all', value: 1.5 },
          { ts: 2000, metric: 'm', scope: 'all', value: 2 },
          { ts: 1000, metric: 'm', scope: 'all', value: 1.75 },
          { ts: 1000, metric: 'm', scope: FT, value: 9 },
        ],
        rollups: [
          { tier: '1m', row: r(60_000, 5) },
          { tier: '1m', row: r(60_000, 6) },
          { tier: '1h', row: r(3_600_000, 7) },
        ],
      });
      await t.store.writeHistory({ transitions: [], samples: [{ ts: 2000, metric: 'm', scope: 'all', value: 2.5 }], rollups: [{ tier: '1h', row: r(3_600_000, 8) }] });
      await t.store.writeHistory({ transitions: [], samples: [], rollups: [] });
      expect(await t.store.querySamples('m', 'all', 0, 3000)).toEqual([
        { ts: 1000, metric: 'm', scope: 'all', value: 1.75 },
        { ts: 2000, metric: 'm', scope: 'all', value: 2.5 },
      ]);
      expect(await t.store.querySamples('m', 'all', 0, 2000)).toHaveLength(1);
      expect(await t.store.queryRollups('1m', 'm', 'all', 0, DAY)).toEqual([r(60_000, 6)]);
      expect(await t.store.queryRollups('1h', 'm', 'all', 0, DAY)).toEqual([r(3_600_000, 8)]);
      expect(await t.store.queryTransitions(null, 0, 100, 2)).toEqual([
        { ts: 30, device: 1, from: 'fault', to: 'online' },
        { ts: 20, device: 2, from: 'online', to: 'offline' },
      ]);
      expect((await t.store.queryTransitions(1, 0, 100, 10)).map((x) => x.ts)).toEqual([30, 10]);
      expect(await t.store.queryTransitions(1, 11, 30, 10)).toEqual([]);
    });

    it('prunes the oldest rows of each table within a budget', async () => {
      await t.store.insertReports(Array.from({ length: 10 }, (_, i) => row(i, 1)));
      await t.store.writeHistory({
        transitions: [{ ts: 1, device: 1, from: 'online', to: 'fault' }],
        samples: Array.from({ length: 5 }, (_, i) => ({ ts: i, metric: 'm', scope: 'all', value: i })),
        rollups: [{ tier: '1m', row: { ts: 1, metric: 'm', scope: 'all', avg: 1, min: 1, max: 1, last: 1, n: 1 } }],
      });
      const cutoffs = { raw: 5, samples: 3, rollup1m: 2, rollup1h: 0 };
      expect(await t.store.prune(cutoffs, 4)).toBe(4);
      expect(await t.store.countReports()).toBe(6);
      // raw 1 more, transitions 1, samples 3, rollups 1.
      expect(await t.store.prune(cutoffs, 100)).toBe(6);
      expect(await t.store.prune(cutoffs, 100)).toBe(0);
      expect((await t.store.reportsPage(0, 100, null, 100)).map((r) => r.ts)).toEqual([5, 6, 7, 8, 9]);
      expect((await t.store.querySamples('m', 'all', 0, 100)).map((s) => s.ts)).toEqual([3, 4]);
    });

    it('keeps every statistics revision and answers the latest per key', async () => {
      const stat = (key: string, value: number, extra: Partial<NewStatRevision> = {}): NewStatRevision => ({
        key,
        indicator: 'gdp',
        period: '2026Q3',
        subdistrict: null,
        sector: null,
        category: null,
        tier: null,
        value,
        source: '福田统计局',
        simulated: false,
        note: null,
        receivedAt: 1000 + Math.round(value * 10),
        ...extra,
      });
      const a1 = await t.store.insertStatRevision(stat('b', 1, { subdistrict: FT, simulated: true, note: '初步' }));
      expect(a1).toMatchObject({ key: 'b', revision: 1, subdistrict: FT, simulated: true, note: '初步', value: 1, receivedAt: 1010 });
      expect(typeof a1.id).toBe('number');
      await t.store.insertStatRevision(stat('a', 10.5));
      const a2 = await t.store.insertStatRevision(stat('b', 2));
      expect(a2.revision).toBe(2);
      expect((await t.store.currentStats()).map((s) => [s.key, s.revision, s.value])).toEqual([
        ['a', 1, 10.5],
        ['b', 2, 2],
      ]);
      expect((await t.store.statRevisions('b')).map((s) => [s.revision, s.simulated])).toEqual([
        [1, true],
        [2, false],
      ]);
      // Revisions of one key arriving together still get one number each.
      await Promise.all([3, 4, 5, 6].map((v) => t.store.insertStatRevision(stat('b', v))));
      expect((await t.store.statRevisions('b')).map((s) => s.revision)).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('stores a console batch in one piece, rolls it back once, and a withdrawn figure has no current value', async () => {
      const stat = (key: string, value: number, withdrawn = false): NewStatRevision => ({
        key, indicator: 'va', period: key, subdistrict: null, sector: null, category: null, tier: null,
        value, source: '区统计局', simulated: false, note: '季报', receivedAt: 5000, withdrawn,
      });
      await t.store.insertStatRevision(stat('2021', 624.92));
      const meta = { kind: 'import' as const, createdAt: 6000, actor: 'li.na', unit: '区统计局', note: '2022 年报', fileName: 'a.xlsx', fileSha256: 'ab'.repeat(32), reverts: null };
      const up = await t.store.publishStatBatch(meta, [stat('2021', 625.1), stat('2022', 701.35)]);
      expect(up.batch).toMatchObject({ id: expect.any(Number), kind: 'import', rows: 2, actor: 'li.na', unit: '区统计局', createdAt: 6000, revertedBy: null });
      expect(up.revisions.map((r) => [r.key, r.revision, r.batch])).toEqual([['2021', 2, up.batch.id], ['2022', 1, up.batch.id]]);
      expect((await t.store.currentStats()).map((s) => [s.key, s.value])).toEqual([['2021', 625.1], ['2022', 701.35]]);

      const back = await t.store.publishStatBatch({ ...meta, kind: 'rollback', reverts: up.batch.id }, [stat('2021', 624.92), stat('2022', 701.35, true)]);
      expect(back.revisions.map((r) => [r.key, r.revision, r.withdrawn])).toEqual([['2021', 3, false], ['2022', 2, true]]);
      // The 2022 figure is withdrawn: no current value, but every revision is still on record.
      expect((await t.store.currentStats()).map((s) => [s.key, s.value])).toEqual([['2021', 624.92]]);
      expect((await t.store.statRevisions('2022')).map((s) => s.withdrawn)).toEqual([false, true]);
      // A second rollback of the same upload is refused and stores nothing.
      await expect(t.store.publishStatBatch({ ...meta, kind: 'rollback', reverts: up.batch.id }, [stat('2021', 1)])).rejects.toThrow(/can still be rolled back/);
      expect((await t.store.statRevisions('2021')).length).toBe(3);
      expect((await t.store.statBatches(10)).map((b) => [b.id, b.kind, b.revertedBy])).toEqual([
        [back.batch.id, 'rollback', null],
        [up.batch.id, 'import', back.batch.id],
      ]);
      const one = await t.store.statBatch(up.batch.id);
      expect(one?.revisions.map((r) => r.key)).toEqual(['2021', '2022']);
      expect(await t.store.statBatch(9999)).toBeNull();
    });

    it('keeps enterprise lists as batches: the newest not rolled back is in force, and only it can be rolled back, once', async () => {
      expect(await t.store.currentIndustryBatch()).toBeNull();
      const meta = { kind: 'import' as const, createdAt: 7000, actor: 'li.na', unit: '区工信局', note: '2023 名录', fileName: 'e.xlsx', fileSha256: 'cd'.repeat(32), reverts: null };
      const first = await t.store.publishIndustryBatch({ ...meta, rows: 2 }, '[{"name":"甲"},{"name":"乙"}]');
      const second = await t.store.publishIndustryBatch({ ...meta, rows: 1, createdAt: 8000 }, '[{"name":"丙"}]');
      expect(second).toMatchObject({ kind: 'import', rows: 1, unit: '区工信局', createdAt: 8000, revertedBy: null });
      expect(await t.store.currentIndustryBatch()).toEqual({ batch: second, entries: '[{"name":"丙"}]' });
      const rollback = { ...meta, kind: 'rollback' as const, rows: 0, fileName: '', fileSha256: '' };
      // The older list under a newer one cannot be undone out of order; nothing is stored.
      await expect(t.store.publishIndustryBatch({ ...rollback, reverts: first.id }, null)).rejects.toThrow(/not the list in force/);
      expect((await t.store.industryBatches(10)).map((b) => b.id)).toEqual([second.id, first.id]);
      const back = await t.store.publishIndustryBatch({ ...rollback, reverts: second.id }, null);
      expect((await t.store.currentIndustryBatch())?.batch.id).toBe(first.id);
      await expect(t.store.publishIndustryBatch({ ...rollback, reverts: second.id }, null)).rejects.toThrow(/not the list in force/);
      await expect(t.store.publishIndustryBatch({ ...rollback, reverts: back.id }, null)).rejects.toThrow(/not the list in force/);
      const back2 = await t.store.publishIndustryBatch({ ...rollback, reverts: first.id }, null);
      expect(await t.store.currentIndustryBatch()).toBeNull();
      expect((await t.store.industryBatches(10)).map((b) => [b.id, b.kind, b.reverts, b.revertedBy])).toEqual([
        [back2.id, 'rollback', first.id, null],
        [back.id, 'rollback', second.id, null],
        [second.id, 'import', null, back.id],
        [first.id, 'import', null, back2.id],
      ]);
      expect(await t.store.industryBatch(first.id)).toMatchObject({ batch: { id: first.id }, entries: '[{"name":"甲"},{"name":"乙"}]' });
      expect(await t.store.industryBatch(9999)).toBeNull();
    });
  });

  describe('ops', () => {
    const alarm = (extra: Partial<Alarm> = {}): Omit<Alarm, 'id'> => ({
      ruleId: 'site-dark',
      subject: 's1',
      subdistrict: FT,
      severity: 'major',
      title: { zh: '站点离线', en: 'Site dark' },
      message: { zh: '全部离线', en: 'all offline' },
      state: 'active',
      raisedAt: 1000,
      clearedAt: null,
      ackedAt: null,
      ackedBy: null,
      ackComment: null,
      value: 12.5,
      ...extra,
    });

    it('stores alarms and lists those still open', async () => {
      const a = await t.store.ops.insertAlarm(alarm());
      const b = await t.store.ops.insertAlarm(alarm({ subject: 's2' }));
      expect(a).toEqual({ ...alarm(), id: a.id });
      expect(b.id).toBeGreaterThan(a.id);
      await t.store.ops.updateAlarm({ ...a, state: 'cleared', clearedAt: 2000, message: { zh: '恢复', en: 'back' }, value: null });
      // Cleared but not acknowledged: still open.
      expect((await t.store.ops.openAlarms()).map((x) => [x.id, x.state, x.message.en])).toEqual([
        [a.id, 'cleared', 'back'],
        [b.id, 'active', 'all offline'],
      ]);
      await t.store.ops.updateAlarm({ ...a, state: 'cleared', clearedAt: 2000, ackedAt: 3000, ackedBy: 'duty1', ackComment: '已处理' });
      expect((await t.store.ops.openAlarms()).map((x) => x.id)).toEqual([b.id]);
    });

    const screen = (id: string, extra: Partial<ScreenRow> = {}): ScreenRow => ({
      id,
      name: '左屏',
      layout: '4k',
      screen: 'auto',
      mode: 'live',
      credentialHash: `h-${id}`,
      status: 'enrolled',
      enrolledAt: 1000,
      enrolledBy: 'op1',
      revokedAt: null,
      address: '10.0.0.9',
      lastSeen: 1000,
      ...extra,
    });

    it('stores screens: a taken id is refused, patches change only what they name, a bad stored layout falls back to auto', async () => {
      expect(await t.store.ops.insertScreen(screen('left'))).toBe(true);
      expect(await t.store.ops.insertScreen(screen('left', { credentialHash: 'other' }))).toBe(false);
      expect(await t.store.ops.insertScreen(screen('a-right', { credentialHash: 'h2', mode: 'demo' }))).toBe(true);
      await t.store.ops.updateScreen('left', { status: 'revoked', credentialHash: null, revokedAt: 5000, lastSeen: undefined });
      await t.store.ops.updateScreen('left', {});
      const list = await t.store.ops.listScreens();
      expect(list.map((s) => s.id)).toEqual(['a-right', 'left']);
      expect(list[1]).toEqual(screen('left', { status: 'revoked', credentialHash: null, revokedAt: 5000 }));
      await t.exec("UPDATE screens SET layout = 'huge' WHERE id = ?", 'a-right');
      expect((await t.store.ops.listScreens())[0]).toMatchObject({ layout: 'auto', screen: 'auto', mode: 'live' });
      expect(await t.store.ops.deleteScreen('left')).toBe(true);
      expect(await t.store.ops.deleteScreen('left')).toBe(false);
    });

    const link = (id: string, now: number, extra: Partial<EnrollLinkRow> = {}): EnrollLinkRow => ({
      id,
      tokenHash: `t-${id}`,
      screenId: null,
      name: '走廊',
      layout: 'auto',
      screen: 'overview',
      mode: 'live',
      createdBy: 'op1',
      createdAt: now,
      expiresAt: now + 60_000,
      usedAt: null,
      usedScreen: null,
      ...extra,
    });

    it('gives an enrollment link to one page only, and lists links until a day after they lapse', async () => {
      const now = 10 * DAY;
      await t.store.ops.insertEnrollLink(link('l1', now, { screenId: 'kiosk' }));
      await t.store.ops.insertEnrollLink(link('l2', now - 1, { expiresAt: now - 1 }));
      await t.store.ops.insertEnrollLink(link('l3', now - 2 * DAY, { expiresAt: now - 2 * DAY + 1 }));
      const takes = await Promise.all([t.store.ops.takeEnrollLink('t-l1', now), t.store.ops.takeEnrollLink('t-l1', now)]);
      expect(takes.filter(Boolean)).toHaveLength(1);
      expect(takes.find(Boolean)).toEqual(link('l1', now, { screenId: 'kiosk', usedAt: now }));
      expect(await t.store.ops.takeEnrollLink('t-l2', now)).toBeUndefined();
      expect(await t.store.ops.takeEnrollLink('nope', now)).toBeUndefined();
      await t.store.ops.setEnrollLinkScreen('l1', 'kiosk');
      const listed = await t.store.ops.listEnrollLinks(now);
      // Listed: unexpired or used within the day. l2 lapsed unused and is not
      // listed, but kept a day; l3 lapsed two days ago and is gone.
      expect(listed.map((l) => [l.id, l.usedScreen])).toEqual([['l1', 'kiosk']]);
      expect(await t.store.ops.deleteEnrollLink('l3')).toBe(false);
      expect(await t.store.ops.deleteEnrollLink('l2')).toBe(true);
    });
  });

  describe('accounts', () => {
    const user = (name: string) => ({ name, role: 'operator' as const, salt: 's', hash: `h-${name}`, mustChange: true, mustRename: false, disabled: false });

    it('keeps names unique without regard to case, and finds them the same way', async () => {
      const a = await t.store.accounts.createUser(user('Duty1'), 1000);
      expect(a).toMatchObject({ name: 'Duty1', role: 'operator', mustChange: true, mustRename: false, disabled: false, passwordChangedAt: 1000, totpSecret: null, totpLastStep: 0, lastLoginAt: null, createdAt: 1000 });
      expect(await t.store.accounts.createUser(user('duty1'), 1000)).toBeUndefined();
      expect((await t.store.accounts.userByName('DUTY1'))?.id).toBe(a!.id);
      const b = await t.store.accounts.createUser(user('auditor'), 2000);
      expect(await t.store.accounts.updateUser(b!.id, { name: 'dUTY1' }, 3000)).toBe(false);
      expect(await t.store.accounts.updateUser(b!.id, { name: 'aud1', disabled: true, totpSecret: 'ABC', totpLastStep: 59, lastLoginAt: 2500, mustChange: undefined }, 3000)).toBe(true);
      expect(await t.store.accounts.userById(b!.id)).toMatchObject({ name: 'aud1', disabled: true, totpSecret: 'ABC', totpLastStep: 59, lastLoginAt: 2500, mustChange: true, updatedAt: 3000 });
      expect(await t.store.accounts.updateUser(b!.id, {}, 4000)).toBe(true);
      expect(await t.store.accounts.countUsers()).toBe(2);
      expect((await t.store.accounts.listUsers()).map((u) => u.name)).toEqual(['Duty1', 'aud1']);
      expect(await t.store.accounts.userById(999)).toBeUndefined();
      expect(await t.store.accounts.userByName('nobody')).toBeUndefined();
    });

    it('keeps the last n passwords, newest first, the first one from creation', async () => {
      const u = (await t.store.accounts.createUser(user('duty1'), 1000))!;
      await t.store.accounts.addPasswordHistory(u.id, 's2', 'h2', 2000, 3);
      // Two changes in one millisecond keep their order.
      await t.store.accounts.addPasswordHistory(u.id, 's3', 'h3', 3000, 3);
      await t.store.accounts.addPasswordHistory(u.id, 's4', 'h4', 3000, 3);
      expect(await t.store.accounts.passwordHistory(u.id, 10)).toEqual([
        { salt: 's4', hash: 'h4' },
        { salt: 's3', hash: 'h3' },
        { salt: 's2', hash: 'h2' },
      ]);
      expect(await t.store.accounts.passwordHistory(u.id, 0)).toEqual([{ salt: 's4', hash: 'h4' }]);
    });

    it('spends each recovery code once', async () => {
      const u = (await t.store.accounts.createUser(user('sec1'), 1000))!;
      await t.store.accounts.setRecoveryCodes(u.id, ['c1', 'c2', 'c3']);
      const spent = await Promise.all([t.store.accounts.useRecoveryCode(u.id, 'c1', 5), t.store.accounts.useRecoveryCode(u.id, 'c1', 5)]);
      expect(spent.sort()).toEqual([false, true]);
      expect(await t.store.accounts.useRecoveryCode(u.id, 'zz', 5)).toBe(false);
      expect(await t.store.accounts.recoveryCodesLeft(u.id)).toBe(2);
      await t.store.accounts.setRecoveryCodes(u.id, []);
      expect(await t.store.accounts.recoveryCodesLeft(u.id)).toBe(0);
    });

    it('keeps sessions: found by hash or id, touched forward only, purged when expired or idle', async () => {
      const u = (await t.store.accounts.createUser(user('duty1'), 1000))!;
      const v = (await t.store.accounts.createUser(user('duty2'), 1000))!;
      const s = (id: string, userId: number, lastSeen: number, expiresAt: number) => ({ id, tokenHash: `th-${id}`, userId, createdAt: 1000, lastSeen, expiresAt, address: '10.0.0.1', userAgent: 'kiosk' });
      await t.store.accounts.createSession(s('a', u.id, 1000, 100_000));
      await t.store.accounts.createSession(s('b', u.id, 3000, 100_000));
      await t.store.accounts.createSession(s('c', v.id, 2000, 4000));
      expect(await t.store.accounts.sessionByHash('th-a')).toEqual(s('a', u.id, 1000, 100_000));
      expect((await t.store.accounts.sessionById('b'))?.tokenHash).toBe('th-b');
      await t.store.accounts.touchSession('th-a', 5000);
      await t.store.accounts.touchSession('th-a', 4000);
      expect((await t.store.accounts.sessionByHash('th-a'))?.lastSeen).toBe(5000);
      expect((await t.store.accounts.listSessions()).map((x) => x.id)).toEqual(['a', 'b', 'c']);
      // At 4500 with a 2 s idle limit only c goes (past its absolute limit); at 6000 b has been idle 3 s.
      expect(await t.store.accounts.purgeSessions(4500, 2000)).toBe(1);
      expect(await t.store.accounts.purgeSessions(6000, 2000)).toBe(1);
      expect((await t.store.accounts.listSessions()).map((x) => x.id)).toEqual(['a']);
      await t.store.accounts.deleteUserSessions(u.id);
      expect(await t.store.accounts.listSessions()).toEqual([]);
      await t.store.accounts.createSession(s('d', v.id, 1, 9));
      await t.store.accounts.deleteSession('th-d');
      expect(await t.store.accounts.sessionById('d')).toBeUndefined();
    });

    it('keeps settings by key', async () => {
      expect(await t.store.accounts.getSetting('policy')).toBeUndefined();
      await t.store.accounts.setSetting('policy', '{"a":1}', 1);
      await t.store.accounts.setSetting('policy', '{"a":2}', 2);
      expect(await t.store.accounts.getSetting('policy')).toBe('{"a":2}');
    });
  });
});
