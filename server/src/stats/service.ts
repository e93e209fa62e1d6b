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
import { StatBatchConflict, type NewStatBatch, type NewStatRevision, type StatBatchRow, type StatRevisionRow, type Store } from '../store/types.js';

export interface BatchResult {
  /** Null when nothing changed (every figure equal to the current value). */
  batch: StatBatchRow | null;
  stored: number;
  unchanged: number;
  /** Rollback only: figures left alone, with why. */
  skipped: Array<{ key: string; reason: string }>;
}

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

/** The note the catalogue seed stores; not a note from a person, so not shown. */
const SEED_NOTE = 'seeded from the metric catalogue';

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
  ...(r.note && r.note !== SEED_NOTE ? { note: r.note } : {}),
  ...(r.withdrawn ? { withdrawn: true as const } : {}),
});

/** The revision a figure becomes, keyed by indicator, period and scope. */
function revisionOf(f: StatFigure, source: string, simulated: boolean, note: string | null, receivedAt: number): NewStatRevision {
  return {
    key: statKey(f.indicator, f.period, { subdistrict: f.subdistrict, sector: f.sector, category: f.category, tier: f.tier }),
    indicator: f.indicator,
    period: f.period,
    subdistrict: f.subdistrict ?? null,
    sector: f.sector ?? null,
    category: f.category ?? null,
    tier: f.tier ?? null,
    value: f.value,
    source,
    simulated,
    note,
    receivedAt,
  };
}

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
        note: SEED_NOTE,
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
      const next = revisionOf(f, source.name, source.simulated, f.note ?? null, this.clock.now());
      const key = next.key;
      const prev = this.current.get(key);
      if (prev && prev.value === f.value) {
        result.unchanged++;
        continue;
      }
      const row = await this.store.insertStatRevision(next);
      const v = toValue(row);
      this.current.set(key, v);
      result.accepted++;
      result.revised.push({ key, revision: v.revision });
      if (prev) this.log.info({ key, from: prev.value, to: v.value, revision: v.revision, source: source.name }, 'statistic revised');
      for (const fn of this.listeners) fn(v);
    }
    return result;
  }

  /**
   * Publishes validated figures from a console upload as one batch, under the
   * uploader's unit as source: changed and new figures get a revision each;
   * figures equal to the current value store nothing. Batches are serialised,
   * so the values a batch was compared with are the values it replaces.
   */
  publishBatch(meta: Omit<NewStatBatch, 'kind' | 'reverts' | 'createdAt'>, figures: readonly StatFigure[]): Promise<BatchResult> {
    return this.serial(async () => {
      const now = this.clock.now();
      const rows: NewStatRevision[] = [];
      let unchanged = 0;
      for (const f of figures) {
        // A person published it for their unit: a real figure, not a simulation.
        const next = revisionOf(f, meta.unit, false, f.note ? `${meta.note} · ${f.note}` : meta.note, now);
        if (this.current.get(next.key)?.value === f.value) {
          unchanged++;
          continue;
        }
        rows.push(next);
      }
      if (rows.length === 0) return { batch: null, stored: 0, unchanged, skipped: [] };
      const out = await this.store.publishStatBatch({ ...meta, kind: 'import', reverts: null, createdAt: now }, rows);
      this.apply(out.revisions);
      return { batch: out.batch, stored: out.revisions.length, unchanged, skipped: [] };
    });
  }

  /**
   * Undoes an upload: each figure it revised goes back to the revision before
   * (its value, source and 模拟 flag as they were); a figure the upload brought
   * first is withdrawn, so walls fall back to the period before. A figure
   * revised again since is left alone and listed: the later revision is someone
   * else's decision. Fails if the batch is unknown, is a rollback, or was
   * already rolled back.
   */
  rollbackBatch(id: number, meta: Omit<NewStatBatch, 'kind' | 'reverts' | 'createdAt' | 'fileName' | 'fileSha256'>): Promise<BatchResult> {
    return this.serial(async () => {
      const found = await this.store.statBatch(id);
      if (!found) throw new StatBatchConflict(`no batch ${id}`);
      if (found.batch.kind !== 'import') throw new StatBatchConflict(`batch ${id} is a rollback; it cannot be rolled back`);
      if (found.batch.revertedBy !== null) throw new StatBatchConflict(`batch ${id} was already rolled back by batch ${found.batch.revertedBy}`);
      const now = this.clock.now();
      const rows: NewStatRevision[] = [];
      const skipped: Array<{ key: string; reason: string }> = [];
      for (const rev of found.revisions) {
        const cur = this.current.get(rev.key);
        if (!cur || cur.revision !== rev.revision) {
          skipped.push({ key: rev.key, reason: cur ? `revised again since (revision ${cur.revision})` : 'withdrawn since' });
          continue;
        }
        const before = (await this.store.statRevisions(rev.key)).filter((r) => r.revision < rev.revision).at(-1);
        const base = { key: rev.key, indicator: rev.indicator, period: rev.period, subdistrict: rev.subdistrict, sector: rev.sector, category: rev.category, tier: rev.tier, receivedAt: now };
        const note = `${meta.note} · 回退批次 #${id}`;
        if (before && !before.withdrawn) rows.push({ ...base, value: before.value, source: before.source, simulated: before.simulated, note });
        else rows.push({ ...base, value: rev.value, source: meta.unit, simulated: false, note, withdrawn: true });
      }
      const out = await this.store.publishStatBatch(
        { ...meta, kind: 'rollback', reverts: id, createdAt: now, fileName: found.batch.fileName, fileSha256: found.batch.fileSha256 },
        rows,
      );
      this.apply(out.revisions);
      return { batch: out.batch, stored: out.revisions.length, unchanged: 0, skipped };
    });
  }

  async batches(limit: number): Promise<StatBatchRow[]> {
    return this.store.statBatches(limit);
  }

  async batch(id: number): Promise<{ batch: StatBatchRow; revisions: StatValue[] } | null> {
    const b = await this.store.statBatch(id);
    return b ? { batch: b.batch, revisions: b.revisions.map(toValue) } : null;
  }

  private apply(revisions: readonly StatRevisionRow[]): void {
    for (const r of revisions) {
      const v = toValue(r);
      if (r.withdrawn) this.current.delete(r.key);
      else this.current.set(r.key, v);
      for (const fn of this.listeners) fn(v);
    }
  }

  private tail: Promise<unknown> = Promise.resolve();
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** The rules a figure must meet beyond its shape (known indicator, cadence, codes); the reason, or null. */
  validate(f: StatFigure): string | null {
    return this.check(f);
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
