import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Browser tests run against the real built client. Build it once per run, and
 * fail loudly (not skip) when Chromium is missing: a green run must mean the
 * wall was really drawn. scripts/setup.sh installs it.
 */
export default function setup(): void {
  if (!existsSync('/usr/bin/chromium')) {
    throw new Error('/usr/bin/chromium is missing: run scripts/setup.sh (installs Debian chromium and fonts-noto-cjk)');
  }
  const root = path.resolve(import.meta.dirname, '../..');
  const r = spawnSync('pnpm', ['--filter', '@futian/client', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('client build failed');
}
