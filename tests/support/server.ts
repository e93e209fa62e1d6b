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
import { createApp, SqliteStore, testConfig, type Clock, type Config, type DemoSource, type WallApp } from '@futian/server';

export interface TestServer {
  app: WallApp;
  url: string;
  token: string;
  dir: string;
  store: SqliteStore;
  close(): Promise<void>;
}

/** A real server on port 0 over a real SQLite file in a temp directory. */
export async function startServer(overrides: Partial<Config> = {}, deps: { clock?: Clock; demoSource?: DemoSource } = {}): Promise<TestServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wall-contract-'));
  const config = testConfig({ sqliteFile: path.join(dir, 'wall.db'), dataDir: dir, ...overrides });
  const store = new SqliteStore(config.sqliteFile);
  const app = await createApp({ config, store, ...deps });
  const addr = await app.listen(0, '127.0.0.1');
  return {
    app,
    url: `http://127.0.0.1:${addr.port}`,
    token: config.sources[0]!.token,
    dir,
    store,
    async close() {
      await app.close();
      await store.close();
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
