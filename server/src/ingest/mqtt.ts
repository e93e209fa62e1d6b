import os from 'node:os';
import { connect, type IPublishPacket, type MqttClient } from 'mqtt';
import type { SourceToken } from '../config/config.js';
import type { Logger } from '../platform/logger.js';
import type { IngestCounters, IngestService } from './service.js';

export interface MqttIntakeOptions {
  url: string;
  /** Prepended to the topic filter; tests use a unique prefix per run. */
  topicPrefix: string;
  /**
   * The broker keeps this client's session (subscription and queued QoS 1 messages)
   * under this id while the server is down. Two processes must never share one: the
   * broker disconnects the older connection whenever the other connects, and each
   * takes messages from the other's queue. See `defaultMqttClientId`. Unset: a
   * random id and a session that ends with the connection, so nothing published
   * while the server is down reaches it.
   */
  clientId?: string | undefined;
  /**
   * Cluster mode: subscribe as a member of this shared-subscription group
   * (`$share/<group>/<filter>`, MQTT 5; Mosquitto 2 has it), so the broker hands
   * each message to one node of the group, not to every node.
   */
  shareGroup?: string | undefined;
  /** How long the broker keeps the session after a disconnect, in seconds. */
  sessionExpirySeconds?: number;
  source: SourceToken;
  ingest: IngestService;
  log: Logger;
  /** Refusals before a message reaches ingest (bad JSON, wrong topic) count with ingest's own. */
  counters?: IngestCounters;
  /** Attempts at committing a message the store refuses before it is dropped (and acknowledged). */
  commitAttempts?: number;
}

const TOPIC_RE = /futian\/telemetry\/([^/]+)\/([^/]+)$/;

/** A day: a restart, a deploy or a broken night shift fits; a server retired for good stops costing the broker memory. */
export const DEFAULT_SESSION_EXPIRY_S = 86_400;

/**
 * The client id when `MQTT_CLIENT_ID` is not set. It must be the same on every start
 * of this server, or the broker cannot hand the restarted process the session (and
 * the messages queued in it) of the one that died; a random id, as before, got a new,
 * empty session each time. Host name and HTTP port are stable across restarts and
 * tell two servers on one host apart. Two servers that share a host name and port
 * (containers with the same hostname, say) must set `MQTT_CLIENT_ID` themselves.
 */
export function defaultMqttClientId(port: number): string | undefined {
  // Port 0 (tests) is another port on every start: there is no identity to resume,
  // and a persistent session under a new id each time would only be left behind.
  return port === 0 ? undefined : `futian-wall-${os.hostname()}-${port}`;
}

/**
 * Subscribes to `<prefix>futian/telemetry/<kind>/<deviceId>` and feeds each message
 * through the same IngestService as HTTP, so validation, counters and durability
 * are identical.
 *
 * Delivery is at least once, end to end:
 * - The session is persistent: a stable client id, clean start off, and an MQTT 5
 *   session expiry interval (in MQTT 5 a session without one ends with the
 *   connection, so `clean: false` alone keeps nothing). While the server is down the
 *   broker queues QoS 1 messages for it, up to its own limit (Mosquitto:
 *   `max_queued_messages`, 1,000 by default; docs/API.md says what to set).
 * - A message is acknowledged only after ingest has committed it, or refused it as
 *   invalid. A server killed between receipt and commit leaves it unacknowledged,
 *   and the broker sends it again on the next connection.
 * - A message sent again after its commit (the acknowledgement died with the
 *   process) is a duplicate: raw reports are keyed by (ts, device), so the store
 *   ignores it, `wall_reports_duplicate_total` counts it, and live state does not
 *   move twice (only newly inserted rows reach the live room). At least once plus
 *   an idempotent commit stores each report exactly once, without the extra round
 *   trip and broker state of QoS 2.
 *
 * The cost is throughput. mqtt.js hands messages over one at a time and reads the
 * next only after `done` (which sends the PUBACK), so holding the acknowledgement
 * until the commit means one commit per message: the 20 ms micro-batches of the
 * acknowledge-on-receipt intake are gone. On this project's 2-core machine that
 * doubles the server's CPU per message (about 35 → 65–100 µs) and caps intake near
 * 7,000 messages a second; the mock fleet sends about 1,300. See docs/ARCHITECTURE.md.
 */
export class MqttIntake {
  private client: MqttClient | null = null;
  /** Commits run one after another, in arrival order, so PUBACKs keep the order of the messages (MQTT 5 §4.6). */
  private inflight: Promise<void> = Promise.resolve();
  private stopping = false;
  /** Counts lost connections; an acknowledgement belongs to the connection its message came on. */
  private connection = 0;
  received = 0;
  /** Messages the store refused on every attempt; they were acknowledged and are lost. */
  dropped = 0;
  malformed = 0;
  /** Whether the broker still held our session at the last (re)connect. */
  sessionPresent = false;

  constructor(private readonly o: MqttIntakeOptions) {}

  get filter(): string {
    const filter = `${this.o.topicPrefix}futian/telemetry/+/+`;
    return this.o.shareGroup ? `$share/${this.o.shareGroup}/${filter}` : filter;
  }

  async start(): Promise<void> {
    const persistent = this.o.clientId !== undefined;
    const clientId = this.o.clientId ?? `futian-wall-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    if (!persistent) this.o.log.warn('mqtt: no stable client id (MQTT_CLIENT_ID, or a fixed PORT); messages published while the server is down are lost');
    const client = connect(this.o.url, {
      clientId,
      clean: !persistent,
      protocolVersion: 5,
      properties: {
        sessionExpiryInterval: persistent ? (this.o.sessionExpirySeconds ?? DEFAULT_SESSION_EXPIRY_S) : 0,
        // MQTT 5 receive maximum: let the broker keep many QoS 1 messages in flight to
        // us instead of parking them in its per-client queue (Mosquitto's default
        // max_queued_messages is 1,000 and it drops beyond that during bursts).
        receiveMaximum: 65_535,
        // No topicAliasMaximum: without it the broker sends no aliases, so every
        // packet carries its full topic (mqtt.js resolves aliases for the `message`
        // event only, not in the packet handed to handleMessage).
      },
      reconnectPeriod: 2000,
      connectTimeout: 10_000,
    });
    this.client = client;
    // Set before the connection opens: a resumed session's queued messages follow the
    // CONNACK at once, before an `await` on the connect would return.
    client.handleMessage = (packet, done) => this.onMessage(packet, done);
    client.on('error', (err) => this.o.log.warn({ err: err.message }, 'mqtt error'));
    client.on('reconnect', () => this.o.log.info('mqtt reconnecting'));
    client.on('connect', (connack) => {
      this.sessionPresent = connack.sessionPresent;
      this.o.log.info({ clientId, sessionPresent: connack.sessionPresent }, 'mqtt connected');
    });
    // An acknowledgement held across a lost connection is not sent on the next one:
    // the broker sends that message again, or, with the session gone, reuses its id.
    client.on('close', () => this.connection++);
    try {
      // A broker that is down at start-up fails the start (app.ts says why).
      await new Promise<void>((resolve, reject) => {
        const settle = (err?: Error): void => {
          client.off('connect', onConnect).off('error', settle).off('close', onClose);
          if (err) reject(err);
          else resolve();
        };
        const onConnect = (): void => settle();
        const onClose = (): void => settle(new Error(`mqtt: no connection to ${this.o.url}`));
        client.on('connect', onConnect).on('error', settle).on('close', onClose);
      });
      // Subscribing again on a resumed session replaces the subscription in place;
      // the messages queued under it are kept.
      await client.subscribeAsync(this.filter, { qos: 1 });
    } catch (err) {
      await client.endAsync(true);
      this.client = null;
      throw err;
    }
    this.o.log.info({ url: this.o.url, filter: this.filter, clientId, persistent }, 'mqtt intake subscribed');
  }

  /**
   * mqtt.js's per-message hook: `done` sends the PUBACK (QoS 1) and lets it read the
   * next message, so it is called only after the commit. QoS 0 waits too: that is
   * what bounds memory when messages arrive faster than they are committed.
   */
  private onMessage(packet: IPublishPacket, done: () => void): void {
    // A message read while stopping stays unacknowledged: the broker keeps it for the next start.
    if (this.stopping) return;
    this.received++;
    const item = this.parse(packet);
    const connection = this.connection;
    this.inflight = this.inflight.then(async () => {
      if (item !== undefined) await this.commit(item);
      if (connection === this.connection) done();
    });
  }

  /** The report in a message, or undefined when it is refused before ingest (counted here). */
  private parse(packet: IPublishPacket): unknown {
    const payload = typeof packet.payload === 'string' ? packet.payload : packet.payload.toString('utf8');
    let item: unknown;
    try {
      item = JSON.parse(payload);
    } catch {
      this.malformed++;
      this.o.counters?.rejected(this.o.source.name, 'malformed_json', 1);
      return undefined;
    }
    // The topic names the device; a payload claiming another is a misrouted
    // message and is rejected rather than credited to the wrong device.
    const m = TOPIC_RE.exec(packet.topic);
    if (m && item && typeof item === 'object' && !Array.isArray(item)) {
      const rec = item as Record<string, unknown>;
      if ((rec.kind !== undefined && rec.kind !== m[1]) || (rec.deviceId !== undefined && rec.deviceId !== m[2])) {
        this.o.counters?.rejected(this.o.source.name, 'topic_mismatch', 1);
        return undefined;
      }
    }
    return item;
  }

  private async commit(item: unknown): Promise<void> {
    const attempts = this.o.commitAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.o.ingest.ingest([item], this.o.source, 'mqtt');
        return;
      } catch (err) {
        // Ingest throws only when the store does (a full disk, a lost database), never
        // for a bad report. Holding the acknowledgement while retrying makes the broker
        // wait, but a store that stays down must not wedge intake for good either.
        if (attempt >= attempts) {
          this.dropped++;
          this.o.counters?.rejected(this.o.source.name, 'store_failed', 1);
          this.o.log.error({ err, attempts }, 'mqtt message not committed; dropped');
          return;
        }
        this.o.log.warn({ err, attempt }, 'mqtt message not committed; retrying');
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      }
    }
  }

  /** Resolves once every message read so far is committed (or refused) and acknowledged. */
  flush(): Promise<void> {
    return this.inflight;
  }

  async stop(): Promise<void> {
    // What has been read is committed and acknowledged; what arrives after this is
    // left unacknowledged for the broker to keep (the session outlives us).
    this.stopping = true;
    await this.inflight;
    if (this.client) await this.client.endAsync();
    this.client = null;
  }
}
