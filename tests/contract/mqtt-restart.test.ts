import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { post } from '../support/server.js';

/**
 * Issue #41 item 7: what is published while the server restarts must not be lost.
 * The server runs as a real child process (the way it crashes in production) and is
 * killed with SIGKILL, so nothing gets a chance to flush or say goodbye to the broker.
 */

const BROKER = 'mqtt://127.0.0.1:1883';
const root = path.resolve(import.meta.dirname, '../..');
const SD = '440304011';
const TOKEN = 'restart-token-0123456789abcdef';
const DEVICES = 25;
// Below Mosquitto's default max_queued_messages (1,000): the shared test broker keeps
// its defaults, and what the broker itself drops is not the server's to recover.
const BEFORE = 200;
const BURST = 40;
const WHILE_DOWN = 400;

interface Proc {
  child: ChildProcess;
  url: string;
}

describe('MQTT: a server killed with SIGKILL and restarted loses nothing published meanwhile', () => {
  const run = randomUUID().slice(0, 8);
  const prefix = `test-restart-${run}/`;
  const clientId = `futian-wall-test-${run}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wall-mqtt-restart-'));
  const dbFile = path.join(dir, 'wall.db');
  const procs: Proc[] = [];
  let pub: mqtt.MqttClient | null = null;

  const start = async (): Promise<Proc> => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/main.ts')], {
      cwd: root,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        WALL_DATA_DIR: dir,
        WALL_FEEDS: 'off',
        WALL_INGEST_TOKEN: TOKEN,
        WALL_ADMIN_PASSWORD: 'Test-admin-pass-1',
        MQTT_URL: BROKER,
        MQTT_TOPIC_PREFIX: prefix,
        MQTT_CLIENT_ID: clientId,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const p: Proc = { child, url: '' };
    procs.push(p);
    const port = await new Promise<number>((resolve, reject) => {
      const rl = createInterface({ input: child.stdout! });
      rl.on('line', (line) => {
        try {
          const j = JSON.parse(line) as { msg?: string; port?: number };
          if (j.msg === 'wall server listening' && j.port) resolve(j.port);
        } catch {
          /* non-JSON output is ignored */
        }
      });
      child.once('error', reject);
      child.once('exit', (code, sig) => reject(new Error(`server exited (${code ?? sig}) before listening`)));
    });
    p.url = `http://127.0.0.1:${port}`;
    return p;
  };

  const exited = (child: ChildProcess): Promise<void> =>
    child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

  /** Rows stored for this run's devices, read beside the running server (WAL allows a reader). */
  const stored = (): Array<{ deviceId: string; ts: number; n: number }> => {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      return db
        .prepare(
          `SELECT d.device_id AS deviceId, r.ts AS ts, COUNT(*) AS n FROM raw_reports r JOIN devices d ON d.idx = r.device
           WHERE d.device_id LIKE 'POLE-RS-%' GROUP BY d.device_id, r.ts`,
        )
        .all() as Array<{ deviceId: string; ts: number; n: number }>;
    } finally {
      db.close();
    }
  };

  const waitStored = async (n: number, timeoutMs: number): Promise<number> => {
    const end = Date.now() + timeoutMs;
    let got = stored().length;
    while (got < n && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      got = stored().length;
    }
    return got;
  };

  // Report k: device k % DEVICES, a distinct ts per report so each one is a row of its own.
  const t0 = Date.now() - 60_000;
  const report = (k: number) => ({ deviceId: `POLE-RS-${k % DEVICES}`, kind: 'pole', ts: t0 + k, status: 'online', sensorsOnline: 4 });
  const publish = async (k: number): Promise<void> => {
    const r = report(k);
    await pub!.publishAsync(`${prefix}futian/telemetry/pole/${r.deviceId}`, JSON.stringify(r), { qos: 1 });
  };

  afterAll(async () => {
    for (const p of procs) {
      if (p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGKILL');
        await exited(p.child);
      }
    }
    await pub?.endAsync();
    // The server's persistent session outlives it on the broker: end it, so the shared
    // broker does not keep queueing this run's topics for a client that never returns.
    const cleaner = await mqtt.connectAsync(BROKER, { clientId, clean: true, protocolVersion: 5, properties: { sessionExpiryInterval: 0 } });
    await cleaner.endAsync();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores every report exactly once across a kill -9 and restart', async () => {
    let srv = await start();
    const devices = Array.from({ length: DEVICES }, (_, i) => ({ deviceId: `POLE-RS-${i}`, kind: 'pole', subdistrict: SD }));
    expect((await post(`${srv.url}/api/v1/devices`, { devices }, TOKEN)).status).toBe(200);
    pub = await mqtt.connectAsync(BROKER, { clientId: `test-restart-pub-${run}`, protocolVersion: 5 });

    // 1. Normal running.
    for (let k = 0; k < BEFORE; k++) await publish(k);
    expect(await waitStored(BEFORE, 10_000)).toBe(BEFORE);

    // 2. The kill lands on messages the server has just read: a burst, after a pause
    //    long enough for everything before it to be committed, then SIGKILL well
    //    inside the 20 ms in which an intake that acknowledges on receipt would still
    //    hold the burst uncommitted. Acknowledged and uncommitted is lost for good.
    let k = BEFORE;
    await new Promise((r) => setTimeout(r, 100));
    const burst: Array<Promise<void>> = [];
    for (; k < BEFORE + BURST; k++) burst.push(publish(k));
    await Promise.all(burst);
    await new Promise((r) => setTimeout(r, 2));
    srv.child.kill('SIGKILL');
    await exited(srv.child);

    // 3. The server is down: everything here exists only in the broker's session queue.
    for (; k < BEFORE + BURST + WHILE_DOWN; k++) await publish(k);
    const total = k;
    const storedWhileDown = stored().length;

    // 4. Restart on the same data directory and client id.
    srv = await start();
    const got = await waitStored(total, 15_000);
    // Let redeliveries that would duplicate something land before stopping.
    await new Promise((r) => setTimeout(r, 500));
    srv.child.kill('SIGTERM');
    await exited(srv.child);

    const rows = stored();
    const seen = new Set(rows.map((r) => `${r.deviceId}@${r.ts}`));
    const missing = Array.from({ length: total }, (_, i) => report(i)).filter((r) => !seen.has(`${r.deviceId}@${r.ts}`));
    // The numbers ride on the assertion so a failure says how much was lost, and where.
    const summary =
      `published ${total} (${BEFORE} before, ${BURST} just before the kill, ${WHILE_DOWN} while down); ` +
      `stored ${storedWhileDown} by the kill, ${got} after restart, ${rows.length} at the end; missing ${missing.length}`;
    expect(missing.length, summary).toBe(0);
    expect(rows.length, summary).toBe(total);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  }, 90_000);
});
