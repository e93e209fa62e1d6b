#!/usr/bin/env node
// Enforces the package boundaries from DESIGN.md (house style #1):
// - server/, client/ and mock-feeds/ import @futian/shared only, never each other;
// - shared/ imports no framework (vue, express, socket.io, pinia, echarts, …);
// - no relative import escapes its own package.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const PKGS = { server: '@futian/server', client: '@futian/client', 'mock-feeds': '@futian/mock-feeds', shared: '@futian/shared' };
const FRAMEWORKS = ['vue', 'pinia', 'express', 'socket.io', 'socket.io-client', 'echarts', 'better-sqlite3', 'mqtt', 'pino'];
const IMPORT_RE = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function* files(dir) {
  for (const e of readdirSync(dir)) {
    if (e === 'node_modules' || e === 'dist') continue;
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|vue|mts|mjs)$/.test(e)) yield p;
  }
}

const errors = [];
for (const pkg of Object.keys(PKGS)) {
  const pkgRoot = path.join(root, pkg);
  for (const file of files(path.join(pkgRoot, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const rel = path.relative(root, file);
      for (const [other, name] of Object.entries(PKGS)) {
        if (other === pkg || other === 'shared') continue;
        if (spec === name || spec.startsWith(`${name}/`)) errors.push(`${rel}: imports ${spec} (only @futian/shared is allowed)`);
      }
      if (pkg === 'shared' && FRAMEWORKS.some((f) => spec === f || spec.startsWith(`${f}/`))) {
        errors.push(`${rel}: shared/ must not import the framework '${spec}'`);
      }
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec);
        if (!target.startsWith(pkgRoot + path.sep)) errors.push(`${rel}: relative import '${spec}' leaves ${pkg}/`);
      }
    }
  }
}
if (errors.length) {
  console.error(`package boundary violations:\n  ${errors.join('\n  ')}`);
  process.exit(1);
}
console.log('package boundaries ok');
