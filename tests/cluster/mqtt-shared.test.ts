import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBDISTRICTS } from '@futian/shared';
import { post, until, WallClient } from '../support/server.js';
import { clusterScratch, startInProcessNode, TOKEN } from './support.js';

const N = 60;
const SD = SUBDISTRICTS[0]!.adcode;

/** Two nodes on the machine's Mosquitto (2.x) in one shared subscription: each message is handled by one node. */
describe('cluster: MQTT shared subscription', () => {
  const prefix = `test-${randomUUID().slice(0, 8)}/`;
  let scratch: Awaited<ReturnType<typeof clusterScratch>>;
  let a: Awaited<ReturnType<typeof startInProcessNode>>;
  let b: Awaited<ReturnType<typeof startInProcessNode>>;
  let pub: mqtt.MqttClient;

  beforeAll(async () => {
    scratch = await clusterScratch('mqtt');
    const mq = { mqttUrl: 'mqtt://127.0.0.1:1883', mqttTopicPrefix: prefix };
    a = await startInProcessNode(`mq-a-${randomUUID().slice(0, 6)}`, scratch, mq);
    b = await startInProcessNode(`mq-b-${randomUUID().slice(0, 6)}`, scratch, mq);
    const devices = Array.from({ length: N }, (_, i) => ({ deviceId: `POLE-S-${i}`, kind: 'pole', subdistrict: SD }));
    expect((await post(`${a.url}/api/v1/devices`, { devices }, TOKEN)).status).toBe(200);
    // Node B learns the devices from the store when A announces them.
    await until(() => b.app.registry.size === N, 5_000, 'node B to know the devices');
    pub = await mqtt.connectAsync('mqtt://127.0.0.1:1883');
  });

  afterAll(async () => {
    await pub?.endAsync();
    await b?.close();
    await a?.close();
    await scratch?.drop();
  });

  it('stores each message once, handled by one node or the other, and walls on both nodes show all of them', async () => {
    expect(a.app.mqtt!.filter).toMatch(/^\$share\/[^/]+\/test-/);
    const wall = new WallClient(b.url);
    try {
      await wall.connected();
      const now = Date.now();
      for (let i = 0; i < N; i++) {
        const r = { deviceId: `POLE-S-${i}`, kind: 'pole', ts: now, status: 'online', sensorsOnline: 6 };
        await pub.publishAsync(`${prefix}futian/telemetry/pole/POLE-S-${i}`, JSON.stringify(r), { qos: 1 });
      }
      await until(() => a.app.mqtt!.received + b.app.mqtt!.received >= N, 10_000, 'every message received by one node');
      await a.app.mqtt!.flush();
      await b.app.mqtt!.flush();
      expect(a.app.mqtt!.received + b.app.mqtt!.received).toBe(N);
      expect(a.app.mqtt!.received).toBeGreaterThan(0);
      expect(b.app.mqtt!.received).toBeGreaterThan(0);
      expect(await scratch.reports()).toBe(N);
      await until(() => wall.state?.infra.pole[SD]?.online === N, 5_000, 'all of them on the wall on B');
    } finally {
      wall.close();
    }
  });
});
