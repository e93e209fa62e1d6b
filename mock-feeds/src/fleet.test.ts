import { readFileSync } from 'node:fs';
import { DeviceRegistration, KINDS, PILE_SITES, SUBDISTRICTS, isSubdistrict, subdistrictByName } from '@futian/shared';
import { describe, expect, it } from 'vitest';
import { FAST_PILES_PER_SITE, FLEET_LAYOUT_SEED, buildFleet, registrationsOf } from './fleet.js';
import { createFeeds } from './feeds.js';
import { allocateLayer, type Layer } from './model.js';

const fleet = buildFleet();

describe('fleet layout', () => {
  it('has exactly the documented fleet sizes', () => {
    expect(fleet.bs5g).toHaveLength(KINDS.bs5g.documentedCount);
    expect(fleet.bs5g).toHaveLength(5700);
    expect(fleet.pole).toHaveLength(3700);
    expect(fleet.pile).toHaveLength(9499);
    expect(fleet.sites).toHaveLength(PILE_SITES.total);
    expect(fleet.sites.filter((s) => s.fast)).toHaveLength(58);
    expect(fleet.sites.reduce((n, s) => n + s.pileIds.length, 0)).toBe(9499);
  });

  it('registers every device once, in a valid sub-district, passing the shared schema', () => {
    const regs = createFeeds().flatMap((f) => f.registrations());
    expect(regs).toHaveLength(5700 + 3700 + 9499);
    expect(new Set(regs.map((r) => r.deviceId)).size).toBe(regs.length);
    for (const r of regs) {
      expect(isSubdistrict(r.subdistrict)).toBe(true);
      expect(DeviceRegistration.safeParse(r).success).toBe(true);
    }
  });

  it('uses readable, stable ids', () => {
    expect(fleet.bs5g[0]?.deviceId).toMatch(/^BS-4403040\d{2}-\d{4}$/);
    expect(fleet.pole[0]?.deviceId).toMatch(/^POLE-4403040\d{2}-\d{4}$/);
    expect(fleet.pile[0]?.reg.deviceId).toMatch(/^PILE-SITE-\d{4}-\d{2}$/);
    for (const s of fleet.sites) for (const id of s.pileIds) expect(id.startsWith(`PILE-${s.siteId}-`)).toBe(true);
    // Ids come from the fixed layout seed, not the behaviour seed.
    const a = createFeeds({ seed: 1, only: ['pile'] })[0]?.registrations();
    const b = createFeeds({ seed: 2, only: ['pile'] })[0]?.registrations();
    expect(a).toEqual(b);
    expect(buildFleet(FLEET_LAYOUT_SEED + 1).pile.map((p) => p.reg.deviceId)).not.toEqual(fleet.pile.map((p) => p.reg.deviceId));
  });

  it('sizes fast sites 15–40 piles, all fast; slow sites smaller and AC', () => {
    const bySite = new Map(fleet.sites.map((s) => [s.siteId, s]));
    for (const s of fleet.sites) {
      if (s.fast) {
        expect(s.pileIds.length).toBeGreaterThanOrEqual(FAST_PILES_PER_SITE[0]);
        expect(s.pileIds.length).toBeLessThanOrEqual(FAST_PILES_PER_SITE[1]);
      } else expect(s.pileIds.length).toBeGreaterThanOrEqual(2);
    }
    for (const p of fleet.pile) {
      expect(p.reg.fast).toBe(bySite.get(p.reg.siteId)?.fast);
      expect(p.ratedKw).toBeLessThanOrEqual(p.reg.fast ? 120 : 7);
    }
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const fastMean = mean(fleet.sites.filter((s) => s.fast).map((s) => s.pileIds.length));
    const slowMean = mean(fleet.sites.filter((s) => !s.fast).map((s) => s.pileIds.length));
    expect(fastMean).toBeGreaterThan(2 * slowMean);
  });

  it('places devices near their sub-district label point', () => {
    const regs = [...fleet.bs5g, ...fleet.pole, ...registrationsOf(fleet, 'pile')];
    const bySd = new Map(SUBDISTRICTS.map((s) => [s.adcode, s]));
    for (const r of regs) {
      const sd = bySd.get(r.subdistrict);
      if (!sd || r.lng === undefined || r.lat === undefined) throw new Error(`${r.deviceId} has no position`);
      const km = Math.hypot((r.lng - sd.cp[0]) * 111.32 * Math.cos((sd.cp[1] * Math.PI) / 180), (r.lat - sd.cp[1]) * 111.32);
      expect(km).toBeLessThanOrEqual(Math.sqrt(sd.areaKm2 / Math.PI) + 0.05);
    }
  });

  it('puts denser layers where the model says: 华强北 per km² above 梅林', () => {
    const per = (layer: Layer, total: number, name: string): number => {
      const sd = subdistrictByName(name);
      const i = SUBDISTRICTS.findIndex((s) => s.adcode === sd?.adcode);
      return (allocateLayer(layer, total)[i] ?? 0) / (sd?.areaKm2 ?? 1);
    };
    expect(per('bs5g', 5700, '华强北')).toBeGreaterThan(2 * per('bs5g', 5700, '梅林'));
    expect(per('pole', 3700, '福田')).toBeGreaterThan(per('pole', 3700, '梅林'));
  });

  it('matches the table in MODEL.md, so the documentation cannot drift', () => {
    const doc = readFileSync(new URL('../MODEL.md', import.meta.url), 'utf8');
    const counts = {
      bs5g: allocateLayer('bs5g', 5700),
      pole: allocateLayer('pole', 3700),
      site: allocateLayer('pileSite', 798),
      fast: allocateLayer('fastSite', 58),
    };
    SUBDISTRICTS.forEach((sd, i) => {
      const row = doc.split('\n').find((l) => l.startsWith(`| ${sd.short} | ${sd.adcode} |`));
      expect(row, `MODEL.md row for ${sd.short}`).toBeDefined();
      const cells = (row ?? '').split('|').map((c) => c.trim()).filter(Boolean);
      const piles = fleet.pile.filter((p) => p.reg.subdistrict === sd.adcode).length;
      expect(cells.slice(4, 9).map(Number)).toEqual([counts.bs5g[i], counts.pole[i], counts.site[i], counts.fast[i], piles]);
    });
  });
});
