/**
 * `pnpm bench turn-raster [--rounds 4]`: the raster a rotation turn costs at 3840×2160,
 * for the shipped tile styling against variants of it in the same run.
 *
 * Why: Chromium drops the raster of a `content-visibility: hidden` pane, so a turn
 * rasters the new pane in software on the renderer's raster worker, and the main
 * thread competes with that for the machine's two cores. What a tile's decoration
 * costs is therefore paid at every turn (ARCHITECTURE.md, PERFORMANCE.md "The tiles'
 * inner glow").
 *
 * How: the bench's server, seeded hour and 10× feeds with a 4K page. After 130 s (every
 * module has had a turn and is mounted), each turn is traced for 2.5 s from the moment
 * it is seen, and the raster workers' thread time and the main thread's are summed
 * (turn-raster-report.ts). The variants take turns round-robin, one turn each, so the
 * host's drift falls on all of them: a variant's stylesheet is put in right after the
 * previous turn's trace, about 27 s before the turn it is measured at, so the raster of
 * the restyle itself is long over. Thread time, so waits for a CPU are not counted;
 * tracing still slows the page, so read the ratios, not the milliseconds.
 */
import { arg, fmt, median, sleep } from './common.js';
import { traceTimeline, withTurningWall } from './turn-page.js';
import { windowCpu, type TraceEvent, type WindowCpu } from './turn-raster-report.js';

const ROUNDS = Number(arg('rounds') ?? 4);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) {
  console.error('usage: pnpm bench turn-raster [--rounds N]  (N a whole number ≥ 1)');
  process.exit(2);
}
const AFTER_MS = 2_500;
/** Stylesheets put over the shipped build; '' is the build as shipped, the baseline. */
const VARIANTS: ReadonlyArray<{ label: string; css: string }> = [
  { label: 'shipped', css: '' },
  {
    // The tile as it was before 3c4ad2f: an inset blurred shadow for the inner glow.
    label: 'inset-shadow glow (before)',
    css: '.tile{box-shadow:inset 0 0 2.4rem var(--c-panel-glow),0 0 0 0.1rem rgba(2,7,20,.6)!important;background:linear-gradient(180deg,rgba(12,40,82,.78),var(--c-panel))!important}',
  },
  {
    // A floor: what the tiles' decoration costs at all.
    label: 'no glow, flat panel',
    css: '.tile{box-shadow:0 0 0 0.1rem rgba(2,7,20,.6)!important;background:var(--c-panel)!important}',
  },
];

await withTurningWall(async ({ page, cdp, activeNow, waitTurn }) => {
  console.log(`pnpm bench turn-raster: 3840×2160 ?layout=4k, feeds at 10×; ${ROUNDS} rounds of ${VARIANTS.length} turns after 130 s`);
  await sleep(130_000);
  const readings = new Map<string, WindowCpu[]>(VARIANTS.map((v) => [v.label, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const v of VARIANTS) {
      await page.evaluate((css) => {
        document.getElementById('bench-turn-raster')?.remove();
        if (!css) return;
        const s = document.createElement('style');
        s.id = 'bench-turn-raster';
        s.textContent = css;
        document.head.append(s);
      }, v.css);
      const before = await activeNow();
      await waitTurn(before, 50);
      // Tracing starts once the turn is seen (within 50 ms of it), so the window holds the turn's raster and nothing before it.
      const cpu = windowCpu(await traceTimeline<TraceEvent>(cdp, async () => void (await sleep(AFTER_MS))));
      readings.get(v.label)!.push(cpu);
      console.log(`  round ${round} · ${v.label.padEnd(28)} ${before} → ${await activeNow()}: raster ${fmt(cpu.rasterMs, 0)} ms · main ${fmt(cpu.mainMs, 0)} ms`);
    }
  }
  const base = median(readings.get(VARIANTS[0]!.label)!.map((r) => r.rasterMs));
  console.log(`\nCPU in the ${AFTER_MS / 1000} s after a turn (thread time; median of ${ROUNDS} turns each; ratio to the shipped build's raster)`);
  for (const v of VARIANTS) {
    const rs = readings.get(v.label)!;
    const raster = median(rs.map((r) => r.rasterMs));
    console.log(`  ${v.label.padEnd(28)} raster ${fmt(raster, 0).padStart(4)} ms (${fmt(raster / base, 2)}×) · range ${fmt(Math.min(...rs.map((r) => r.rasterMs)), 0)}–${fmt(Math.max(...rs.map((r) => r.rasterMs)), 0)} · main ${fmt(median(rs.map((r) => r.mainMs)), 0)} ms`);
  }
  console.log('\nThe rotating slot has four modules and three variants go round-robin, so over 4 rounds each variant meets each module once.');
});
