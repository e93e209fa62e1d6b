/**
 * `pnpm bench heap-diff <a.heapsnapshot> <b.heapsnapshot> [--maps <build dir>]`: what
 * grew between two forced-GC heap snapshots of one page (BENCH_WALL_KEEP_SNAPSHOTS=1
 * makes `pnpm bench wall` keep its start and end snapshots in artifacts/bench/).
 * Prints compiled code by tier, then the object types that grew with a retainer
 * path each: the evidence for "JIT tier-up" versus "a leak" in docs/PERFORMANCE.md.
 * With --maps, the functions newly optimised between the two, by the source they come
 * from: the directory is a sourcemapped build of the same code (e.g.
 * `pnpm --filter @futian/client exec vite build --sourcemap --outDir /tmp/wall-maps`),
 * whose chunk names match the build the snapshots were taken of.
 */
import { readFileSync } from 'node:fs';
import { arg, fmt, table } from './common.js';
import { sourceGroup } from './coverage-map.js';
import { BuildSources } from './source-maps.js';
import { codeEntries, codeGrowth, functionPositions, functionStates, optimisedByScript, parseHeapSnapshot, survivors } from './heap-graph.js';
import { headroomRows } from './wall-report.js';

const [fa, fb] = process.argv.slice(2);
const mapsDir = arg('maps');
if (!fa || !fb || fa.startsWith('--') || fb.startsWith('--') || (process.argv.includes('--maps') && !mapsDir)) {
  console.error('usage: pnpm bench heap-diff <earlier.heapsnapshot> <later.heapsnapshot> [--maps <sourcemapped build dir>]');
  process.exit(2);
}
const a = parseHeapSnapshot(readFileSync(fa, 'utf8'));
const b = parseHeapSnapshot(readFileSync(fb, 'utf8'));
const kb = (n: number): string => `${fmt(n / 1024, 1)} KB`;
const [ca, cb] = [codeEntries(a), codeEntries(b)];
table(
  'Compiled code by tier',
  codeGrowth(ca, cb).map((g): [string, string, string] => [
    g.tier,
    `${kb(g.before.bytes)} → ${kb(g.after.bytes)}`,
    `${g.before.count} → ${g.after.count} code objects · ${g.newFunctions} functions reached this tier · ${g.replaced} replaced (re-optimised)`,
  ]),
);
table(
  'Optimised code by script (bundle chunk; "(injected)" is the bench probe and other scripts without a URL)',
  optimisedByScript(ca, cb)
    .slice(0, 12)
    .map((r): [string, string, string] => [
      r.script ? r.script.replace(/^.*\//, '') : '(injected)',
      `${kb(r.before)} → ${kb(r.after)}`,
      `${r.newFunctions} functions newly optimised${r.examples.length ? `, e.g. ${r.examples.join(', ')}` : ''}`,
    ]),
);
const [sa, sb] = [functionStates(a, ca), functionStates(b, cb)];
table('Tier-up ceiling: optimised code V8 can still add for the code paths already run (estimate)', headroomRows(sa, sb));
if (mapsDir) {
  // Snapshot locations are 0-based lines; source maps count lines from 1.
  const sources = new BuildSources(mapsDir);
  const at = functionPositions(b);
  const wasOptimised = new Set(sa.filter((s) => s.state === 'optimised').map((s) => s.fn));
  const fresh = sb
    .filter((s) => s.state === 'optimised' && !wasOptimised.has(s.fn))
    .map((s) => {
      const p = at.get(s.fn);
      const place = p && s.script ? sources.at(s.script, p.line + 1, p.column) : { source: BuildSources.chunkOf(s.script) || '(injected)', line: 0 };
      return { ...s, place, group: place.line ? sourceGroup(place.source) : place.source };
    });
  const groups = new Map<string, { n: number; code: number }>();
  for (const f of fresh) {
    const g = groups.get(f.group) ?? { n: 0, code: 0 };
    g.n++;
    g.code += f.optimised;
    groups.set(f.group, g);
  }
  table(
    `Newly optimised functions by source (${fresh.length}; source maps from ${mapsDir})`,
    [...groups]
      .sort((x, y) => y[1].code - x[1].code)
      .slice(0, 30)
      .map(([g, v]): [string, string, string] => [g, kb(v.code), `${v.n} functions`]),
  );
  table(
    '  the largest of them',
    [...fresh]
      .sort((x, y) => y.optimised - x.optimised)
      .slice(0, 20)
      .map((f): [string, string, string] => [`${f.place.source.replace(/^.*node_modules\//, '').replace(/^.*?(?=client\/src\/)/, '')}:${f.place.line}`, kb(f.optimised), `${f.bytecode} B bytecode`]),
  );
}
table(
  'Objects that grew (net), with fresh members and one retainer path',
  survivors(a, b, 15).map((s): [string, string, string] => [s.key, `${s.net.bytes >= 0 ? '+' : ''}${kb(s.net.bytes)} (${s.net.count >= 0 ? '+' : ''}${s.net.count})`, `${s.fresh.count} fresh · ${s.path}`]),
);
