import { describe, expect, it } from 'vitest';
import { applyDelta, checkSeq, emptyInfra, emptySeries, SERIES_MAX_POINTS, FAULTS_MAX, type WallSnapshot } from './wall-state.js';

const snap = (): WallSnapshot => ({
  seq: 5,
  at: 0,
  room: 'live',
  replay: null,
  infra: emptyInfra(),
  sites: {},
  feeds: { bs5g: { lastReportAt: null, simulated: false }, pole: { lastReportAt: null, simulated: false }, pile: { lastReportAt: null, simulated: false } },
  series: emptySeries(),
  stats: {},
  faults: [],
  ext: {},
});

describe('checkSeq', () => {
  it('applies only the next seq, ignores old ones, and flags gaps', () => {
    expect(checkSeq(5, 6)).toBe('apply');
    expect(checkSeq(5, 5)).toBe('duplicate');
    expect(checkSeq(5, 2)).toBe('duplicate');
    expect(checkSeq(5, 7)).toBe('gap');
    expect(checkSeq(0, 1)).toBe('apply');
  });
});

describe('applyDelta', () => {
  it('keeps series and faults bounded however long it runs', () => {
    const s = snap();
    for (let i = 0; i < SERIES_MAX_POINTS * 3; i++) {
      applyDelta(s, {
        seq: 6 + i,
        at: i,
        room: 'live',
        series: [{ key: 'faults', point: [i, i] }],
        faults: [{ id: i, ts: i, deviceId: 'x', kind: 'pile', scope: 'district', lng: null, lat: null, from: 'online', to: 'fault' }],
      });
    }
    expect(s.series.faults).toHaveLength(SERIES_MAX_POINTS);
    expect(s.series.faults.at(-1)).toEqual([SERIES_MAX_POINTS * 3 - 1, SERIES_MAX_POINTS * 3 - 1]);
    expect(s.faults).toHaveLength(FAULTS_MAX);
    // Newest first.
    expect(s.faults[0]!.id).toBe(SERIES_MAX_POINTS * 3 - 1);
  });

  it('replaces cells, stats and extension slots whole', () => {
    const s = snap();
    const cell = { ...s.infra.pile.district!, online: 9, total: 10 };
    applyDelta(s, {
      seq: 6,
      at: 1,
      room: 'live',
      infra: [{ kind: 'pile', scope: 'district', cell }],
      stats: [{ key: 'k', indicator: 'i', period: '2021', scope: {}, value: 1, source: 'F', simulated: false, revision: 2, updatedAt: 1 }],
      ext: { notice: { text: 'hi' } },
    });
    expect(s.seq).toBe(6);
    expect(s.infra.pile.district).toEqual(cell);
    expect(s.stats.k!.revision).toBe(2);
    expect(s.ext.notice).toEqual({ text: 'hi' });
  });
});
