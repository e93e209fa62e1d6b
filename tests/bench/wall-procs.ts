/**
 * The processes `pnpm bench wall` drives besides Chromium: the client build it
 * measures, and the mock feeds at a given rate (each in its own process, so neither
 * shares the bench's event loop).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { sleep } from './common.js';

const root = path.resolve(import.meta.dirname, '../..');

/** The wall's layout presets by `?layout=` name, in CSS px at deviceScaleFactor 1. */
export const VIEWPORTS: Readonly<Record<string, { width: number; height: number }>> = {
  '32x9': { width: 7680, height: 2160 },
  '48x9': { width: 5760, height: 1080 },
  '4k': { width: 3840, height: 2160 },
  '1080p': { width: 1920, height: 1080 },
};

export interface ViteOut {
  output?: Array<{ type: string; isEntry?: boolean; code?: string }>;
}

/** The client's own Vite, for benches that build pages with it: tests/ has no dependency on vite, the client has. */
export async function clientVite(): Promise<{ build(config: Record<string, unknown>): Promise<ViteOut | ViteOut[]> }> {
  const vitePath = createRequire(path.join(root, 'client/package.json')).resolve('vite');
  return (await import(vitePath)) as { build(config: Record<string, unknown>): Promise<ViteOut | ViteOut[]> };
}

export function ensureBuilt(): void {
  const dist = path.join(root, 'client/dist/wall.html');
  if (existsSync(dist) && process.env.BENCH_WALL_BUILD !== '1') return;
  process.stdout.write('building the client…\n');
  const r = spawnSync('pnpm', ['--filter', '@futian/client', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('client build failed');
}

export function startFeeds(url: string, token: string, rate: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(root, 'mock-feeds/src/cli.ts'), '--url', url, '--token', token, '--rate', String(rate), '--stats-every', '0'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
}

export async function stopChild(c: ChildProcess | null): Promise<void> {
  if (!c || c.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    c.once('exit', () => resolve());
    c.kill('SIGTERM');
    setTimeout(() => c.kill('SIGKILL'), 5000).unref();
  });
}

/** Until the fleet is registered and reporting: the page should not measure the server's start-up. */
export async function fleetUp(url: string): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < 180_000) {
    try {
      const snap = (await (await fetch(`${url}/api/v1/snapshot`)).json()) as { infra: { pile: { district: { total: number; online: number } } } };
      const c = snap.infra.pile.district;
      if (c.total >= 9499 && c.online > 9000) return;
    } catch {
      // Not up yet.
    }
    await sleep(500);
  }
  throw new Error('fleet did not come up within 3 minutes');
}

