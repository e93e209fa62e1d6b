import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as ioc, type Socket } from 'socket.io-client';
import {
  applyDelta,
  checkSeq,
  WALL_NAMESPACE,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type WallDelta,
  type WallSnapshot,
} from '@futian/shared';
import { createApp, PgStore, SqliteStore, testConfig, type Clock, type Config, type DemoSource, type Store, type WallApp } from '@futian/server';
import { createTestDatabase } from '../../server/src/testing/pg.js';

export interface TestServer {
  app: WallApp;
  url: string;
  token: string;
  dir: string;
  store: Store;
  /** The PostgreSQL database the server uses (contract-pg); null on SQLite. */
  databaseUrl: string | null;
  /**
   * One SQL statement straight to the database, behind the server's back
   * (`?` placeholders on either store); resolves to the rows it changed.
   */
  exec(sql: string, ...params: unknown[]): Promise<number>;
  close(): Promise<void>;
}

/** `?` placeholders as PostgreSQL's $1, $2, … */
function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

/** The store contract tests run on: PostgreSQL under the contract-pg project (WALL_TEST_STORE=pg), else SQLite. */
export const TEST_STORE: Store['kind'] = process.env.WALL_TEST_STORE === 'pg' ? 'postgres' : 'sqlite';

/**
 * A real server on port 0 over a real store: an SQLite file in a temp
 * directory, or under contract-pg a PostgreSQL database of its own
 * (`wall_test_contract_…`), dropped on close.
 */
export async function startServer(overrides: Partial<Config> = {}, deps: { clock?: Clock; demoSource?: DemoSource } = {}): Promise<TestServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wall-contract-'));
  const pg = TEST_STORE === 'postgres' ? await createTestDatabase('contract') : null;
  const config = testConfig({ sqliteFile: path.join(dir, 'wall.db'), dataDir: dir, databaseUrl: pg?.url ?? null, ...overrides });
  let store: SqliteStore | PgStore;
  let exec: TestServer['exec'];
  if (pg) {
    const s = await PgStore.open(pg.url, { max: 4 });
    exec = async (sql, ...params) => (await s.pool.query(numbered(sql), params)).rowCount ?? 0;
    store = s;
  } else {
    const s = new SqliteStore(config.sqliteFile);
    exec = async (sql, ...params) => s.db.prepare(sql).run(...params).changes;
    store = s;
  }
  const app = await createApp({ config, store, ...deps });
  const addr = await app.listen(0, '127.0.0.1');
  return {
    app,
    url: `http://127.0.0.1:${addr.port}`,
    token: config.sources[0]!.token,
    dir,
    store,
    databaseUrl: pg?.url ?? null,
    exec,
    async close() {
      await app.close();
      await store.close();
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A minimal wall client with the same seq rules as the browser store: apply the
 * next delta, ignore old ones, resync through the acknowledged event on a gap.
 * `dropNext` simulates a lost delta to force a gap.
 */
export class WallClient {
  readonly socket: WallSocket;
  state: WallSnapshot | null = null;
  snapshots = 0;
  /** seq of the latest snapshot, as received (state.seq moves on with deltas). */
  snapshotSeq = -1;
  resyncs = 0;
  applied = 0;
  gaps = 0;
  seqs: number[] = [];
  received: WallDelta[] = [];
  dropNext = 0;
  private resyncing = false;

  /** With a credential this is an enrolled screen (which may join any room); without, an anonymous page. */
  constructor(url: string, query: Record<string, string> = {}, credential?: string) {
    this.socket = ioc(`${url}${WALL_NAMESPACE}`, {
      transports: ['websocket'],
      query,
      reconnection: false,
      forceNew: true,
      ...(credential ? { auth: { credential } } : {}),
    });
    this.socket.on('wall:snapshot', (s) => {
      this.state = s;
      this.snapshotSeq = s.seq;
      this.snapshots++;
    });
    this.socket.on('wall:delta', (d) => this.onDelta(d));
  }

  private onDelta(d: WallDelta): void {
    this.received.push(d);
    if (this.dropNext > 0) {
      this.dropNext--;
      return;
    }
    if (!this.state || this.resyncing) return;
    const verdict = checkSeq(this.state.seq, d.seq);
    if (verdict === 'duplicate') return;
    if (verdict === 'gap') {
      this.gaps++;
      void this.resync();
      return;
    }
    applyDelta(this.state, d);
    this.seqs.push(d.seq);
    this.applied++;
  }

  async resync(): Promise<void> {
    this.resyncing = true;
    const res = await this.socket.timeout(5000).emitWithAck('wall:resync', { lastSeq: this.state?.seq ?? -1 });
    this.resyncing = false;
    if (!res.ok) throw new Error(res.error);
    this.state = res.data;
    this.resyncs++;
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.state) return resolve();
      this.socket.once('wall:snapshot', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  close(): void {
    this.socket.close();
  }
}

export async function until(cond: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function post(url: string, body: unknown, token?: string, raw = false): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: raw ? (body as string) : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { nonJson: text.slice(0, 200) };
  }
  return { status: res.status, json };
}
