import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/**
 * Issue #41 item 9: scripts/setup.sh started the apt install of Chromium on machines
 * that had it. `fc-list | grep -q` under `set -o pipefail` fails whenever fc-list
 * still has output to write when grep has found its match (fc-list dies of SIGPIPE),
 * which with a long font list is every time. The script runs here against stub
 * commands on a PATH of their own, so nothing is installed and the real machine's
 * Chromium and fonts do not count.
 */

const script = path.resolve(import.meta.dirname, '../../scripts/setup.sh');
const bash = spawnSync('bash', ['-c', 'command -v bash'], { encoding: 'utf8' }).stdout.trim();

const CJK = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc: Noto Sans CJK SC,Noto Sans CJK SC Regular:style=Regular';

describe('scripts/setup.sh: Chromium and CJK fonts detection', () => {
  let dir: string;
  let bin: string;
  let marker: string;

  const stub = (name: string, body: string): void => {
    const file = path.join(bin, name);
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
  };
  /** fc-list on a machine with many fonts: the CJK one early, then about a megabyte more. */
  const longFontList = (withCjk: boolean): void =>
    stub(
      'fc-list',
      `${withCjk ? `echo '${CJK}'\n` : ''}i=0; while [ $i -lt 20000 ]; do echo "/usr/share/fonts/truetype/f/Font$i.ttf: Font $i:style=Regular"; i=$((i+1)); done`,
    );

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'wall-setup-'));
    bin = path.join(dir, 'bin');
    mkdirSync(bin);
    marker = path.join(dir, 'apt-get.called');
    // The few real tools the script needs, and nothing else from the machine.
    for (const tool of ['grep', 'dirname', 'head', 'cat']) {
      const real = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
      symlinkSync(real, path.join(bin, tool));
    }
    stub('chromium', 'echo "Chromium 120.0 built on Debian"');
    stub('pnpm', 'exit 0');
    stub('npm', 'exit 0');
    stub('id', 'echo 0');
    stub('apt-get', `echo "$@" >> '${marker}'`);
    longFontList(true);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[]) => spawnSync(bash, args, { encoding: 'utf8', env: { PATH: bin, HOME: dir }, timeout: 30_000 });
  /** The script's own check, sourced under the script's shell options. */
  const present = (): number | null => run(['-c', `set -euo pipefail; source '${script}'; if browser_deps_present; then exit 0; else exit 1; fi`]).status;

  it('does not start the apt install when Chromium and the fonts are there, however long the font list', () => {
    const r = run([script]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('done');
    expect(r.stdout).not.toContain('installing chromium');
    expect(existsSync(marker)).toBe(false);
  });

  // Not run end to end: the install path writes /tmp/futian-wall-apt.log, a real run's log.
  it('still reports Chromium, the fonts or fc-list as missing when they are', () => {
    expect(present()).toBe(0);
    longFontList(false);
    expect(present()).toBe(1);
    longFontList(true);
    rmSync(path.join(bin, 'chromium'));
    expect(present()).toBe(1);
    stub('chromium', 'echo "Chromium 120.0 built on Debian"');
    rmSync(path.join(bin, 'fc-list'));
    expect(present()).toBe(1);
  });
});
