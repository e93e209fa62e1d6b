import type { IngestRejection, IngestResult } from '@futian/shared';
import type { Clock } from '../clock.js';
import type { SourceToken } from '../config.js';
import type { DeviceRegistry } from '../devices/registry.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { RawReportRow, Store } from '../store/types.js';
import { STATUS_CODE } from '../store/types.js';
import { validateItem, type ValidReport } from './validate.js';

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
  live: Pipeline;
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
    const { clock, registry, store, live } = this.deps;
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
      const rows: RawReportRow[] = valid.map(({ report: r, device }) => ({
        ts: r.ts,
        device: device.idx,
        status: STATUS_CODE[r.status],
        busy: r.kind === 'pile' && r.busy !== undefined ? (r.busy ? 1 : 0) : null,
        powerKw: r.kind === 'pile' ? (r.powerKw ?? null) : null,
        sensors: r.kind === 'pole' ? (r.sensorsOnline ?? null) : null,
        source: sourceId,
      }));
      const inserted = await store.insertReports(rows);
      const receivedAt = clock.now();
      for (let i = 0; i < valid.length; i++) {
        if (inserted[i] !== 1) {
          duplicates++;
          continue;
        }
        accepted++;
        const { report: r, device } = valid[i]!;
        live.observe(
          device,
          {
            status: r.status,
            busy: r.kind === 'pile' ? r.busy : undefined,
            powerKw: r.kind === 'pile' ? r.powerKw : undefined,
            sensorsOnline: r.kind === 'pole' ? r.sensorsOnline : undefined,
          },
          r.ts,
          receivedAt,
          source.simulated,
        );
      }
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
