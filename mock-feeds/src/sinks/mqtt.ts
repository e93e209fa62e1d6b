import type { IngestReport } from '@futian/shared';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import { noopLogger, type Logger } from '../logger.js';

export interface MqttSinkOptions {
  url: string;
  /** Prepended to every topic; tests use a unique one so runs do not see each other. */
  topicPrefix?: string;
  logger?: Logger;
  /** Unacknowledged QoS 1 publishes; past it the sink waits for acknowledgements. */
  maxPending?: number;
  /** Reports waiting to be published; past it the oldest are dropped and counted. */
  maxQueued?: number;
  /**
   * Publish pace. A subscriber's broker queue is small (Mosquitto keeps 1,000 QoS 1
   * messages per client by default and drops the rest), so a burst such as the
   * first tick's ~19k reports must be spread out, not fired at once.
   */
  maxPerSecond?: number;
  /** Pacing slice; each slice may publish maxPerSecond × sliceMs / 1000 reports. */
  sliceMs?: number;
  clientId?: string;
}

export interface MqttSinkStats {
  sent: number;
  failed: number;
  dropped: number;
  pending: number;
  queued: number;
  connected: boolean;
  lastError: string | null;
}

export function telemetryTopic(prefix: string, r: Pick<IngestReport, 'kind' | 'deviceId'>): string {
  return `${prefix}futian/telemetry/${r.kind}/${r.deviceId}`;
}

/**
 * Publishes each report as JSON at QoS 1, the IoT convention for poles and
 * chargers. Reports wait in a bounded queue and go out at a paced rate, with at
 * most `maxPending` unacknowledged; mqtt.js itself would buffer without limit
 * while the broker is away.
 */
export class MqttSink {
  private readonly client: MqttClient;
  private readonly logger: Logger;
  private readonly prefix: string;
  private readonly maxPending: number;
  private readonly maxQueued: number;
  private readonly perSlice: number;
  private readonly sliceMs: number;
  private readonly counters = { sent: 0, failed: 0, dropped: 0, pending: 0, lastError: null as string | null };
  private queue: IngestReport[] = [];
  private head = 0;
  private tokens: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private wasConnected = false;
  private stopped = false;

  constructor(opts: MqttSinkOptions) {
    this.logger = opts.logger ?? noopLogger;
    this.prefix = opts.topicPrefix ?? '';
    this.maxPending = opts.maxPending ?? 10_000;
    this.maxQueued = opts.maxQueued ?? 200_000;
    this.sliceMs = opts.sliceMs ?? 50;
    this.perSlice = Math.max(1, Math.floor(((opts.maxPerSecond ?? 5_000) * this.sliceMs) / 1000));
    this.tokens = this.perSlice;
    const options: IClientOptions = {
      clientId: opts.clientId ?? `futian-feeds-${process.pid}-${Math.random().toString(16).slice(2, 10)}`,
      reconnectPeriod: 2_000,
      connectTimeout: 10_000,
      clean: true,
    };
    this.client = connect(opts.url, options);
    this.client.on('connect', () => {
      this.wasConnected = true;
      this.logger.info({ url: opts.url }, 'mqtt connected');
    });
    this.client.on('offline', () => {
      if (this.wasConnected) this.logger.warn({ url: opts.url }, 'mqtt broker unreachable; reconnecting');
    });
    this.client.on('error', (err) => {
      this.counters.lastError = err.message;
      this.logger.warn({ url: opts.url, error: err.message }, 'mqtt error');
    });
  }

  /** Resolves once connected, or rejects after `timeoutMs`; publishing does not need it. */
  ready(timeoutMs = 10_000): Promise<void> {
    if (this.client.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.client.off('connect', ok);
        reject(new Error(`mqtt: no connection within ${timeoutMs} ms`));
      }, timeoutMs);
      const ok = (): void => {
        clearTimeout(t);
        resolve();
      };
      this.client.once('connect', ok);
    });
  }

  publish(reports: readonly IngestReport[]): void {
    if (this.stopped) return;
    for (const r of reports) this.queue.push(r);
    const over = this.queued() - this.maxQueued;
    if (over > 0) {
      if (this.counters.dropped === 0) this.logger.warn({ maxQueued: this.maxQueued }, 'mqtt queue full; dropping oldest');
      this.head += over;
      this.counters.dropped += over;
    }
    if (!this.timer) this.tokens = this.perSlice;
    this.drain();
    if (this.queued() > 0 && !this.timer) {
      this.timer = setInterval(() => {
        this.tokens = this.perSlice;
        this.drain();
        if (this.queued() === 0 && this.timer) {
          clearInterval(this.timer);
          this.timer = null;
        }
      }, this.sliceMs);
    }
  }

  private queued(): number {
    return this.queue.length - this.head;
  }

  private drain(): void {
    const c = this.counters;
    while (this.tokens > 0 && c.pending < this.maxPending && this.head < this.queue.length) {
      const r = this.queue[this.head++] as IngestReport;
      this.tokens--;
      c.pending++;
      this.client.publish(telemetryTopic(this.prefix, r), JSON.stringify(r), { qos: 1 }, (err) => {
        c.pending--;
        if (err) {
          c.failed++;
          c.lastError = err.message;
        } else c.sent++;
      });
    }
    // Compact now and then rather than shift() per report.
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  stats(): MqttSinkStats {
    return { ...this.counters, queued: this.queued(), connected: this.client.connected };
  }

  /** Waits briefly for in-flight acknowledgements, then closes. */
  async stop(graceMs = 2_000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const graceful = this.client.endAsync(false);
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const result = await Promise.race([graceful.then(() => 'ok' as const), timeout]);
    clearTimeout(timer);
    if (result === 'timeout') await this.client.endAsync(true);
  }
}
