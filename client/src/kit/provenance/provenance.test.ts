import { describe, expect, it } from 'vitest';
import { statKey, type StatValue } from '@futian/shared';
import { sameValue } from '../reactive/stable';
import { footerModel, provenanceOf, sameProvenance } from './provenance';

const JUL_2022 = Date.UTC(2022, 6, 14);
const NOV_2026 = Date.UTC(2026, 10, 22);

function stat(over: Partial<StatValue> = {}): StatValue {
  return {
    key: statKey('de.core.valueAdded', '2021'),
    indicator: 'de.core.valueAdded',
    period: '2021',
    scope: {},
    value: 624.92,
    source: 'F',
    simulated: false,
    revision: 1,
    updatedAt: JUL_2022,
    ...over,
  };
}

describe('provenanceOf + footerModel', () => {
  it('prints the document source and 口径 for a documented annual figure', () => {
    const f = footerModel(provenanceOf('de.core.valueAdded'), JUL_2022, 'zh');
    expect(f.source).toBe('深福发改函〔2022〕34号');
    expect(f.basis).toBe('2021 年 · 年度');
    // The period would repeat the basis word for word, so it is left out.
    expect(f.freshness).toBeNull();
    expect(f.simulated).toBe(false);
    expect(f.stale).toBe(false);
    expect(f.revision).toBeNull();
  });

  it('marks an annual figure stale once the next release is overdue', () => {
    expect(footerModel(provenanceOf('de.core.valueAdded'), NOV_2026, 'zh').stale).toBe(true);
  });

  it('shows a revision and the upstream that posted it', () => {
    const p = provenanceOf('de.core.valueAdded', { stat: stat({ revision: 2, source: 'stats-bureau' }) });
    const f = footerModel(p, JUL_2022, 'en');
    expect(f.revision).toBe('rev. r2');
    expect(f.source).toBe('stats-bureau');
  });

  it('lists every distinct source of the figures in a tile', () => {
    const p = provenanceOf('de.core.gdpShare', { also: ['de.core.gdpShare2020'] });
    expect(footerModel(p, JUL_2022, 'zh').source).toBe('深福发改函〔2022〕34号 · 据〔2022〕34号推算');
  });

  it('ages live figures from the feed and marks them simulated', () => {
    const now = 1_700_000_000_000;
    const p = provenanceOf('infra.pile.onlineRate', { feed: { lastReportAt: now - 3_200, simulated: true } });
    const f = footerModel(p, now, 'zh');
    expect(f.freshness).toBe('实时 · 3 秒前');
    expect(f.simulated).toBe(true);
    expect(f.stale).toBe(false);
    expect(footerModel(p, now + 120_000, 'zh').stale).toBe(true);
  });

  it('treats a live figure with no report yet as stale, not fresh', () => {
    const f = footerModel(provenanceOf('infra.bs5g.onlineRate'), 1_000, 'en');
    expect(f.freshness).toBe('live · no data');
    expect(f.stale).toBe(true);
  });

  it('marks a documented figure simulated when its stat says so', () => {
    const p = provenanceOf('de.core.valueAdded', { stat: stat({ simulated: true }) });
    expect(footerModel(p, JUL_2022, 'zh').simulated).toBe(true);
  });

  it('reads the same a second later for a statistic, and differently for a live figure (as Tile compares it)', () => {
    const annual = provenanceOf('de.core.valueAdded');
    expect(sameValue(footerModel(annual, JUL_2022, 'zh'), footerModel(annual, JUL_2022 + 1_000, 'zh'))).toBe(true);
    const now = 1_700_000_000_000;
    const live = provenanceOf('infra.pile.onlineRate', { feed: { lastReportAt: now - 3_200, simulated: true } });
    expect(sameValue(footerModel(live, now, 'zh'), footerModel(live, now + 1_000, 'zh'))).toBe(false);
    // Every field counts: a revision, a language, a stale mark.
    expect(sameValue(footerModel(annual, JUL_2022, 'zh'), footerModel(annual, JUL_2022, 'en'))).toBe(false);
    expect(sameValue(footerModel(annual, JUL_2022, 'zh'), footerModel(annual, NOV_2026, 'zh'))).toBe(false);
    const r2 = provenanceOf('de.core.valueAdded', { stat: stat({ revision: 2 }) });
    expect(sameValue(footerModel(annual, JUL_2022, 'zh'), footerModel(r2, JUL_2022, 'zh'))).toBe(false);
  });

  it('hands back the same object for an unchanged figure, and a new one when anything shown changes', () => {
    const a = provenanceOf('de.core.valueAdded', { stat: stat() });
    expect(provenanceOf('de.core.valueAdded', { stat: stat() })).toBe(a);
    const r2 = provenanceOf('de.core.valueAdded', { stat: stat({ revision: 2 }) });
    expect(r2).not.toBe(a);
    expect(r2.revision).toBe(2);
    const now = 1_700_000_000_000;
    const live = provenanceOf('infra.pile.onlineRate', { feed: { lastReportAt: now, simulated: true } });
    const later = provenanceOf('infra.pile.onlineRate', { feed: { lastReportAt: now + 1_000, simulated: true } });
    expect(later).not.toBe(live);
    expect(later.lastUpdate).toBe(now + 1_000);
    // Companions are part of the figure: a tile with more sources is another entry.
    const withAlso = provenanceOf('de.core.gdpShare', { also: ['de.core.gdpShare2020'] });
    expect(withAlso.sources).toHaveLength(2);
    expect(sameProvenance(withAlso, provenanceOf('de.core.gdpShare'))).toBe(false);
  });
});
