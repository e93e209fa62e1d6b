import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import { SUBDISTRICTS, type WallSnapshot } from '@futian/shared';
import { createApp, type WallApp } from '../../server/src/app.js';
import { testConfig, type Config } from '../../server/src/config/config.js';
import { PgStore } from '../../server/src/store/pg.js';
import { createTestDatabase } from '../../server/src/testing/pg.js';

const root = path.resolve(import.meta.dirname, '../..');

/** The machine's Redis; tests only ever touch keys under their own prefix. */
export const TEST_REDIS_URL = process.env.WALL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TOKEN = 'cluster-test-token-0123456789';

/** A database and a Redis key prefix of this run's own, and their removal. */
export async function clusterScratch(hint: string): Promise<{ databaseUrl: string; prefix: string; reports: () => Promise<number>; drop: () => Promise<void> }> {
  const db = await createTestDatabase(`cluster_${hint}`);
  const prefix = `futian-test-${randomBytes(4).toString('hex')}:`;
  return {
    databaseUrl: db.url,
    prefix,
    async reports() {
      const store = await PgStore.open(db.url, { max: 1 });
      try {
        return await store.countReports();
      } finally {
        await store.close();
      }
    },
    async drop() {
      await dropRedisPrefix(TEST_REDIS_URL, prefix);
      await db.drop();
    },
  };
}

export async function dropRedisPrefix(url: string, prefix: string): Promise<void> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await r.connect();
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** An in-process cluster node (its own store pool, Redis connections and socket.io). */
export async function startInProcessNode(
  nodeId: string,
  scratch: { databaseUrl: string; prefix: string },
  overrides: Partial<Config> = {},
): Promise<{ app: WallApp; url: string; close: () => Promise<void> }> {
  const config = testConfig({
    databaseUrl: scratch.databaseUrl,
    redisUrl: TEST_REDIS_URL,
    redisPrefix: scratch.prefix,
    nodeId,
    sources: [{ name: 'cluster-test', token: TOKEN, simulated: true, scopes: ['ingest', 'stats'] }],
    ...overrides,
  });
  const store = await PgStore.open(scratch.databaseUrl, { max: 4 });
  const app = await createApp({ config, store });
  const addr = await app.listen(0, '127.0.0.1');
  return {
    app,
    url: `http://127.0.0.1:${addr.port}`,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

export interface NodeProc {
  readonly id: string;
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  /** SIGKILL, as `kill -9`: no lease release, no flush. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** A cluster node as production runs it: server/src/main.ts in a process of its own. */
export async function spawnNode(id: string, env: Record<string, string>, timeoutMs = 60_000): Promise<NodeProc> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/main.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ID: id,
      LOG_LEVEL: 'info',
      WALL_ADMIN_PASSWORD: 'Cluster-admin-pass-1',
      WALL_INGEST_TOKEN: TOKEN,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node ${id} did not start:\n${out}`)), timeoutMs);
    const onData = (b: Buffer): void => {
      out += b.toString('utf8');
      if (out.includes('"wall server listening"')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node ${id} exited with ${code}:\n${out}`));
    });
  });
  return {
    id,
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}

export interface Health {
  status: string;
  store: string;
  seq: number;
  cluster?: { node: string; ownedRooms: string[]; redis: string };
}

export async function health(url: string): Promise<Health | null> {
  try {
    const r = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
    return (await r.json()) as Health;
  } catch {
    return null;
  }
}

export async function owns(url: string, room = 'live'): Promise<boolean> {
  return (await health(url))?.cluster?.ownedRooms.includes(room) ?? false;
}

/** The district's charging-pile cell a wall shows. */
export function piles(wall: { state: WallSnapshot | null }): { online: number; total: number } {
  const cell = wall.state?.infra.pile.district;
  return { online: cell?.online ?? -1, total: cell?.total ?? -1 };
}

export function pileDevices(n: number, tag: string): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) => ({ deviceId: `PILE-${tag}-${i}`, kind: 'pile', subdistrict: SUBDISTRICTS[i % SUBDISTRICTS.length]!.adcode, siteId: `SITE-${tag}-${Math.floor(i / 10)}`, fast: false }));
}

export async function ingest(url: string, reports: unknown[]): Promise<{ status: number; accepted: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/api/v1/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ reports }),
    signal: AbortSignal.timeout(5000),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: res.status, accepted: res.status === 202 ? Number(body.accepted ?? 0) : 0, body };
}

/** A redis-server of this test's own (no persistence), to kill and restart; the machine's Redis is never touched. */
export async function scratchRedis(port?: number): Promise<{ url: string; port: number; kill: () => Promise<void> }> {
  const p = port ?? (await freePort());
  const child = spawn('redis-server', ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`redis-server did not start:\n${out}`)), 10_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(t);
        resolve();
      }
    });
    child.once('exit', () => reject(new Error(`redis-server exited:\n${out}`)));
  });
  return {
    url: `redis://127.0.0.1:${p}`,
    port: p,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * A TCP relay to PostgreSQL that a test can cut (every connection dropped, new
 * ones refused) and restore: PostgreSQL unreachable from a node, without
 * touching the machine's server.
 */
export async function pgCutter(target = { host: '127.0.0.1', port: 5432 }): Promise<{ port: number; cut: () => void; restore: () => Promise<void>; close: () => Promise<void> }> {
  const { createConnection } = await import('node:net');
  const sockets = new Set<import('node:net').Socket>();
  let server = createServer();
  const port = await freePort();
  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      server = createServer((client) => {
        const upstream = createConnection(target);
        sockets.add(client);
        sockets.add(upstream);
        const end = (): void => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', end).on('close', end);
        upstream.on('error', end).on('close', end);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  await listen();
  return {
    port,
    cut() {
      server.close();
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    restore: listen,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
