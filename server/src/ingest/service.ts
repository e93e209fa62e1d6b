import type { IngestRejection, IngestResult } from '@futian/shared';
import type { SourceToken } from '../config/config.js';
import { rowOfReport } from '../devices/observation.js';
import type { DeviceRegistry } from '../devices/registry.js';
import type { Clock } from '../platform/clock.js';
import type { RawReportRow, Store } from '../store/types.js';
import { validateItem, type ValidReport } from './validate.js';

/** Reports the store has committed, as stored rows in commit order: what the live room applies. */
export interface CommittedBatch {
  rows: readonly RawReportRow[];
  receivedAt: number;
  simulated: boolean;
}

export interface IngestCounters {
  accepted(source: string, n: number): void;
  duplicates(source: string, n: number): void;
  rejected(source: string, code: string, n: number): void;
  latency(seconds: number, path: string): void;
}

export const noCounters: IngestCounters = {
  accepted: () => {},
  duplicates: () => {},
  rejected: () => {},
  latency: () => {},
};

export interface IngestDeps {
  store: Store;
  registry: DeviceRegistry;
  /** Hands each committed batch on (to the live room); called after the commit, never before. */
  onCommitted: (batch: CommittedBatch) => void;
  clock: Clock;
  rawRetentionMs: number;
  counters?: IngestCounters;
}

/**
 * The one ingest path. HTTP batches, MQTT micro-batches and the benchmark's
 * in-process calls all come through `ingest()`: validate every item, commit the
 * valid ones, then move live state. Live state moves only after the commit, so
 * what walls show never runs ahead of what is stored.
 */
export class IngestService {
  private readonly sourceIds = new Map<string, number>();
  private readonly counters: IngestCounters;
  /** Reports committed since start; the reconciliation test compares this to the store. */
  acceptedTotal = 0;

  constructor(private readonly deps: IngestDeps) {
    this.counters = deps.counters ?? noCounters;
  }

  async ingest(items: readonly unknown[], source: SourceToken, path = 'http'): Promise<IngestResult> {
    const started = performance.now();
    const { clock, registry, store } = this.deps;
    const now = clock.now();
    const win = { now, oldest: now - this.deps.rawRetentionMs };
    const valid: ValidReport[] = [];
    const rejected: IngestRejection[] = [];
    for (let i = 0; i < items.length; i++) {
      const v = validateItem(items[i], i, registry, win);
      if ('report' in v) valid.push(v);
      else rejected.push(v);
    }

    let accepted = 0;
    let duplicates = 0;
    if (valid.length > 0) {
      const sourceId = await this.sourceId(source.name);
      const rows: RawReportRow[] = valid.map(({ report, device }) => rowOfReport(report, device, sourceId));
      const inserted = await store.insertReports(rows);
      const committed: RawReportRow[] = [];
      for (let i = 0; i < rows.length; i++) {
        if (inserted[i] === 1) committed.push(rows[i]!);
        else duplicates++;
      }
      accepted = committed.length;
      if (accepted > 0) this.deps.onCommitted({ rows: committed, receivedAt: clock.now(), simulated: source.simulated });
    }
    this.acceptedTotal += accepted;
    this.count(source.name, accepted, duplicates, rejected);
    this.counters.latency((performance.now() - started) / 1000, path);
    return { accepted, duplicates, rejected };
  }

  private count(source: string, accepted: number, duplicates: number, rejected: IngestRejection[]): void {
    if (accepted) this.counters.accepted(source, accepted);
    if (duplicates) this.counters.duplicates(source, duplicates);
    if (rejected.length === 0) return;
    const byCode = new Map<string, number>();
    for (const r of rejected) byCode.set(r.code, (byCode.get(r.code) ?? 0) + 1);
    for (const [code, n] of byCode) this.counters.rejected(source, code, n);
  }

  private async sourceId(name: string): Promise<number> {
    let id = this.sourceIds.get(name);
    if (id === undefined) {
      id = await this.deps.store.sourceId(name);
      this.sourceIds.set(name, id);
    }
    return id;
  }
}
