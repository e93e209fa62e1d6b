import { KINDS, SUBDISTRICTS, type DeviceKind } from '@futian/shared';

/** The documented fleet, spread round-robin: benchmarks need the size, not the model. */
export function benchFleet(): Array<{ deviceId: string; kind: DeviceKind; subdistrict: string; siteId?: string; fast?: boolean }> {
  const out: Array<{ deviceId: string; kind: DeviceKind; subdistrict: string; siteId?: string; fast?: boolean }> = [];
  for (const kind of ['bs5g', 'pole', 'pile'] as const) {
    for (let i = 0; i < KINDS[kind].documentedCount; i++) {
      const sd = SUBDISTRICTS[i % SUBDISTRICTS.length]!.adcode;
      out.push(
        kind === 'pile'
          ? { deviceId: `B-${kind}-${i}`, kind, subdistrict: sd, siteId: `BSITE-${i % 798}`, fast: i % 798 < 58 }
          : { deviceId: `B-${kind}-${i}`, kind, subdistrict: sd },
      );
    }
  }
  return out;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** The middle value (the mean of the two middle ones for an even count): the readings' summary in the A/B benches. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Prints an aligned table; benchmarks print numbers, they do not assert them. */
export function table(title: string, rows: Array<[string, ...Array<string | undefined>]>): void {
  const cols = Math.max(...rows.map((r) => r.length));
  // The first column left-aligned, the middle ones right-aligned; a last column of three or more is free text.
  const width = (i: number): number => Math.max(...rows.map((r) => (r[i] ?? '').length));
  const widths = Array.from({ length: cols }, (_, i) => width(i));
  process.stdout.write(`\n${title}\n${'─'.repeat(title.length)}\n`);
  for (const r of rows) {
    const cells = Array.from({ length: cols }, (_, i) => {
      const v = r[i] ?? '';
      if (i === 0) return v.padEnd(widths[0]!);
      if (i === cols - 1 && cols >= 3) return v;
      return v.padStart(widths[i]!);
    });
    process.stdout.write(`${cells.join('  ').trimEnd()}\n`);
  }
}

/** The value after `--name` on the command line, if given. */
export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
