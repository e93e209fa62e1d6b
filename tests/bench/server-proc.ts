import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface ServerProc {
  url: string;
  pid: number;
  token: string;
  child: ChildProcess;
  rssMb(): number;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');

/** The token every spawned server accepts (as WALL_INGEST_TOKEN unless the caller sets its own tokens). */
export const BENCH_TOKEN = 'bench-token-0123456789abcdef';

/**
 * Starts the real server entry (server/src/main.ts) in its own process, the way it
 * runs in production, so its event loop and memory are measured alone.
 */
export async function spawnServer(
  env: Record<string, string> = {},
  /** Runs on the empty data directory before the server starts (e.g. seedSeriesHour). */
  prepare?: (dataDir: string) => Promise<unknown>,
): Promise<ServerProc> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wall-bench-srv-'));
  // A failed prepare, or a server that dies before it listens, must not leave the directory behind.
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    await prepare?.(dir);
  } catch (e) {
    cleanup();
    throw e;
  }
  const token = BENCH_TOKEN;
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(root, 'server/src/main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', WALL_DATA_DIR: dir, WALL_INGEST_TOKEN: token, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      try {
        const j = JSON.parse(line) as { msg?: string; port?: number };
        if (j.msg === 'wall server listening' && j.port) resolve(j.port);
      } catch {
        /* non-JSON output is ignored */
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  }).catch((e: unknown) => {
    cleanup();
    throw e;
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    token,
    child,
    rssMb() {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    },
    async stop() {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      });
      cleanup();
    },
  };
}

/** Reads one gauge/counter sample from a Prometheus text page. */
export function promValue(text: string, name: string, labels = ''): number {
  const re = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${labels ? `\\{${labels}\\}` : '(?:\\{[^}]*\\})?'} ([0-9.e+-]+)$`, 'm');
  const m = re.exec(text);
  return m ? Number(m[1]) : NaN;
}

export async function registerFleet(url: string, token: string, devices: unknown[]): Promise<void> {
  for (let i = 0; i < devices.length; i += 5000) {
    const res = await fetch(`${url}/api/v1/devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ devices: devices.slice(i, i + 5000) }),
    });
    if (res.status !== 200) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  }
}
