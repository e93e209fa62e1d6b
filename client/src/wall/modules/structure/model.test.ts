import { describe, expect, it } from 'vitest';
import { CONFIG_SLOT, KEY_SECTORS } from '@futian/shared';
import { checkScore, configOf, latestQuarter, structureVM } from './model';
import { CONFIG, stat, structureStats } from './fixture';

describe('structureVM', () => {
  it('lists the four core categories and the twelve key sectors with their modelled 2021 values', () => {
    const vm = structureVM(structureStats(), CONFIG);
    expect(vm.categories.map((c) => c.label.zh)).toEqual(['01 数字产品制造业', '02 数字产品服务业', '03 数字技术应用业', '04 数字要素驱动业']);
    expect(vm.sectors).toHaveLength(12);
    expect(vm.sectors.map((s) => s.label.zh)).toEqual(KEY_SECTORS.map((s) => s.zh));
    expect(vm.sectors.find((s) => s.id === 'fintech')?.value).toBe(130.23);
    expect(vm.partsSimulated).toBe(true);
    expect(vm.partsSources).toEqual(['mock-feeds']);
  });

  it('reconciles every breakdown with the documented 624.92 to the cent', () => {
    const vm = structureVM(structureStats(), CONFIG);
    expect(vm.total.value).toBe(624.92);
    expect(vm.total.stat?.source).toBe('F');
    for (const c of [vm.checks.categories, vm.checks.sectors, vm.checks.boards]) {
      expect(c).toMatchObject({ ok: true, sum: 624.92, total: 624.92, diff: 0 });
    }
    expect(checkScore(vm)).toEqual({ ok: 3, n: 3 });
  });

  it('shows the difference when a revision breaks a sum, instead of hiding it', () => {
    const stats = structureStats();
    const s = stat('de.core.valueAdded', '2021', 125.23, { sector: 'fintech' });
    stats[s.key] = { ...s, revision: 2 };
    const vm = structureVM(stats, CONFIG);
    expect(vm.checks.sectors).toMatchObject({ ok: false, sum: 619.92, diff: -5 });
    expect(vm.checks.boards).toMatchObject({ ok: false, diff: -5 });
    expect(vm.checks.categories.ok).toBe(true);
    expect(checkScore(vm)).toEqual({ ok: 1, n: 3 });
    // A revised total is the one the parts are held to.
    const t = stat('de.core.valueAdded', '2021', 619.92, {}, true);
    stats[t.key] = t;
    expect(structureVM(stats, CONFIG).checks.sectors.ok).toBe(true);
  });

  it('sums boards from their member sectors and keeps the example flag and note', () => {
    const vm = structureVM(structureStats(), CONFIG);
    expect(vm.boards.map((b) => [b.id, b.value])).toEqual([
      ['ex-data', 99.85],
      ['ex-trust', 49.46],
      ['ex-ai', 98.04],
      ['ex-industry', 100.03],
      ['ex-fintech', 130.23],
      ['ex-city', 147.31],
    ]);
    expect(vm.boardConfig).toEqual({ example: true, note: CONFIG.boards.note });
    expect(vm.unassigned).toEqual([]);
  });

  it('lists sectors a configuration leaves out, so the board view still adds up', () => {
    const cfg = { ...CONFIG, boards: { ...CONFIG.boards, boards: CONFIG.boards.boards.slice(0, 5) } };
    const vm = structureVM(structureStats(), cfg);
    expect(vm.unassigned.map((s) => s.id)).toEqual(['smartcity', 'creative', 'other']);
    expect(vm.checks.boards.ok).toBe(true);
  });

  it('takes enterprise counts and tiers from the newest quarter, with the year-ago count', () => {
    const e = structureVM(structureStats(), CONFIG).enterprises;
    expect(e.period).toBe('2021Q4');
    expect(e.total).toBe(2549);
    expect(e.yearAgo).toBe(2332);
    expect(e.tiers.map((t) => [t.id, t.value])).toEqual([
      ['t50', 7],
      ['t10', 32],
      ['t1', 278],
      ['t0', 2232],
    ]);
    expect(e.check).toMatchObject({ ok: true, sum: 2549 });
  });

  it('before any data: the documented total, no parts, no false ticks', () => {
    const vm = structureVM(undefined, null);
    expect(vm.total.value).toBe(624.92);
    expect(vm.sectors.every((s) => s.value === null)).toBe(true);
    expect(vm.checks.sectors.ok).toBe(false);
    expect(vm.boardConfig).toBeNull();
    expect(vm.partsSimulated).toBe(true);
    expect(vm.enterprises).toMatchObject({ period: null, total: null });
    expect(vm.leaders.entries).toEqual([]);
    expect(checkScore(vm)).toEqual({ ok: 0, n: 2 });
  });
});

describe('configOf and latestQuarter', () => {
  it('accepts the config slot only in the expected shape', () => {
    expect(configOf({ [CONFIG_SLOT]: CONFIG })).toBe(CONFIG);
    expect(configOf({ [CONFIG_SLOT]: { boards: {} } })).toBeNull();
    expect(configOf({})).toBeNull();
    expect(configOf(undefined)).toBeNull();
  });

  it('ignores sub-district, tier and annual entries when finding the newest quarter', () => {
    const stats = structureStats();
    const tierOnly = stat('de.core.enterprises', '2022Q1', 9, { tier: 't50' });
    stats[tierOnly.key] = tierOnly;
    expect(latestQuarter(stats, 'de.core.enterprises')).toBe('2021Q4');
    expect(latestQuarter(stats, 'de.core.valueAdded')).toBeNull();
  });
});
