import type { IngestReport } from '@futian/shared';
import { connectAsync } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { MqttSink, telemetryTopic } from './mqtt.js';

/** The machine's Mosquitto (started before every session and CI run). */
const BROKER = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';

const sample: IngestReport[] = [
  { deviceId: 'BS-440304001-0001', kind: 'bs5g', ts: 1_700_000_000_000, status: 'online' },
  { deviceId: 'POLE-440304002-0007', kind: 'pole', ts: 1_700_000_000_001, status: 'online', sensorsOnline: 5 },
  { deviceId: 'PILE-SITE-0001-01', kind: 'pile', ts: 1_700_000_000_002, status: 'online', busy: true, powerKw: 88.5, fast: true },
  ...Array.from({ length: 47 }, (_, i): IngestReport => ({ deviceId: `PILE-SITE-0002-${String(i + 1).padStart(2, '0')}`, kind: 'pile', ts: 1_700_000_000_100 + i, status: 'fault', busy: false, powerKw: 0, fast: false })),
];

describe('MqttSink', { timeout: 20_000 }, () => {
  it('builds topics under the prefix', () => {
    expect(telemetryTopic('', sample[0] as IngestReport)).toBe('futian/telemetry/bs5g/BS-440304001-0001');
    expect(telemetryTopic('t1/', sample[2] as IngestReport)).toBe('t1/futian/telemetry/pile/PILE-SITE-0001-01');
  });

  it('publishes each report as JSON at QoS 1 to a real broker', async () => {
    const prefix = `test-${process.pid}-${Date.now()}/`;
    const sub = await connectAsync(BROKER, { clientId: `sub-${process.pid}-${Date.now()}` });
    const got = new Map<string, { payload: string; qos: number }>();
    sub.on('message', (topic, payload, packet) => got.set(topic, { payload: payload.toString('utf8'), qos: packet.qos }));
    await sub.subscribeAsync(`${prefix}futian/telemetry/#`, { qos: 1 });
    const sink = new MqttSink({ url: BROKER, topicPrefix: prefix });
    try {
      await sink.ready();
      sink.publish(sample);
      const deadline = Date.now() + 10_000;
      while ((got.size < sample.length || sink.stats().pending > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(got.size).toBe(sample.length);
      for (const r of sample) {
        const m = got.get(`${prefix}futian/telemetry/${r.kind}/${r.deviceId}`);
        expect(m?.qos).toBe(1);
        expect(JSON.parse(m?.payload ?? 'null')).toEqual(r);
      }
      expect(sink.stats()).toMatchObject({ sent: sample.length, failed: 0, dropped: 0, pending: 0, connected: true });
    } finally {
      await sink.stop();
      await sub.endAsync();
    }
  });

  it('paces publishing while the broker is away', async () => {
    const sink = new MqttSink({ url: 'mqtt://127.0.0.1:1', maxPerSecond: 1000, sliceMs: 50 });
    try {
      const many = Array.from({ length: 4 }, () => sample).flat();
      sink.publish(many);
      // One 50 ms slice at 1,000/s allows 50 publishes; the rest wait for later slices.
      expect(sink.stats()).toMatchObject({ pending: 50, queued: 150, dropped: 0, sent: 0, connected: false });
      await new Promise((r) => setTimeout(r, 130));
      expect(sink.stats().pending).toBeGreaterThanOrEqual(100);
      expect(sink.stats().pending).toBeLessThanOrEqual(150);
    } finally {
      await sink.stop(100);
    }
  });

  it('bounds unacknowledged and queued reports, and still stops', async () => {
    const sink = new MqttSink({ url: 'mqtt://127.0.0.1:1', maxPerSecond: 1000, sliceMs: 50, maxPending: 80, maxQueued: 100 });
    sink.publish(sample.slice(0, 30));
    expect(sink.stats()).toMatchObject({ pending: 30, queued: 0, dropped: 0 });
    sink.publish([...sample, ...sample, ...sample]);
    expect(sink.stats()).toMatchObject({ pending: 80, queued: 50, dropped: 50 });
    await new Promise((r) => setTimeout(r, 150));
    expect(sink.stats()).toMatchObject({ pending: 80, queued: 50, dropped: 50 });
    const t = Date.now();
    await sink.stop(200);
    expect(Date.now() - t).toBeLessThan(3000);
  });
});
