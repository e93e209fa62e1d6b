#!/usr/bin/env node
// `pnpm bench <name>`: runs tests/bench/<name>.ts under tsx. Benchmarks print
// numbers with a same-run baseline; they never pass or fail on timing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, 'tests/bench');
// Shared helpers and their unit tests live beside the benchmarks but are not benchmarks.
const HELPERS = new Set(['common', 'coverage-map', 'source-maps', 'wall-probe', 'wall-procs', 'wall-report', 'server-proc', 'heap-graph', 'seed-series', 'sched', 'damage-report', 'threads', 'threads-report', 'turn-page', 'turn-raster-report', 'probe-load']);
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((n) => !HELPERS.has(n));
const name = process.argv[2];
if (!name || !names.includes(name)) {
  console.error(`usage: pnpm bench <${names.join('|')}>`);
  process.exit(2);
}
const file = path.join(dir, `${name}.ts`);
if (!existsSync(file)) process.exit(2);
const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...process.argv.slice(3)], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
