import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { IngestCounters } from '../ingest/service.js';

/**
 * Prometheus metrics, on a registry per app instance so tests can run several
 * servers in one process without colliding on the global registry.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly accepted = new Counter({
    name: 'wall_reports_accepted_total',
    help: 'Reports accepted and committed',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  readonly duplicates = new Counter({
    name: 'wall_reports_duplicate_total',
    help: 'Reports identical in device and ts to one already stored (idempotent)',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  readonly rejected = new Counter({
    name: 'wall_reports_rejected_total',
    help: 'Reports rejected, by reason code and source',
    labelNames: ['source', 'reason'] as const,
    registers: [this.registry],
  });
  readonly ingestLatency = new Histogram({
    name: 'wall_ingest_batch_seconds',
    help: 'Time to validate, commit and apply one ingest batch',
    labelNames: ['path'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });
  readonly deltaBytes = new Histogram({
    name: 'wall_delta_bytes',
    help: 'Size of published wall deltas as JSON',
    labelNames: ['room'] as const,
    buckets: [256, 1024, 4096, 16384, 65536, 262144],
    registers: [this.registry],
  });
  readonly deltas = new Counter({
    name: 'wall_deltas_total',
    help: 'Deltas published',
    labelNames: ['room'] as const,
    registers: [this.registry],
  });
  readonly resyncs = new Counter({
    name: 'wall_resyncs_total',
    help: 'Snapshots served to clients that detected a seq gap',
    labelNames: ['room'] as const,
    registers: [this.registry],
  });
  readonly refused = new Counter({
    name: 'wall_refused_total',
    help: 'Events, resyncs and connections refused by a limit, and sockets dropped for not reading',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly sockets = new Gauge({
    name: 'wall_connected_sockets',
    help: 'Connected socket.io clients by namespace',
    labelNames: ['namespace'] as const,
    registers: [this.registry],
  });
  readonly loopDelay = new Gauge({
    name: 'wall_event_loop_delay_seconds',
    help: 'Event-loop delay percentiles since the last scrape',
    labelNames: ['quantile'] as const,
    registers: [this.registry],
  });
  private readonly histogram: IntervalHistogram;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'wall_' });
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.histogram.enable();
  }

  ingestCounters(): IngestCounters {
    return {
      accepted: (source, n) => this.accepted.inc({ source }, n),
      duplicates: (source, n) => this.duplicates.inc({ source }, n),
      rejected: (source, reason, n) => this.rejected.inc({ source, reason }, n),
      latency: (s, path) => this.ingestLatency.observe({ path }, s),
    };
  }

  async render(): Promise<string> {
    const h = this.histogram;
    for (const q of [50, 90, 99]) this.loopDelay.set({ quantile: String(q / 100) }, h.percentile(q) / 1e9);
    this.loopDelay.set({ quantile: 'max' }, h.max / 1e9);
    h.reset();
    return this.registry.metrics();
  }

  dispose(): void {
    this.histogram.disable();
    this.registry.clear();
  }
}
