import { connectAsync, type MqttClient } from 'mqtt';
import type { SourceToken } from '../config/config.js';
import type { Logger } from '../platform/logger.js';
import type { IngestCounters, IngestService } from './service.js';

export interface MqttIntakeOptions {
  url: string;
  /** Prepended to the topic filter; tests use a unique prefix per run. */
  topicPrefix: string;
  source: SourceToken;
  ingest: IngestService;
  log: Logger;
  /** Refusals before a message reaches ingest (bad JSON, wrong topic, overload) count with ingest's own. */
  counters?: IngestCounters;
  /** Micro-batch window: one commit per window instead of one per message. */
  batchMs?: number;
  batchMax?: number;
  /** Messages buffered while a commit is running; past this, new ones are dropped and counted. */
  maxBuffered?: number;
}

const TOPIC_RE = /futian\/telemetry\/([^/]+)\/([^/]+)$/;

/**
 * Subscribes to `<prefix>futian/telemetry/<kind>/<deviceId>` and feeds each message
 * through the same IngestService as HTTP, so validation, counters and durability
 * are identical. Messages are grouped into micro-batches (20 ms) because one
 * SQLite transaction per message would cap intake at a few thousand per second.
 *
 * QoS 1 messages are acknowledged on receipt: mqtt.js processes packets in
 * order and holding a PUBACK until the batch commits would stall the stream.
 * The window for loss on a crash is therefore one batch (≤ 20 ms).
 */
export class MqttIntake {
  private client: MqttClient | null = null;
  private buffer: unknown[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inflight: Promise<void> = Promise.resolve();
  received = 0;
  dropped = 0;
  malformed = 0;

  constructor(private readonly o: MqttIntakeOptions) {}

  get filter(): string {
    return `${this.o.topicPrefix}futian/telemetry/+/+`;
  }

  async start(): Promise<void> {
    this.client = await connectAsync(this.o.url, {
      clientId: `futian-wall-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
      clean: true,
      // MQTT 5 receive maximum: let the broker keep many QoS 1 messages in flight to
      // us instead of parking them in its per-client queue (Mosquitto's default
      // max_queued_messages is 1,000 and it drops beyond that during bursts).
      protocolVersion: 5,
      properties: { receiveMaximum: 65_535 },
      reconnectPeriod: 2000,
      connectTimeout: 10_000,
    });
    this.client.on('message', (topic, payload) => this.onMessage(topic, payload));
    this.client.on('error', (err) => this.o.log.warn({ err: err.message }, 'mqtt error'));
    this.client.on('reconnect', () => this.o.log.info('mqtt reconnecting'));
    await this.client.subscribeAsync(this.filter, { qos: 1 });
    this.o.log.info({ url: this.o.url, filter: this.filter }, 'mqtt intake subscribed');
  }

  private onMessage(topic: string, payload: Buffer): void {
    this.received++;
    const m = TOPIC_RE.exec(topic);
    let item: unknown;
    try {
      item = JSON.parse(payload.toString('utf8'));
    } catch {
      this.malformed++;
      this.o.counters?.rejected(this.o.source.name, 'malformed_json', 1);
      return;
    }
    // The topic names the device; a payload claiming another is a misrouted
    // message and is rejected rather than credited to the wrong device.
    if (m && item && typeof item === 'object' && !Array.isArray(item)) {
      const rec = item as Record<string, unknown>;
      if ((rec.kind !== undefined && rec.kind !== m[1]) || (rec.deviceId !== undefined && rec.deviceId !== m[2])) {
        this.o.counters?.rejected(this.o.source.name, 'topic_mismatch', 1);
        return;
      }
    }
    if (this.buffer.length >= (this.o.maxBuffered ?? 100_000)) {
      this.dropped++;
      this.o.counters?.rejected(this.o.source.name, 'overload_dropped', 1);
      return;
    }
    this.buffer.push(item);
    if (this.buffer.length >= (this.o.batchMax ?? 2000)) this.flushSoon(0);
    else this.flushSoon(this.o.batchMs ?? 20);
  }

  private flushSoon(ms: number): void {
    if (this.timer && ms > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  /** Commits what is buffered; batches run one after another, in arrival order. */
  flush(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return this.inflight;
    this.inflight = this.inflight.then(async () => {
      try {
        await this.o.ingest.ingest(batch, this.o.source, 'mqtt');
      } catch (err) {
        this.o.log.error({ err, n: batch.length }, 'mqtt batch failed');
      }
    });
    return this.inflight;
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
    if (this.client) await this.client.endAsync();
    this.client = null;
  }
}
