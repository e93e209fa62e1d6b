import { describe, expect, it } from 'vitest';
import { KINDS, statKey, type FeedInfo, type StatValue } from '@futian/shared';
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

  it('describes a value statistics staff published by its own period, source and note, not the document’s (issue #40)', () => {
    const p = provenanceOf('de.core.valueAdded', { stat: stat({ period: '2022', value: 701.35, source: '福田区统计局', note: '2022 年报' }) });
    const f = footerModel(p, Date.UTC(2023, 2, 1), 'zh');
    expect(f.basis).toBe('2022 年 · 年度');
    expect(f.source).toBe('福田区统计局 · 2022 年报');
    expect(f.freshness).toBeNull();
    expect(f.simulated).toBe(false);
    // The enterprise count's catalogue 口径 says 模拟; a real published quarter says its quarter instead.
    const ent = provenanceOf('de.core.enterprises', {
      stat: stat({ key: statKey('de.core.enterprises', '2022Q1'), indicator: 'de.core.enterprises', period: '2022Q1', value: 2655, source: '福田区统计局' }),
    });
    const e = footerModel(ent, Date.UTC(2022, 5, 1), 'zh');
    expect(e.basis).not.toMatch(/模拟/);
    expect(e.basis).toMatch(/2022/);
    expect(e.simulated).toBe(false);
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

describe("freshness per fleet, on each fleet's cadence (issue #41)", () => {
  const now = 1_700_000_000_000;
  const info = (ageMs: number | null, over: Partial<FeedInfo> = {}): FeedInfo => ({
    lastReportAt: ageMs === null ? null : now - ageMs,
    simulated: true,
    ...over,
  });
  const three = (pile: number | null, other = 1_000) =>
    provenanceOf('infra.bs5g.onlineRate', {
      also: ['infra.pole.onlineRate', 'infra.pile.onlineRate'],
      feeds: [
        { kind: 'bs5g', info: info(other) },
        { kind: 'pole', info: info(other) },
        { kind: 'pile', info: info(pile) },
      ],
    });

  it('marks a fleet stale after three of its cadences, not after a fixed minute', () => {
    // Piles report every 10 s: 31 s of silence is three missed cadences.
    const pile = (age: number) => provenanceOf('infra.pile.onlineRate', { feeds: [{ kind: 'pile', info: info(age) }] });
    expect(footerModel(pile(29_000), now, 'zh').stale).toBe(false);
    expect(footerModel(pile(31_000), now, 'zh').stale).toBe(true);
    // 5G base stations report every 30 s: the same 31 s is one missed cadence, not a stopped feed.
    const bs = (age: number) => provenanceOf('infra.bs5g.onlineRate', { feeds: [{ kind: 'bs5g', info: info(age) }] });
    expect(footerModel(bs(31_000), now, 'zh').stale).toBe(false);
    expect(footerModel(bs(3 * KINDS.bs5g.cadenceMs + 1), now, 'zh').stale).toBe(true);
  });

  it('takes the cadence the server declares for the feed, with a floor of a few seconds', () => {
    const p = (age: number, cadenceMs: number) =>
      provenanceOf('infra.pile.onlineRate', { feeds: [{ kind: 'pile', info: info(age, { cadenceMs }) }] });
    expect(footerModel(p(40_000, 20_000), now, 'zh').stale).toBe(false);
    expect(footerModel(p(61_000, 20_000), now, 'zh').stale).toBe(true);
    // A 100 ms cadence would flicker between deliveries; 5 s is the least a feed gets.
    expect(footerModel(p(4_000, 100), now, 'zh').stale).toBe(false);
    expect(footerModel(p(6_000, 100), now, 'zh').stale).toBe(true);
  });

  it('names only the stopped fleet in a tile that combines three, and does not mark the whole tile', () => {
    const f = footerModel(three(45_000), now, 'zh');
    expect(f.stale).toBe(false);
    expect(f.staleParts).toBe('充电桩');
    expect(f.staleKinds).toBe('pile');
    // The age is that of the fleets still reporting, not of the stopped one.
    expect(f.freshness).toBe('实时 · 1 秒前');
    expect(footerModel(three(45_000), now, 'en').staleParts).toBe('Charging piles');
  });

  it('marks the whole tile once every fleet in it stopped, and nothing while all report', () => {
    const all = footerModel(three(200_000, 200_000), now, 'zh');
    expect(all.stale).toBe(true);
    expect(all.staleParts).toBeNull();
    expect(all.staleKinds).toBe('bs5g pole pile');
    const none = footerModel(three(2_000), now, 'zh');
    expect(none.stale).toBe(false);
    expect(none.staleParts).toBeNull();
    expect(none.staleKinds).toBe('');
  });

  it('treats a fleet with no report yet (or no snapshot) as stopped', () => {
    const p = provenanceOf('infra.faults', {
      feeds: [
        { kind: 'bs5g', info: info(1_000) },
        { kind: 'pole', info: null },
        { kind: 'pile', info: info(null) },
      ],
    });
    const f = footerModel(p, now, 'zh');
    expect(f.stale).toBe(false);
    expect(f.staleKinds).toBe('pole pile');
  });

  it('reads ages against the replay clock in a replay, and says 回放, not 实时', () => {
    const replayNow = Date.UTC(2026, 11, 7, 6, 32, 10);
    const p = provenanceOf('infra.pile.onlineRate', { feeds: [{ kind: 'pile', info: { lastReportAt: replayNow - 3_000, simulated: true } }] });
    const f = footerModel(p, { now: replayNow, replay: true }, 'zh');
    expect(f.freshness).toBe('回放 · 3 秒前');
    expect(f.stale).toBe(false);
    expect(footerModel(p, { now: replayNow, replay: true }, 'en').freshness).toBe('replay · 3 s ago');
    // The same figure read against the wall clock a day later is what the issue saw.
    const wallClock = footerModel(p, { now: replayNow + 86_400_000, replay: false }, 'zh');
    expect(wallClock.freshness).toBe('实时 · 24 小时前');
    expect(wallClock.stale).toBe(true);
  });

  it("is a different provenance when one fleet's report time moves", () => {
    const a = three(1_000);
    const b = three(2_000);
    expect(sameProvenance(a, b)).toBe(false);
    expect(b.feeds.map((f) => f.kind)).toEqual(['bs5g', 'pole', 'pile']);
  });
});
