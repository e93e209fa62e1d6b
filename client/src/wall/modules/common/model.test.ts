import { describe, expect, it } from 'vitest';
import { emptyCell, statKey, type StatValue } from '@futian/shared';
import { figureVM, infraVM, lastValue, priorShare } from './model';

function stat(indicator: string, period: string, value: number, revision = 1): StatValue {
  return { key: statKey(indicator, period), indicator, period, scope: {}, value, source: 'F', simulated: false, revision, updatedAt: 0 };
}

describe('figureVM', () => {
  it('falls back to the documented value when the server has not sent stats', () => {
    const f = figureVM('de.core.valueAdded', undefined);
    expect(f).toMatchObject({ value: 624.92, decimals: 2, prefix: '', suffix: '', stat: null });
    expect(f.unit.zh).toBe('亿元');
  });

  it('prefers the server value, which may be a revision', () => {
    const s = stat('de.core.valueAdded', '2021', 631.5, 2);
    const f = figureVM('de.core.valueAdded', { [s.key]: s });
    expect(f.value).toBe(631.5);
    expect(f.stat?.revision).toBe(2);
  });

  it('shows the latest period loaded: 2022 takes over from 2021, and 2021 comes back when 2022 is withdrawn', () => {
    const a = stat('de.core.valueAdded', '2021', 624.92);
    const b = stat('de.core.valueAdded', '2022', 701.35);
    expect(figureVM('de.core.valueAdded', { [a.key]: a, [b.key]: b })).toMatchObject({ value: 701.35, stat: { period: '2022' } });
    expect(figureVM('de.core.valueAdded', { [a.key]: a })).toMatchObject({ value: 624.92, stat: { period: '2021' } });
    // The document's remark ("初步测算值") belongs to its own 624.92, not to a figure published since.
    expect(figureVM('de.core.valueAdded', { [a.key]: a }).documentNote?.zh).toBe('初步测算值');
    expect(figureVM('de.core.valueAdded', { [a.key]: a, [b.key]: b }).documentNote).toBeNull();
  });

  it('keeps the document hedging: "5,700+", "> 3 亿元", "≈ 6.8 %"', () => {
    expect(figureVM('infra.bs5g.documented', undefined).suffix).toBe('+');
    expect(figureVM('data.exchange.amount', undefined).prefix).toBe('>');
    expect(figureVM('de.city.growth', undefined).prefix).toBe('≈');
    expect(figureVM('de.core.growth', undefined, true).signed).toBe(true);
  });
});

describe('infraVM', () => {
  it('derives counts, online rate and pile load from the district cell', () => {
    const cell = { ...emptyCell(), total: 9499, online: 9310, offline: 95, fault: 41, silent: 53, busy: 3724, powerKw: 98_450 };
    const v = infraVM('pile', cell);
    expect(v.registered).toBe(9499);
    expect(v.published.value).toBe(9499);
    expect(v.counts).toEqual({ online: 9310, offline: 95, fault: 41, silent: 53 });
    expect(v.rate).toBeCloseTo(98.01, 2);
    expect(v.utilisation).toBeCloseTo(40.0, 1);
    expect(v.powerMw).toBeCloseTo(98.45, 6);
    expect(v.sensorsOnline).toBeNull();
  });

  it('shows nothing live before the first snapshot, but still the published figure', () => {
    const v = infraVM('bs5g', null);
    expect(v.registered).toBeNull();
    expect(v.rate).toBeNull();
    expect(v.counts).toBeNull();
    expect(v.published.value).toBe(5700);
    expect(v.published.suffix).toBe('+');
  });
});

describe('lastValue', () => {
  it('reads the newest point or null', () => {
    expect(lastValue([[1, 2], [3, 4]])).toBe(4);
    expect(lastValue([])).toBeNull();
    expect(lastValue(undefined)).toBeNull();
  });
});

describe('priorShare', () => {
  it('compares the document’s 2021 share with its 2020 figure, and a loaded 2022 with 2021', () => {
    const doc = figureVM('de.core.gdpShare', undefined);
    expect(priorShare(undefined, doc)).toEqual({ year: '2020', value: 10.9 });
    const s21 = stat('de.core.gdpShare', '2021', 11.7);
    const s22 = stat('de.core.gdpShare', '2022', 12.4);
    const stats = { [s21.key]: s21, [s22.key]: s22 };
    expect(priorShare(stats, figureVM('de.core.gdpShare', stats))).toEqual({ year: '2021', value: 11.7 });
    // A year with nothing loaded before it has no comparison, rather than a wrong one.
    const s23 = stat('de.core.gdpShare', '2023', 13);
    expect(priorShare({ [s23.key]: s23 }, figureVM('de.core.gdpShare', { [s23.key]: s23 }))).toEqual({ year: '2022', value: null });
  });
});
