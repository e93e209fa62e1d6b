import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBoundaries } from './check-boundaries.mjs';

/**
 * Each case plants a small fake workspace that breaks exactly one rule (on top of
 * CLEAN, which breaks none) and runs the real checker with the real
 * .dependency-cruiser.cjs against it.
 */

const vue = (script: string) => `<template><div /></template>\n<script setup lang="ts">\n${script}\n</script>\n`;

const pkg = (name: string) => JSON.stringify({ name, type: 'module', exports: { '.': './src/index.ts' } });

// Shaped like the real repo: .js-suffixed server imports, a composition root that
// imports domains, three client folders, .vue in kit/ and both apps, name imports
// of @futian/shared that resolve through pnpm-style symlinks.
const CLEAN: Record<string, string> = {
  'shared/package.json': pkg('@futian/shared'),
  'shared/src/index.ts': "import type { ZodType } from 'zod';\nexport type Schema = ZodType;\nexport const LIVE_ROOM = 'live';\n",
  'server/package.json': pkg('@futian/server'),
  'server/src/index.ts': "export { createApp } from './app.js';\n",
  'server/src/app.ts':
    "import { systemClock } from './clock.js';\nimport { consoleRoutes } from './console/routes.js';\nimport { ControlService } from './ops/control.js';\n" +
    'export const createApp = () => ({ clock: systemClock, routes: consoleRoutes, control: new ControlService() });\n',
  'server/src/clock.ts': 'export const systemClock = () => Date.now();\n',
  'server/src/console/routes.ts': "import { ControlService } from '../ops/control.js';\nexport const consoleRoutes = [ControlService];\n",
  'server/src/ops/control.ts': "import { LIVE_ROOM } from '@futian/shared';\nexport class ControlService { room = LIVE_ROOM; }\n",
  'client/package.json': pkg('@futian/client'),
  'client/src/env.d.ts': "declare module '*.vue' { const c: unknown; export default c; }\n",
  'client/src/kit/Tile.vue': vue("import { formatNumber } from './format';\nconst label = formatNumber(1);"),
  'client/src/kit/format.ts': "import type { Schema } from '@futian/shared';\nexport const formatNumber = (n: number): string => String(n);\nexport type { Schema };\n",
  'client/src/wall/main.ts': "import WallApp from './WallApp.vue';\nexport const app = WallApp;\n",
  'client/src/wall/WallApp.vue': vue("import Tile from '../kit/Tile.vue';\nimport { useWallStore } from './stores/wall';\nconst store = useWallStore();"),
  'client/src/wall/stores/wall.ts': "import { LIVE_ROOM } from '@futian/shared';\nexport const useWallStore = () => ({ room: LIVE_ROOM });\n",
  'client/src/console/ConsoleApp.vue': vue("import Tile from '../kit/Tile.vue';\nimport { formatNumber } from '../kit/format';"),
  'client/src/console/strings.ts': "export type ConsoleKey = 'title';\n",
  'mock-feeds/package.json': pkg('@futian/mock-feeds'),
  'mock-feeds/src/index.ts': "import { LIVE_ROOM } from '@futian/shared';\nexport const topic = LIVE_ROOM;\n",
  'tests/package.json': pkg('@futian/tests'),
  'tests/support/server.ts': "import { createApp } from '@futian/server';\nimport { topic } from '../../mock-feeds/src/index.js';\nexport const both = [createApp, topic];\n",
};

const planted: string[] = [];
afterEach(() => {
  for (const dir of planted.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes CLEAN plus `changes` (a null value deletes a file) and pnpm-style workspace links. */
function plant(changes: Record<string, string | null> = {}, links: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'boundaries-'));
  planted.push(root);
  for (const [file, text] of Object.entries({ ...CLEAN, ...changes })) {
    if (text === null) continue;
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  const allLinks = { 'server/node_modules/@futian/shared': 'shared', 'client/node_modules/@futian/shared': 'shared', 'mock-feeds/node_modules/@futian/shared': 'shared', ...links };
  for (const [link, target] of Object.entries(allLinks)) {
    mkdirSync(path.dirname(path.join(root, link)), { recursive: true });
    symlinkSync(path.relative(path.dirname(path.join(root, link)), path.join(root, target)), path.join(root, link), 'dir');
  }
  return root;
}

/** The checker's lines for a planted tree, asserting every one comes from `rule`. */
async function violationsOf(root: string, rule: string): Promise<string[]> {
  const { violations } = await checkBoundaries(root);
  expect(violations.length, 'the planted tree breaks the rule').toBeGreaterThan(0);
  for (const line of violations) expect(line.startsWith(`${rule}: `), line).toBe(true);
  return violations;
}

describe('check-boundaries', () => {
  it('passes a clean tree with exit 0', async () => {
    const root = plant();
    const report = await checkBoundaries(root);
    expect(report.violations).toEqual([]);
    // Guards against passing by cruising nothing (every .vue and .ts file is a module).
    const sources = Object.keys(CLEAN).filter((f) => /^(shared|server|client|mock-feeds)\/src\/.+\.(ts|vue)$/.test(f));
    expect(report.modules).toBeGreaterThanOrEqual(sources.length);
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(import.meta.dirname, 'check-boundaries.mjs'), root]);
    expect(stdout).toMatch(/^package boundaries ok \(\d+ modules/);
  });

  it('exits 1 and prints one `rule: from → to` line per violation', async () => {
    const root = plant({ 'server/src/console/routes.ts': "import { systemClock } from '../clock.js';\nexport const consoleRoutes = [systemClock];\n" });
    const run = promisify(execFile)(process.execPath, [path.join(import.meta.dirname, 'check-boundaries.mjs'), root]);
    await expect(run).rejects.toMatchObject({
      code: 1,
      stdout: 'server-root-is-composition-root: server/src/console/routes.ts → server/src/clock.ts\n',
    });
  });

  it('packages-only-shared: another workspace package by name, resolved or not', async () => {
    const root = plant(
      {
        'client/src/wall/feeds.ts': "import { topic } from '@futian/mock-feeds';\nexport const t = topic;\n",
        'mock-feeds/src/server-peek.ts': "import type { createApp } from '@futian/server';\nexport type App = typeof createApp;\n",
      },
      // As pnpm would link it, had someone added the dependency.
      { 'mock-feeds/node_modules/@futian/server': 'server' },
    );
    expect(await violationsOf(root, 'packages-only-shared')).toEqual([
      'packages-only-shared: client/src/wall/feeds.ts → @futian/mock-feeds',
      'packages-only-shared: mock-feeds/src/server-peek.ts → server/src/index.ts',
    ]);
  });

  it('packages-only-shared: another workspace package by relative path (also an escape)', async () => {
    const root = plant({ 'mock-feeds/src/peek.ts': "import type { ControlService } from '../../server/src/ops/control.js';\nexport type C = ControlService;\n" });
    expect((await checkBoundaries(root)).violations).toEqual([
      'no-escape: mock-feeds/src/peek.ts → server/src/ops/control.ts',
      'packages-only-shared: mock-feeds/src/peek.ts → server/src/ops/control.ts',
    ]);
  });

  it('shared-no-framework: a framework import from shared, resolved or not', async () => {
    const root = plant({
      'shared/src/reactive.ts': "import { ref } from 'vue';\nimport type { Store } from 'pinia';\nexport const live = ref(0);\nexport type S = Store;\n",
      'shared/node_modules/vue/package.json': JSON.stringify({ name: 'vue', main: 'index.js' }),
      'shared/node_modules/vue/index.js': 'export const ref = (v) => ({ value: v });\n',
    });
    expect(await violationsOf(root, 'shared-no-framework')).toEqual([
      'shared-no-framework: shared/src/reactive.ts → pinia',
      'shared-no-framework: shared/src/reactive.ts → shared/node_modules/vue/index.js',
    ]);
  });

  it('no-escape: a relative import out of its package (into shared, or into no package)', async () => {
    const root = plant({
      'config/limits.ts': 'export const LIMIT = 10;\n',
      'server/src/limits.ts': "export { LIMIT } from '../../config/limits.js';\n",
      'client/src/wall/Logo.vue': vue("import { LIVE_ROOM } from '../../../shared/src/index';"),
    });
    expect(await violationsOf(root, 'no-escape')).toEqual([
      'no-escape: client/src/wall/Logo.vue → shared/src/index.ts',
      'no-escape: server/src/limits.ts → config/limits.ts',
    ]);
  });

  it('no-circular: a cycle through a .vue file', async () => {
    const root = plant({
      'client/src/wall/Board.vue': vue("import { boardTitle } from './board';"),
      'client/src/wall/board.ts': "import Board from './Board.vue';\nexport const boardTitle = 'board';\nexport const parts = { Board };\n",
    });
    expect(await violationsOf(root, 'no-circular')).toEqual(['no-circular: client/src/wall/Board.vue → client/src/wall/board.ts → client/src/wall/Board.vue']);
  });

  it('no-circular: a cycle of type-only imports', async () => {
    const root = plant({
      'shared/src/a.ts': "import type { B } from './b.js';\nexport interface A { b?: B }\n",
      'shared/src/b.ts': "import type { A } from './a.js';\nexport interface B { a?: A }\n",
    });
    expect(await violationsOf(root, 'no-circular')).toEqual(['no-circular: shared/src/a.ts → shared/src/b.ts → shared/src/a.ts']);
  });

  it('no-circular: a cycle written with .js-suffixed imports of .ts files', async () => {
    const root = plant({
      'server/src/ops/screens.ts': "import { control } from './control-ref.js';\nexport const screens = () => control;\n",
      'server/src/ops/control-ref.ts': "import { screens } from './screens.js';\nexport const control = () => screens;\n",
    });
    expect(await violationsOf(root, 'no-circular')).toEqual(['no-circular: server/src/ops/control-ref.ts → server/src/ops/screens.ts → server/src/ops/control-ref.ts']);
  });

  it('server-domain-cycle: domains tied in a knot by file-level-acyclic imports', async () => {
    const root = plant({
      // console → control → console, though no file imports itself back.
      'server/src/console/namespace.ts': "import type { Control } from '../control/service.js';\nexport type N = Control;\n",
      'server/src/control/service.ts': "import { audit } from '../console/audit.js';\nexport type Control = typeof audit;\n",
      'server/src/console/audit.ts': 'export const audit = () => undefined;\n',
      // A three-domain knot: alarms → history → metrics → alarms.
      'server/src/alarms/rules.ts': "import { window } from '../history/window.js';\nexport const rules = window;\n",
      'server/src/history/window.ts': "import { count } from '../metrics/count.js';\nexport const window = count;\n",
      'server/src/metrics/count.ts': "import type { Threshold } from '../alarms/threshold.js';\nexport const count = (t: Threshold) => t;\n",
      'server/src/alarms/threshold.ts': 'export type Threshold = number;\n',
    });
    expect(await violationsOf(root, 'server-domain-cycle')).toEqual([
      'server-domain-cycle: alarms → history → metrics → alarms (server/src/alarms/rules.ts → server/src/history/window.ts; server/src/history/window.ts → server/src/metrics/count.ts; server/src/metrics/count.ts → server/src/alarms/threshold.ts)',
      'server-domain-cycle: console → control → console (server/src/console/namespace.ts → server/src/control/service.ts; server/src/control/service.ts → server/src/console/audit.ts)',
    ]);
  });

  it('server-domain-cycle: a test beside its code may use the shared test support, which imports that domain', async () => {
    const root = plant({
      'server/src/testing/fixtures.ts': "import { ControlService } from '../ops/control.js';\nexport const control = () => new ControlService();\n",
      'server/src/ops/control.test.ts': "import { control } from '../testing/fixtures.js';\nexport const made = control();\n",
    });
    expect((await checkBoundaries(root)).violations).toEqual([]);
    // The same import from product code is a knot.
    const knotted = plant({
      'server/src/testing/fixtures.ts': "import { ControlService } from '../ops/control.js';\nexport const control = () => new ControlService();\n",
      'server/src/ops/screens.ts': "import { control } from '../testing/fixtures.js';\nexport const made = control;\n",
    });
    expect(await violationsOf(knotted, 'server-domain-cycle')).toHaveLength(1);
  });

  it('server-root-is-composition-root: a domain importing a file directly in server/src', async () => {
    const root = plant({ 'server/src/ops/control.ts': "import { systemClock } from '../clock.js';\nexport class ControlService { now = systemClock; }\n" });
    expect(await violationsOf(root, 'server-root-is-composition-root')).toEqual([
      'server-root-is-composition-root: server/src/ops/control.ts → server/src/clock.ts',
    ]);
  });

  it('client-three-folders: files outside wall/, console/ and kit/', async () => {
    const root = plant({ 'client/src/stores/ops.ts': 'export const ops = 1;\n', 'client/src/main.ts': 'export {};\n' });
    expect(await violationsOf(root, 'client-three-folders')).toEqual([
      'client-three-folders: client/src/main.ts → outside wall/, console/, kit/',
      'client-three-folders: client/src/stores/ (1 files) → outside wall/, console/, kit/',
    ]);
  });

  it('client-kit-is-app-agnostic: kit importing an app (a .vue importing a wall store; a type from console)', async () => {
    const root = plant({
      'client/src/kit/StatusBadge.vue': vue("import { useWallStore } from '../wall/stores/wall';\nconst store = useWallStore();"),
      'client/src/kit/labels.ts': "import type { ConsoleKey } from '../console/strings';\nexport const keys: ConsoleKey[] = [];\n",
    });
    expect(await violationsOf(root, 'client-kit-is-app-agnostic')).toEqual([
      'client-kit-is-app-agnostic: client/src/kit/StatusBadge.vue → client/src/wall/stores/wall.ts',
      'client-kit-is-app-agnostic: client/src/kit/labels.ts → client/src/console/strings.ts',
    ]);
  });

  it('client-apps-apart: wall and console importing each other (static and dynamic import)', async () => {
    const root = plant({
      'client/src/wall/main.ts': "import WallApp from './WallApp.vue';\nexport const app = WallApp;\nexport const openConsole = () => import('../console/ConsoleApp.vue');\n",
      'client/src/console/ConsoleApp.vue': vue("import Tile from '../kit/Tile.vue';\nimport { useWallStore } from '../wall/stores/wall';"),
    });
    expect(await violationsOf(root, 'client-apps-apart')).toEqual([
      'client-apps-apart: client/src/console/ConsoleApp.vue → client/src/wall/stores/wall.ts',
      'client-apps-apart: client/src/wall/main.ts → client/src/console/ConsoleApp.vue',
    ]);
  });

  it('wall-modules-apart: one wall module borrowing from another instead of modules/common', async () => {
    const root = plant({
      'client/src/wall/modules/common/figure.ts': 'export const figure = (n: number): string => n.toFixed(2);\n',
      'client/src/wall/modules/overview/model.ts': "import { figure } from '../common/figure';\nexport const headline = figure(624.92);\n",
      'client/src/wall/modules/infra/InfraModule.vue': vue("import { headline } from '../overview/model';\nimport { figure } from '../common/figure';"),
    });
    expect(await violationsOf(root, 'wall-modules-apart')).toEqual([
      'wall-modules-apart: client/src/wall/modules/infra/InfraModule.vue → client/src/wall/modules/overview/model.ts',
    ]);
  });
});
