import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM_PATH } from '../support/chromium.js';

/**
 * Browser tests run against the real built client. Build it once per run, and
 * fail loudly (not skip) when Chromium is missing: a green run must mean the
 * wall was really drawn. scripts/setup.sh installs it.
 */
export default function setup(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: run scripts/setup.sh (installs Debian chromium and fonts-noto-cjk)`);
  }
  const root = path.resolve(import.meta.dirname, '../..');
  const r = spawnSync('pnpm', ['--filter', '@futian/client', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('client build failed');
  // vitest runs with NODE_ENV=test, and Vite honours an inherited NODE_ENV: before the
  // build script pinned production, this setup left a development bundle (Vue and Pinia
  // dev code, +14 KB gzip in the entry) in client/dist, where `pnpm start` and
  // `pnpm bench wall` then picked it up. Refuse to test anything but what ships.
  const assets = path.join(root, 'client/dist/assets');
  const dev = readdirSync(assets).filter((f) => f.endsWith('.js') && readFileSync(path.join(assets, f), 'utf8').includes('[Vue warn]'));
  if (dev.length > 0) throw new Error(`client/dist is a development build (Vue warnings in ${dev.join(', ')})`);
}
