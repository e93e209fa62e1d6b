import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_PG_URL } from '../../server/src/testing/pg.js';
import { runMain, type MainRun } from '../support/main-proc.js';

/**
 * A start that cannot go ahead names the problem in one line and exits non-zero:
 * a broken or missing configuration file, a data directory that is a file,
 * read-only or full, a wall.db that is not a database. Before, seven of the
 * config files failed with a bare SyntaxError naming no file, the others with a
 * stack trace, and the database ones named no path. Each case runs the real
 * entry (server/src/main.ts) in its own process.
 */
const root = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wall-startup-'));
const TOKEN = 'startup-test-token-0123456789';
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
const fresh = (): string => {
  const d = path.join(tmp, String(n++));
  mkdirSync(d);
  return d;
};

/** Runs main.ts on an empty data directory, with the variable pointing at a file. */
async function start(env: Record<string, string>, dataDir = path.join(fresh(), 'data')): Promise<MainRun> {
  return runMain({ WALL_DATA_DIR: dataDir, WALL_INGEST_TOKEN: TOKEN, ...env });
}

/** The one-line report: exit ≠ 0, one line, naming the path and the cause, no stack, no password. */
function expectOneLine(run: MainRun, ...parts: Array<string | RegExp>): void {
  const shown = run.output.slice(0, 2000);
  expect(run.listened, shown).toBe(false);
  expect(run.code, shown).not.toBe(0);
  expect(run.code, shown).not.toBeNull();
  expect(run.lines, shown).toHaveLength(1);
  const line = run.lines[0]!;
  expect(line, shown).toMatch(/^futian-wall: cannot start: /);
  for (const p of parts) expect(line, shown).toMatch(typeof p === 'string' ? new RegExp(escape(p)) : p);
  expect(run.output, shown).not.toMatch(/^\s+at /m);
  expect(run.output, shown).not.toContain('FIRST START');
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every JSON file the server reads at start, by the variable that names it. */
const FILES: Array<{ env: string }> = [
  { env: 'WALL_GEO_FILE' },
  { env: 'WALL_PARKS_FILE' },
  { env: 'WALL_BOARDS_FILE' },
  { env: 'WALL_ENTERPRISES_FILE' },
  { env: 'WALL_TOUR_FILE' },
  { env: 'WALL_ALARMS_FILE' },
  { env: 'WALL_INGEST_TOKENS_FILE' },
];

// Each case starts a process that compiles the server with tsx: seconds each, and
// more when the whole suite runs at once on two cores.
describe.concurrent('start-up errors name the file and the cause in one line', { timeout: 90_000 }, () => {
  for (const f of FILES) {
    it(`${f.env}: a corrupt file is named with the line and column`, async () => {
      const file = path.join(fresh(), 'broken.json');
      // Valid up to a stray brace on line 3.
      writeFileSync(file, '[\n  {"name": "x",\n    }\n]\n');
      expectOneLine(await start({ [f.env]: file }), `${file}: `, /line 3 column 5/);
    });

    it(`${f.env}: a missing file is named`, async () => {
      const file = path.join(fresh(), 'absent.json');
      expectOneLine(await start({ [f.env]: file }), `${file}: no such file or directory`);
    });

    it(`${f.env}: valid JSON of the wrong shape is named`, async () => {
      const file = path.join(fresh(), 'null.json');
      writeFileSync(file, 'null\n');
      expectOneLine(await start({ [f.env]: file }), `${file}: `);
    });
  }

  it('a corrupt file that is the original cut short is named too', async () => {
    const file = path.join(fresh(), 'tour.json');
    const text = readFileSync(path.join(root, 'config/tour.json'), 'utf8');
    writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
    expectOneLine(await start({ WALL_TOUR_FILE: file }), `${file}: `, /line \d+ column \d+/);
  });

  it('a token file never shows a token in its message', async () => {
    const file = path.join(fresh(), 'tokens.json');
    const secret = 'very-secret-token-value-0123456789';
    writeFileSync(file, `[{"name": "a", "token": "${secret}"}}]`);
    const run = await start({ WALL_INGEST_TOKENS_FILE: file });
    expectOneLine(run, `${file}: `);
    expect(run.output).not.toContain('secret');
  });

  it('a data directory that is a regular file is named', async () => {
    const file = path.join(fresh(), 'data');
    writeFileSync(file, 'not a directory');
    expectOneLine(await start({}, file), `${file}: `, /not a directory/);
  });

  it('a data directory under a regular file is named', async () => {
    const file = path.join(fresh(), 'plain');
    writeFileSync(file, 'not a directory');
    const dir = path.join(file, 'data');
    expectOneLine(await start({}, dir), `${dir}: `, /is a file, not a directory/);
  });

  it('a wall.db that is not a database is named', async () => {
    const dir = fresh();
    const garbage = Buffer.alloc(8192);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) & 0xff;
    writeFileSync(path.join(dir, 'wall.db'), garbage);
    expectOneLine(await start({}, dir), `${path.join(dir, 'wall.db')}: file is not a database`);
  });

  it('a port that is taken is named, before the first admin is created', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      expectOneLine(await start({ PORT: String(port) }), `127.0.0.1:${port}`, /address already in use/);
    } finally {
      taken.close();
    }
  });

  it('DATABASE_URL: a server that refuses the connection is named, with the password masked', async () => {
    const run = await start({ DATABASE_URL: 'postgres://wall:s3cret-pw@127.0.0.1:1/wall' });
    expectOneLine(run, 'DATABASE_URL postgres://wall:***@127.0.0.1:1/wall: cannot connect: connection refused (ECONNREFUSED)');
    expect(run.output).not.toContain('s3cret-pw');
  });

  it('DATABASE_URL: a database that does not exist is named', async () => {
    const url = new URL(TEST_PG_URL);
    url.password = 's3cret-pw';
    url.pathname = '/wall_no_such_database';
    const run = await start({ DATABASE_URL: url.toString() });
    expectOneLine(run, `@${url.host}/wall_no_such_database: cannot connect: database does not exist (3D000)`);
    expect(run.output).not.toContain('s3cret-pw');
  });

  it('DATABASE_URL: something that is not a postgres:// URL is refused without echoing it', async () => {
    const run = await start({ DATABASE_URL: 'host=db password=s3cret-pw' });
    expectOneLine(run, 'DATABASE_URL: expected postgres://');
    expect(run.output).not.toContain('s3cret-pw');
  });

  it('DATABASE_URL: a reachable database is migrated and served, store postgres', async () => {
    const db = await createTestDatabase('startup');
    try {
      const run = await start({ DATABASE_URL: db.url, WALL_ADMIN_PASSWORD: 'Startup-admin-pass-1' });
      expect(run.listened, run.output.slice(0, 2000)).toBe(true);
      expect(run.output).toMatch(/"store":"postgres"/);
    } finally {
      await db.drop();
    }
  });

  // Root ignores file modes, so a read-only and a full directory are real tmpfs
  // mounts when this runs as root; elsewhere mode 0555 makes it read-only.
  const canMount = mountWorks();
  const isRoot = process.getuid?.() === 0;

  it.skipIf(isRoot && !canMount)('a read-only data directory is named', async () => {
    const dir = fresh();
    if (isRoot) mount(dir, 'ro,size=64k');
    else execFileSync('chmod', ['0555', dir]);
    try {
      expectOneLine(await start({}, dir), `${dir}: `, /read-only|not writable|permission denied/);
    } finally {
      if (isRoot) umount(dir);
      else execFileSync('chmod', ['0755', dir]);
    }
  });

  it.skipIf(!canMount)('a full data directory is named', async () => {
    const dir = fresh();
    mount(dir, 'size=64k');
    try {
      // Fill it: the write stops at the size limit.
      try {
        writeFileSync(path.join(dir, 'fill'), Buffer.alloc(128 * 1024));
      } catch {
        /* ENOSPC is the point */
      }
      expectOneLine(await start({}, dir), dir, /disk is full|no space left/);
    } finally {
      umount(dir);
    }
  });
});

function mount(dir: string, options: string): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
}
function umount(dir: string): void {
  execFileSync('umount', [dir], { stdio: 'ignore' });
}
function mountWorks(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(path.join(os.tmpdir(), 'wall-mount-probe-'));
  try {
    mount(probe, 'size=16k');
    umount(probe);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
