/**
 * `pnpm bench heap-diff <a.heapsnapshot> <b.heapsnapshot>`: what grew between two
 * forced-GC heap snapshots of one page (BENCH_WALL_KEEP_SNAPSHOTS=1 makes
 * `pnpm bench wall` keep its start and end snapshots in artifacts/bench/).
 * Prints compiled code by tier, then the object types that grew with a retainer
 * path each: the evidence for "JIT tier-up" versus "a leak" in docs/PERFORMANCE.md.
 */
import { readFileSync } from 'node:fs';
import { fmt, table } from './common.js';
import { codeEntries, codeGrowth, functionStates, optimisedByScript, parseHeapSnapshot, survivors } from './heap-graph.js';
import { headroomRows } from './wall-report.js';

const [fa, fb] = process.argv.slice(2);
if (!fa || !fb) {
  console.error('usage: pnpm bench heap-diff <earlier.heapsnapshot> <later.heapsnapshot>');
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
table('Tier-up ceiling: optimised code V8 can still add for the code paths already run (estimate)', headroomRows(functionStates(a, ca), functionStates(b, cb)));
table(
  'Objects that grew (net), with fresh members and one retainer path',
  survivors(a, b, 15).map((s): [string, string, string] => [s.key, `${s.net.bytes >= 0 ? '+' : ''}${kb(s.net.bytes)} (${s.net.count >= 0 ? '+' : ''}${s.net.count})`, `${s.fresh.count} fresh · ${s.path}`]),
);
