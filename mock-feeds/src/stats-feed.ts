import { CORE_CATEGORIES, KEY_SECTORS, type DeviceRegistration, type StatFigure } from '@futian/shared';
import { emptyTick, type FeedSource, type FeedTick } from './feed.js';
import { createRng, type Rng } from './rng.js';
import {
  QUARTERS,
  VA,
  allFigures,
  buildStats,
  enterpriseFigures,
  figure,
  subdistrictFigures,
  type StatsState,
} from './stats-model.js';

export interface StatsFeedOptions {
  seed: number | string;
  /** Time between revisions (应统尽统); 0 turns revisions off. Default 10 minutes. */
  revisionIntervalMs?: number;
}

export const DEFAULT_REVISION_INTERVAL_MS = 10 * 60_000;

export type RevisionKind = 'subdistrictPair' | 'sectorPair' | 'categoryPair' | 'enterprises';

/**
 * Statistics as a feed: the whole modelled set on the first tick, then now and
 * then a revision, as when a late return is added under 应统尽统. A revision
 * moves value between two parts of a set (so the documented 624.92 stays
 * exact), or adds firms to a tier and to the total together.
 */
export class StatsFeed implements FeedSource {
  readonly name = 'stats' as const;
  private readonly state: StatsState;
  private readonly rng: Rng;
  private readonly intervalMs: number;
  private started = false;
  private lastNow = Number.NEGATIVE_INFINITY;
  private nextRevisionAt = Number.POSITIVE_INFINITY;
  private revisions = 0;

  constructor(opts: StatsFeedOptions) {
    const root = createRng(opts.seed).fork('stats');
    this.state = buildStats(root.fork('model'));
    this.rng = root.fork('revisions');
    this.intervalMs = opts.revisionIntervalMs ?? DEFAULT_REVISION_INTERVAL_MS;
  }

  registrations(): DeviceRegistration[] {
    return [];
  }

  currentFigures(): StatFigure[] {
    return allFigures(this.state);
  }

  tick(now: number): FeedTick {
    const out = emptyTick();
    if (now <= this.lastNow) return out;
    if (!this.started) {
      this.started = true;
      out.figures = this.currentFigures();
      if (this.intervalMs > 0) this.nextRevisionAt = now + this.intervalMs;
    }
    while (this.nextRevisionAt <= now) {
      out.figures.push(...this.revise());
      this.nextRevisionAt += this.intervalMs;
    }
    this.lastNow = now;
    return out;
  }

  /** Applies one revision and returns every figure it changed. */
  revise(kind?: RevisionKind): StatFigure[] {
    const r = this.rng;
    const k = kind ?? pickWeighted(r, ['subdistrictPair', 'sectorPair', 'categoryPair', 'enterprises'], [0.4, 0.2, 0.15, 0.25]);
    const note = `应统尽统 revision #${++this.revisions} (modelled)`;
    const s = this.state;
    switch (k) {
      case 'subdistrictPair': {
        const period = r.pick(QUARTERS);
        const parts = s.sub.get(period);
        if (!parts) return [];
        const [a, b] = movePair(r, parts);
        return [...subdistrictFigures(s, period, a, note), ...subdistrictFigures(s, period, b, note)];
      }
      case 'sectorPair': {
        const [a, b] = movePair(r, s.sector);
        return [a, b].map((i) => figure(VA, '2021', (s.sector[i] ?? 0) / 100, { sector: KEY_SECTORS[i]?.id ?? '' }, note));
      }
      case 'categoryPair': {
        const [a, b] = movePair(r, s.category);
        return [a, b].map((i) => figure(VA, '2021', (s.category[i] ?? 0) / 100, { category: CORE_CATEGORIES[i]?.id ?? '' }, note));
      }
      case 'enterprises': {
        const period = r.pick(QUARTERS);
        const e = s.enterprises.get(period);
        if (!e) return [];
        // Late returns are almost always small firms.
        const tier = r.chance(0.8) ? 3 : 2;
        const add = r.int(1, 6);
        e.tiers[tier] = (e.tiers[tier] ?? 0) + add;
        e.total += add;
        return enterpriseFigures(s, period, note);
      }
    }
  }
}

/** Moves up to 2 % of the smaller part from one to the other; returns the two indices. */
function movePair(r: Rng, parts: number[]): [number, number] {
  const a = r.int(0, parts.length - 1);
  let b = r.int(0, parts.length - 2);
  if (b >= a) b++;
  const pa = parts[a] ?? 0;
  const pb = parts[b] ?? 0;
  const delta = r.int(1, Math.max(1, Math.floor(Math.min(pa, pb) * 0.02)));
  if (pa - delta < 1) return [a, b];
  parts[a] = pa - delta;
  parts[b] = pb + delta;
  return [a, b];
}

function pickWeighted<T>(r: Rng, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((x, y) => x + y, 0);
  let u = r.next() * total;
  for (let i = 0; i < items.length; i++) {
    u -= weights[i] ?? 0;
    if (u < 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
}
