import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { KEY_SECTORS, SceneRefSchema, validateTour, type BoardConfig, type TourConfig } from '@futian/shared';
import { buildIndustry } from './index.js';
import { insideRing, outlinesOf } from './generate.js';
import { industryRoutes } from './routes.js';

const root = path.resolve(import.meta.dirname, '../../..');
const dir = path.join(root, 'config/industry');
const boards = JSON.parse(readFileSync(path.join(root, 'config/boards.json'), 'utf8')) as BoardConfig;
const geo = {
  boundaries: readFileSync(path.join(root, 'config/geo/futian-subdistricts.wgs84.geojson'), 'utf8'),
  parks: readFileSync(path.join(root, 'config/geo/futian-parks.approx.geojson'), 'utf8'),
};
const sim = JSON.parse(readFileSync(path.join(dir, 'simulation.json'), 'utf8')) as { enterprises: number; seed: number };

describe('industry registry', () => {
  const { registry, json } = buildIndustry(dir, boards, geo);

  it('is the same for the same seed and configuration', () => {
    expect(buildIndustry(dir, boards, geo).json).toBe(json);
  });

  it('marks what the letter names as F and everything generated as 模拟, with labels that say so', () => {
    const all = [...registry.enterprises, ...registry.places, ...registry.carriers];
    for (const e of all) {
      if (e.named) {
        expect(e.source).toBe('F');
        expect(e.name.zh).not.toMatch(/模拟/);
      } else {
        expect(e.source).toBe('sim');
        expect(e.name.zh).toMatch(/^模拟/);
        expect(e.name.en).toMatch(/^Simulated/);
      }
    }
    expect(registry.enterprises.filter((e) => e.named).map((e) => e.name.zh)).toEqual(expect.arrayContaining(['华为数字能源', '极智嘉', '北科瑞声', '盈合机器人']));
    // A named firm has no revenue band: the letter publishes none.
    expect(registry.enterprises.filter((e) => e.named).every((e) => e.tier === null)).toBe(true);
  });

  it('simulates as many firms as configured, over every sector, each on its board', () => {
    const simulated = registry.enterprises.filter((e) => !e.named);
    expect(simulated).toHaveLength(sim.enterprises);
    expect(new Set(simulated.map((e) => e.sector)).size).toBe(KEY_SECTORS.length);
    for (const e of simulated) expect(e.board).toBe(boards.boards.find((b) => b.sectors.includes(e.sector))?.id ?? null);
    expect(new Set(registry.enterprises.map((e) => e.id)).size).toBe(registry.enterprises.length);
  });

  it('has the letter’s 42 carriers, six of them by name', () => {
    expect(registry.carriers).toHaveLength(42);
    expect(registry.carriers.filter((c) => c.named)).toHaveLength(6);
    expect(registry.published.carriers).toMatchObject({ value: 42, source: 'F' });
  });

  it('carries only the published expected outputs', () => {
    const withOutput = registry.places.filter((p) => p.output).map((p) => [p.name.zh, p.output!.value, p.output!.source]);
    expect(withOutput).toEqual([
      ['兄弟高登智能制造产业园', 50, 'F'],
      ['八卦岭 3-1 小区智能制造产业园', 20, 'F'],
    ]);
  });

  it('puts simulated points inside their sub-district, named ones by their anchor, unplaced ones nowhere', () => {
    const outlines = new Map(outlinesOf(JSON.parse(geo.boundaries)).map((o) => [o.adcode, o]));
    const simulated = [...registry.enterprises, ...registry.places, ...registry.carriers].filter((e) => !e.named && e.pos);
    expect(simulated.length).toBeGreaterThan(sim.enterprises * 0.99);
    for (const e of simulated) {
      const o = outlines.get(e.subdistrict!)!;
      expect(o.rings.some((r) => insideRing(e.pos!.lng, e.pos!.lat, r)), e.id).toBe(true);
    }
    const bagualing = registry.places.find((p) => p.id === 'bagualing-3-1')!;
    expect(bagualing.subdistrict).toBe('440304002');
    expect(bagualing.pos!.placedBy.zh).toMatch(/八卦岭工业区.*近似/);
    // The letter does not say where 兄弟高登 is: no position rather than a guess.
    expect(registry.places.find((p) => p.id === 'xiongdi-gaodeng')!.pos).toBeNull();
    // A firm in a named building is drawn at it.
    expect(registry.enterprises.find((e) => e.id === 'yinghe-robotics')!.pos).toEqual(registry.places.find((p) => p.id === 'baoshui-xingda')!.pos);
  });

  it('refuses a configuration that names an unknown park or sector, naming the file', () => {
    const bad = mkdtempSync(path.join(tmpdir(), 'industry-'));
    cpSync(dir, bad, { recursive: true });
    const places = JSON.parse(readFileSync(path.join(bad, 'places.json'), 'utf8')) as Array<{ anchor?: { park: string } }>;
    places[0]!.anchor = { park: '不存在的园区' };
    writeFileSync(path.join(bad, 'places.json'), JSON.stringify(places));
    expect(() => buildIndustry(bad, boards, geo)).toThrow(/places\.json.*不存在的园区/);
    cpSync(path.join(dir, 'places.json'), path.join(bad, 'places.json'));
    const ents = JSON.parse(readFileSync(path.join(bad, 'enterprises.json'), 'utf8')) as Array<{ sector: string }>;
    ents[0]!.sector = 'quantum';
    writeFileSync(path.join(bad, 'enterprises.json'), JSON.stringify(ents));
    expect(() => buildIndustry(bad, boards, geo)).toThrow(/enterprises\.json.*sector/);
  });

  it('is served as JSON', async () => {
    const app = express().use(industryRoutes(json));
    const server = app.listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/industry`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const body = (await res.json()) as { enterprises: unknown[]; seed: number };
      expect(body.enterprises).toHaveLength(registry.enterprises.length);
      expect(body.seed).toBe(sim.seed);
    } finally {
      server.close();
    }
  });
});

describe('the tour’s industry scene', () => {
  it('names an industry layer with a highlight a scene may carry', () => {
    const tour = JSON.parse(readFileSync(path.join(root, 'config/tour.json'), 'utf8')) as TourConfig;
    expect(validateTour(tour)).toEqual([]);
    const scene = tour.scenes.find((x) => x.highlight?.type === 'mapLayer');
    expect(scene).toMatchObject({ module: 'map', highlight: { type: 'mapLayer', id: 'firms' } });
    expect(SceneRefSchema.safeParse({ module: scene!.module, highlight: scene!.highlight }).success).toBe(true);
  });
});
