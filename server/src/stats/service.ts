import {
  CATALOGUE,
  ENTERPRISE_TIERS,
  isCoreCategoryId,
  isMetricId,
  isSectorId,
  isSubdistrict,
  METRIC_IDS,
  NON_CORE_CATEGORY,
  SOURCES,
  StatFigure,
  statKey,
  type StatValue,
} from '@futian/shared';
import type { Clock } from '../platform/clock.js';
import type { SourceToken } from '../config/config.js';
import type { Logger } from '../platform/logger.js';
import type { StatRevisionRow, Store } from '../store/types.js';

export interface StatRejection {
  index: number;
  error: string;
}

export interface StatsResult {
  /** New values and revisions stored. */
  accepted: number;
  /** Same value as the current revision: nothing stored, nothing pushed. */
  unchanged: number;
  rejected: StatRejection[];
}

/** A submission's result and, for the audit trail, the revisions it stored. */
export interface StatsSubmission extends StatsResult {
  revised: Array<{ key: string; revision: number }>;
}

const toValue = (r: StatRevisionRow): StatValue => ({
  key: r.key,
  indicator: r.indicator,
  period: r.period,
  scope: {
    ...(r.subdistrict ? { subdistrict: r.subdistrict } : {}),
    ...(r.sector ? { sector: r.sector } : {}),
    ...(r.category ? { category: r.category } : {}),
    ...(r.tier ? { tier: r.tier } : {}),
  },
  value: r.value,
  source: r.source,
  simulated: r.simulated,
  revision: r.revision,
  updatedAt: r.receivedAt,
});

/**
 * Quarterly and annual statistics. Values get revised (应统尽统): a new value for
 * the same indicator, period and scope becomes revision n+1 and replaces the
 * current value on every wall, while all earlier revisions stay queryable.
 */
export class StatsService {
  private readonly current = new Map<string, StatValue>();
  private readonly listeners = new Set<(v: StatValue) => void>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /**
   * Loads current values and seeds documented figures from the catalogue where the
   * store has none, so a fresh install shows the published numbers with their
   * source, and a revision posted later supersedes them.
   */
  async load(): Promise<void> {
    for (const r of await this.store.currentStats()) this.current.set(r.key, toValue(r));
    for (const id of METRIC_IDS) {
      const def = CATALOGUE[id];
      if (def.value === undefined || !def.period) continue;
      const key = statKey(id, def.period);
      if (this.current.has(key)) continue;
      const row = await this.store.insertStatRevision({
        key,
        indicator: id,
        period: def.period,
        subdistrict: null,
        sector: null,
        category: null,
        tier: null,
        value: def.value,
        source: def.source,
        simulated: SOURCES[def.source].simulated,
        note: 'seeded from the metric catalogue',
        receivedAt: this.clock.now(),
      });
      this.current.set(key, toValue(row));
    }
  }

  all(): StatValue[] {
    return [...this.current.values()];
  }

  get(key: string): StatValue | undefined {
    return this.current.get(key);
  }

  onChange(fn: (v: StatValue) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  async revisions(key: string): Promise<StatValue[]> {
    return (await this.store.statRevisions(key)).map(toValue);
  }

  async submit(items: readonly unknown[], source: SourceToken): Promise<StatsSubmission> {
    const result: StatsSubmission = { accepted: 0, unchanged: 0, rejected: [], revised: [] };
    for (let index = 0; index < items.length; index++) {
      const parsed = StatFigure.safeParse(items[index]);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        result.rejected.push({ index, error: `${String(issue?.path[0] ?? 'figure')}: ${issue?.message ?? 'invalid'}` });
        continue;
      }
      const f = parsed.data;
      const err = this.check(f);
      if (err) {
        result.rejected.push({ index, error: err });
        continue;
      }
      const scope = { subdistrict: f.subdistrict, sector: f.sector, category: f.category, tier: f.tier };
      const key = statKey(f.indicator, f.period, scope);
      const prev = this.current.get(key);
      if (prev && prev.value === f.value) {
        result.unchanged++;
        continue;
      }
      const row = await this.store.insertStatRevision({
        key,
        indicator: f.indicator,
        period: f.period,
        subdistrict: f.subdistrict ?? null,
        sector: f.sector ?? null,
        category: f.category ?? null,
        tier: f.tier ?? null,
        value: f.value,
        source: source.name,
        simulated: source.simulated,
        note: f.note ?? null,
        receivedAt: this.clock.now(),
      });
      const v = toValue(row);
      this.current.set(key, v);
      result.accepted++;
      result.revised.push({ key, revision: v.revision });
      if (prev) this.log.info({ key, from: prev.value, to: v.value, revision: v.revision, source: source.name }, 'statistic revised');
      for (const fn of this.listeners) fn(v);
    }
    return result;
  }

  private check(f: StatFigure): string | null {
    if (!isMetricId(f.indicator)) return `unknown indicator '${f.indicator}'`;
    const def = CATALOGUE[f.indicator];
    if (def.cadence === 'realtime') return `'${f.indicator}' is live telemetry, not a statistic`;
    const quarterly = f.period.includes('Q');
    if (def.cadence === 'quarterly' && !quarterly) return `'${f.indicator}' is quarterly: period must be YYYYQn`;
    if (def.cadence === 'annual' && quarterly) return `'${f.indicator}' is annual: period must be YYYY`;
    if (f.subdistrict && !isSubdistrict(f.subdistrict)) return `unknown subdistrict '${f.subdistrict}'`;
    if (f.sector && !isSectorId(f.sector)) return `unknown sector '${f.sector}'`;
    if (f.category && !isCoreCategoryId(f.category) && f.category !== NON_CORE_CATEGORY.id) {
      return `unknown category '${f.category}'`;
    }
    if (f.tier && !ENTERPRISE_TIERS.some((t) => t.id === f.tier)) return `unknown tier '${f.tier}'`;
    return null;
  }
}
