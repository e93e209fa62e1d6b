import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastParseReport, IngestReport } from './schemas.js';

const near = fc.record(
  {
    deviceId: fc.oneof(fc.constantFrom('PILE-1', 'BS_2.a:b', '', 'x'.repeat(64), 'x'.repeat(65), 'has space', 'ünï'), fc.string(), fc.integer()),
    kind: fc.oneof(fc.constantFrom('bs5g', 'pole', 'pile', 'tower', 'PILE'), fc.anything()),
    ts: fc.oneof(
      fc.integer({ min: -10, max: 2 ** 53 + 10 }),
      fc.constantFrom(0, 1.5, -0, Number.NaN, Infinity, -Infinity, 2 ** 53, 2 ** 53 - 1, 1e20),
      fc.double(),
      fc.string(),
    ),
    status: fc.oneof(fc.constantFrom('online', 'offline', 'fault', 'ONLINE', 'silent'), fc.anything()),
    busy: fc.oneof(fc.boolean(), fc.constantFrom(undefined, null, 0, 'true')),
    powerKw: fc.oneof(fc.double({ min: -5, max: 1005 }), fc.constantFrom(undefined, null, NaN, Infinity, '7', 0, 1000, 1000.0001)),
    fast: fc.oneof(fc.boolean(), fc.constantFrom(undefined, null, 1)),
    sensorsOnline: fc.oneof(fc.integer({ min: -2, max: 70 }), fc.constantFrom(undefined, null, 2.5, NaN, '3')),
  },
  { requiredKeys: [] },
);

describe('fastParseReport agrees with the zod IngestReport schema', () => {
  it('same verdict and same output on near-valid and arbitrary objects', () => {
    fc.assert(
      fc.property(fc.oneof(near, near, near, fc.object()), (o) => {
        const z = IngestReport.safeParse(o);
        const f = fastParseReport(o as Record<string, unknown>);
        expect(f !== null).toBe(z.success);
        if (z.success) expect(f).toEqual(z.data);
      }),
      { numRuns: 20_000 },
    );
  });

  it('accepts the documented shapes', () => {
    const ts = Date.now();
    expect(fastParseReport({ deviceId: 'BS-1', kind: 'bs5g', ts, status: 'online' })).toEqual({ deviceId: 'BS-1', kind: 'bs5g', ts, status: 'online' });
    expect(fastParseReport({ deviceId: 'P-1', kind: 'pile', ts, status: 'fault', busy: false, powerKw: 0, fast: true, vendor: 'x' })).toEqual({
      deviceId: 'P-1',
      kind: 'pile',
      ts,
      status: 'fault',
      busy: false,
      powerKw: 0,
      fast: true,
    });
  });
});
