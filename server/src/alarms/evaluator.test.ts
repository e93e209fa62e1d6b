import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../platform/clock.js';
import type { DeviceRegistry } from '../devices/registry.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { dev, FT, registryWith, tempStore, XMH } from '../testing/fixtures.js';
import { AlarmEvaluator } from './evaluator.js';
import type { LoadedRule } from './rules.js';

const title = { zh: 't', en: 't' };
const poleRule: LoadedRule = { id: 'pole', type: 'onlineRateBelow', kind: 'pole', threshold: 95, clearAt: 96, forS: 10, clearForS: 20, severity: 'major', title };
const siteRule: LoadedRule = { id: 'site', type: 'siteDark', forS: 0, clearForS: 0, severity: 'major', title };
const clusterRule: LoadedRule = { id: 'bs', type: 'clusterDown', kind: 'bs5g', minDown: 3, clearBelow: 2, windowS: 60, forS: 0, clearForS: 0, severity: 'critical', title };
const silentRule: LoadedRule = { id: 'silent', type: 'sourceSilent', kind: 'pile', afterCadences: 3, forS: 0, clearForS: 0, severity: 'critical', title };

describe('AlarmEvaluator', () => {
  let t: ReturnType<typeof tempStore>;
  let reg: DeviceRegistry;
  let p: Pipeline;
  beforeEach(async () => {
    t = tempStore();
    reg = await registryWith(t.store, [
      ...Array.from({ length: 100 }, (_, i) => dev(`L${i}`, 'pole', FT)),
      ...Array.from({ length: 20 }, (_, i) => dev(`B${i}`, 'bs5g', XMH)),
      dev('P1', 'pile', FT, { siteId: 'S1' }),
      dev('P2', 'pile', FT, { siteId: 'S1' }),
      dev('P3', 'pile', FT, { siteId: 'S2' }),
    ]);
    p = new Pipeline({ room: 'x', registry: reg, clock: systemClock, emit: () => {} });
  });
  afterEach(() => t.cleanup());

  const set = (ids: string[], status: 'online' | 'offline' | 'fault', ts: number) => {
    for (const id of ids) p.observe(reg.get(id)!, { status }, ts, ts, false);
  };
  const poles = (n: number) => Array.from({ length: n }, (_, i) => `L${i}`);

  it('a value flapping across the threshold raises once, after forS, and clears only after clearForS above clearAt', () => {
    const ev = new AlarmEvaluator([poleRule], p, reg, 0);
    p.onTransitions((x) => ev.onTransition(x));
    set(poles(100), 'online', 0);
    const events: string[] = [];
    // Flap every second between 94 % (below the threshold) and 95 % (inside the
    // 95–96 % band) for a minute.
    for (let s = 0; s < 60; s++) {
      const ts = s * 1000;
      if (s % 2 === 0) set(poles(6), 'offline', ts);
      else set(['L5'], 'online', ts);
      for (const e of ev.evaluate(ts)) events.push(`${e.type}@${s}`);
    }
    // 94 % never holds for forS (10 s): no storm, no alarm at all.
    expect(events).toEqual([]);
    // A sustained breach from s=60 raises exactly once, forS later.
    set(poles(10), 'offline', 60_000);
    for (let s = 60; s <= 80; s++) for (const e of ev.evaluate(s * 1000)) events.push(`${e.type}@${s}`);
    expect(events).toEqual(['raise@70']);
    // Recovery to 96 % must hold clearForS (20 s) before the clear.
    set(poles(10), 'online', 81_000);
    set(poles(4), 'offline', 81_000);
    for (let s = 81; s <= 110; s++) for (const e of ev.evaluate(s * 1000)) events.push(`${e.type}@${s}`);
    expect(events).toEqual(['raise@70', 'clear@101']);
  });

  it('a site alarms only when every pile is down, and only after it was seen online', () => {
    const ev = new AlarmEvaluator([siteRule], p, reg, 0);
    // Never reported: not armed, so silence at start-up is not an outage.
    expect(ev.evaluate(0)).toEqual([]);
    set(['P1', 'P2', 'P3'], 'online', 1);
    expect(ev.evaluate(1)).toEqual([]);
    set(['P1'], 'fault', 2);
    expect(ev.evaluate(2)).toEqual([]);
    set(['P2'], 'offline', 3);
    expect(ev.evaluate(3).map((e) => [e.type, e.type === 'raise' ? e.subject : ''])).toEqual([['raise', 'S1']]);
    set(['P2'], 'online', 4);
    expect(ev.evaluate(4).map((e) => e.type)).toEqual(['clear']);
  });

  it('a cluster is devices going down together, not the background of faults', () => {
    const ev = new AlarmEvaluator([clusterRule], p, reg, 0);
    p.onTransitions((x) => ev.onTransition(x));
    const bs = Array.from({ length: 20 }, (_, i) => `B${i}`);
    set(bs, 'online', 0);
    // Two stations down long ago (background): not a cluster, however long they stay down.
    set(['B0', 'B1'], 'fault', 1000);
    expect(ev.evaluate(120_000)).toEqual([]);
    // Three more within the window: 3 recent downs ≥ minDown.
    set(['B2', 'B3', 'B4'], 'offline', 121_000);
    const raised = ev.evaluate(122_000);
    expect(raised.map((e) => [e.type, e.type === 'raise' ? e.value : null])).toEqual([['raise', 3]]);
    // Clears when fewer than 2 of those three are still down, even though B0/B1 remain down.
    set(['B2', 'B3'], 'online', 130_000);
    expect(ev.evaluate(130_000).map((e) => e.type)).toEqual(['clear']);
  });

  it('a silent source raises one alarm and suppresses the per-site storm behind it', () => {
    const ev = new AlarmEvaluator([silentRule, siteRule], p, reg, 0);
    set(['P1', 'P2', 'P3'], 'online', 0);
    expect(ev.evaluate(1000)).toEqual([]);
    // The pile feed stops: devices go silent and both sites go dark.
    p.sweep(40_000);
    const events = ev.evaluate(40_000);
    expect(events.map((e) => `${e.type}:${e.type === 'raise' ? e.rule.id : ''}`)).toEqual(['raise:silent']);
  });
});
