#!/usr/bin/env node
// Enforces the import-graph rules of DESIGN.md (house style #1) and
// docs/ARCHITECTURE.md. Per-dependency rules live in .dependency-cruiser.cjs; this
// script adds what dependency-cruiser cannot express (folder-level cycles among the
// server's domains, the client's top-level layout) and prints every violation as
// `rule-name: from → to`, one per line.
//
// Usage: node scripts/check-boundaries.mjs [root]   (root defaults to this repo;
// the tests point it at planted trees)
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cruise, getAvailableTranspilers } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const CONFIG = path.join(REPO_ROOT, '.dependency-cruiser.cjs');
const PACKAGES = ['shared', 'server', 'client', 'mock-feeds'];
const CLIENT_FOLDERS = ['wall', 'console', 'kit'];
const CLIENT_LOOSE_FILES = ['env.d.ts'];

/**
 * @param {string} root directory holding shared/, server/, client/, mock-feeds/ (any subset)
 * @returns {Promise<{ violations: string[], modules: number, dependencies: number }>}
 */
export async function checkBoundaries(root = REPO_ROOT) {
  const base = path.resolve(root);
  // Without a Vue compiler dependency-cruiser would read .vue files as plain
  // JavaScript and find no imports in them: a silent hole, so refuse to run.
  if (!getAvailableTranspilers().some((t) => t.name === '@vue/compiler-sfc' && t.available)) {
    throw new Error('dependency-cruiser cannot load @vue/compiler-sfc, so it would skip .vue files; run pnpm install');
  }
  const targets = PACKAGES.filter((p) => existsSync(path.join(base, p)));
  // A mistyped root would otherwise cruise nothing and pass.
  if (!targets.length) throw new Error(`none of ${PACKAGES.join(', ')} found under ${base}`);
  const options = await extractDepcruiseOptions(CONFIG);
  const { output } = await cruise(targets, { ...options, baseDir: base });
  if (typeof output === 'string') throw new Error('dependency-cruiser returned a report instead of a cruise result');

  const violations = [
    ...ruleViolations(output.summary.violations),
    ...serverDomainCycles(base, output.modules),
    ...clientFolders(base),
  ];
  return {
    violations: [...new Set(violations)].sort(),
    modules: output.summary.totalCruised,
    dependencies: output.summary.totalDependenciesCruised,
  };
}

/** @param {import('dependency-cruiser').IViolation[]} found */
function ruleViolations(found) {
  const lines = [];
  const seenCycles = new Set();
  for (const v of found) {
    if (v.cycle?.length) {
      // dependency-cruiser may name one cycle once per edge; print it once,
      // starting from its alphabetically first module.
      const nodes = [v.from, ...v.cycle.map((c) => c.name)].slice(0, -1);
      const cycle = rotateToSmallest(nodes);
      const key = `${v.rule.name}:${cycle.join('\0')}`;
      if (seenCycles.has(key)) continue;
      seenCycles.add(key);
      lines.push(`${v.rule.name}: ${[...cycle, cycle[0]].join(' → ')}`);
    } else {
      lines.push(`${v.rule.name}: ${v.from} → ${v.to}`);
    }
  }
  return lines;
}

/**
 * server/src's top-level folders are domains. A graph can be acyclic file by file
 * and still tie two domains together (console/a → ops/b, ops/c → console/d), so
 * fold it to the folder level and look for cycles there. Test files are left
 * out of the folder graph (they are still in no-circular).
 * @param {string} base
 * @param {import('dependency-cruiser').IModule[]} modules
 */
function serverDomainCycles(base, modules) {
  const srcDir = path.join(base, 'server', 'src');
  if (!existsSync(srcDir)) return [];
  const domains = new Set(readdirSync(srcDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name));
  const domainOf = (/** @type {string} */ file) => {
    const m = /^server\/src\/([^/]+)\//.exec(file);
    return m && domains.has(m[1]) ? m[1] : null;
  };

  /** @type {Map<string, Map<string, string>>} domain → (domain → one file-level import that makes the edge) */
  const edges = new Map([...domains].map((d) => [d, new Map()]));
  for (const mod of modules) {
    // The graph is the product's: a test beside its code may use the shared
    // test support (server/src/testing), which imports the domains it builds.
    if (/\.test(-d)?\.ts$/.test(mod.source)) continue;
    const from = domainOf(mod.source);
    if (!from) continue;
    for (const dep of mod.dependencies) {
      const to = domainOf(dep.resolved);
      if (!to || to === from) continue;
      const out = /** @type {Map<string, string>} */ (edges.get(from));
      const example = `${mod.source} → ${dep.resolved}`;
      if (!out.has(to) || example < /** @type {string} */ (out.get(to))) out.set(to, example);
    }
  }

  const lines = [];
  const seen = new Set();
  for (const scc of stronglyConnected(edges)) {
    if (scc.length < 2) continue;
    const inScc = new Set(scc);
    // Every domain of the knot appears in at least one printed cycle: the shortest
    // cycle through each member, deduplicated.
    for (const start of [...scc].sort()) {
      const cycle = rotateToSmallest(shortestCycle(edges, start, inScc));
      const key = cycle.join('\0');
      if (seen.has(key)) continue;
      seen.add(key);
      const closed = [...cycle, cycle[0]];
      const evidence = closed.slice(0, -1).map((d, i) => edges.get(d)?.get(closed[i + 1]));
      lines.push(`server-domain-cycle: ${closed.join(' → ')} (${evidence.join('; ')})`);
    }
  }
  return lines;
}

/** Tarjan's algorithm, iterative so a deep graph cannot overflow the stack. */
function stronglyConnected(/** @type {Map<string, Map<string, string>>} */ edges) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const result = [];
  for (const root of [...edges.keys()].sort()) {
    if (index.has(root)) continue;
    const work = [{ node: root, next: [...(edges.get(root)?.keys() ?? [])].sort(), i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      if (frame.i < frame.next.length) {
        const w = frame.next[frame.i++];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, next: [...(edges.get(w)?.keys() ?? [])].sort(), i: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.node, Math.min(low.get(frame.node), index.get(w)));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node), low.get(frame.node)));
      if (low.get(frame.node) === index.get(frame.node)) {
        const scc = [];
        let w;
        do {
          w = stack.pop();
          onStack.delete(w);
          scc.push(w);
        } while (w !== frame.node);
        result.push(scc);
      }
    }
  }
  return result;
}

/** Breadth-first from `start` back to itself, staying inside its component. */
function shortestCycle(/** @type {Map<string, Map<string, string>>} */ edges, /** @type {string} */ start, /** @type {Set<string>} */ within) {
  const parent = new Map();
  const queue = [start];
  while (queue.length) {
    const node = /** @type {string} */ (queue.shift());
    for (const next of [...(edges.get(node)?.keys() ?? [])].sort()) {
      if (!within.has(next)) continue;
      if (next === start) {
        const pathBack = [node];
        while (pathBack[0] !== start) pathBack.unshift(parent.get(pathBack[0]));
        return pathBack;
      }
      if (!parent.has(next)) {
        parent.set(next, node);
        queue.push(next);
      }
    }
  }
  // Unreachable for a member of a strongly connected component of size ≥ 2.
  throw new Error(`no cycle through ${start}`);
}

function rotateToSmallest(/** @type {string[]} */ nodes) {
  let best = 0;
  nodes.forEach((n, i) => {
    if (n < nodes[best]) best = i;
  });
  return [...nodes.slice(best), ...nodes.slice(0, best)];
}

/** Everything in client/src belongs to one app (wall/, console/) or to what they share (kit/). */
function clientFolders(/** @type {string} */ base) {
  const srcDir = path.join(base, 'client', 'src');
  if (!existsSync(srcDir)) return [];
  const lines = [];
  for (const entry of readdirSync(srcDir, { withFileTypes: true })) {
    if (entry.isDirectory() && CLIENT_FOLDERS.includes(entry.name)) continue;
    if (!entry.isDirectory() && CLIENT_LOOSE_FILES.includes(entry.name)) continue;
    const shown = entry.isDirectory()
      ? `client/src/${entry.name}/ (${countFiles(path.join(srcDir, entry.name))} files)`
      : `client/src/${entry.name}`;
    lines.push(`client-three-folders: ${shown} → outside ${CLIENT_FOLDERS.map((f) => `${f}/`).join(', ')}`);
  }
  return lines;
}

function countFiles(/** @type {string} */ dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => !e.isDirectory()).length;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = process.argv[2] ?? REPO_ROOT;
  let result;
  try {
    result = await checkBoundaries(root);
  } catch (error) {
    // Exit 2, not 1: the check could not run, which is not the same as a violation.
    console.error(`check-boundaries: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  const { violations, modules, dependencies } = result;
  for (const line of violations) console.log(line);
  if (violations.length) {
    const perRule = new Map();
    for (const line of violations) {
      const rule = line.slice(0, line.indexOf(':'));
      perRule.set(rule, (perRule.get(rule) ?? 0) + 1);
    }
    const counts = [...perRule].map(([rule, n]) => `${rule} ${n}`).join(', ');
    console.error(`\n${violations.length} boundary violations (${counts}); ${modules} modules, ${dependencies} dependencies cruised`);
    // exitCode, not exit(): let a long report drain into a pipe first.
    process.exitCode = 1;
  } else {
    console.log(`package boundaries ok (${modules} modules, ${dependencies} dependencies cruised)`);
  }
}
