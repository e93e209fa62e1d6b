import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore } from '../testing/fixtures.js';
import type { RawReportRow } from './types.js';

const row = (ts: number, device: number): RawReportRow => ({ ts, device, status: 1, busy: null, powerKw: null, sensors: null, source: 1 });

describe('SqliteStore.insertReports', () => {
  let t: ReturnType<typeof tempStore>;
  beforeEach(() => {
    t = tempStore();
  });
  afterEach(() => t.cleanup());

  it('reports exactly which rows were new, across chunk sizes and with duplicates anywhere', async () => {
    // 137 rows = 2×50 + 3×10 + 7×1, so every chunk size runs.
    const first = Array.from({ length: 137 }, (_, i) => row(1000 + i, i % 7));
    expect([...(await t.store.insertReports(first))].every((x) => x === 1)).toBe(true);
    // A second batch mixing new rows with old ones and an in-batch repeat.
    const second = Array.from({ length: 137 }, (_, i) => (i % 13 === 0 ? row(1000 + i, i % 7) : row(5000 + i, i % 7)));
    second[60] = { ...second[59]! };
    const got = await t.store.insertReports(second);
    const expected = second.map((_, i) => (i % 13 === 0 || i === 60 ? 0 : 1));
    expect([...got]).toEqual(expected);
    expect(await t.store.countReports()).toBe(137 + expected.reduce((a: number, b) => a + b, 0));
  });
});
