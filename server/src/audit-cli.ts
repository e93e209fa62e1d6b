import { createWriteStream, existsSync } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { stringify } from 'csv-stringify';
import { zodReason } from '@futian/shared';
import { loadConfig } from './config/config.js';
import type { AuditRepo, ChainPoint } from './store/audit-types.js';
import { PgAuditRepo } from './store/pg-audit.js';
import { createPgPool } from './store/pg-pool.js';
import { maskedDatabaseUrl, pgCause } from './store/pg-url.js';
import { SqliteAuditRepo } from './store/sqlite-audit.js';
import { AuditFilterQuery, CSV_COLUMNS, csvRecord } from './audit/filters.js';
import { verifyAuditChain } from './audit/verify.js';

/**
 * The audit trail from a shell, for whoever holds the data directory:
 *
 *   pnpm audit:verify [--pin <id>:<hash> …] [--json]     exit 0 intact, 2 tampered, 1 error
 *   pnpm -s audit:export [--from …] [--to …] [--actor …] [--action …] [--outcome …] [--out file.csv]
 *
 * It reads the same configuration as the server (WALL_DATA_DIR or DATABASE_URL, …) and opens
 * the database read-only, so it can run beside a live server and never
 * changes the trail (which is also why its own runs are not in the trail: the
 * API's checks and exports are). `-s` keeps pnpm's banner out of a CSV sent to
 * stdout. Like main.ts this is an entry point, beside the composition root
 * rather than in audit/: it reads the configuration, and config/ reaches
 * audit/ through auth/, so a file in audit/ importing config/ would be a
 * domain cycle.
 */

/**
 * The schema version (user_version) whose migration protects the trail with
 * triggers (sqlite-schema.ts); the server chains older rows when it opens a
 * file at that version. Not "the latest": a newer server's migrations must
 * not stop an older CLI from checking. Not "the triggers exist" either: a
 * tamperer drops them, and that is exactly when the check must run.
 */
const AUDIT_SCHEMA = 5;
const EXIT_TAMPERED = 2;

const USAGE = `usage: audit verify [--pin <id>:<hash> ...] [--json]
       audit export [--from <date|ms>] [--to <date|ms>] [--actor <name>] [--action <action>] [--outcome ok|refused|failed] [--out <file.csv>]
       audit head
dates without an offset are China Standard Time (+08:00); --to is exclusive.`;

/** The PostgreSQL schema version that created the trail and its triggers (pg-schema.ts). */
const PG_AUDIT_SCHEMA = 2;

async function openTrail(): Promise<{ repo: AuditRepo; close: () => Promise<void> | void }> {
  const config = loadConfig(process.env);
  if (config.databaseUrl) return openPgTrail(config.databaseUrl);
  const file = config.sqliteFile;
  if (!existsSync(file)) throw new Error(`no database at ${file} (set WALL_DATA_DIR to the server's data directory)`);
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version < AUDIT_SCHEMA) {
    db.close();
    throw new Error(`${file} is at schema version ${version}; start the server once to upgrade it (the trail is chained at version ${AUDIT_SCHEMA})`);
  }
  return {
    repo: new SqliteAuditRepo(db),
    close: () => {
      db.close();
    },
  };
}

/**
 * With DATABASE_URL, the trail in PostgreSQL, on a connection whose every
 * transaction is read-only (the server enforces it), so the CLI never
 * changes the trail there either.
 */
async function openPgTrail(url: string): Promise<{ repo: AuditRepo; close: () => Promise<void> }> {
  const pool = createPgPool(url, { max: 2, readOnly: true });
  let version: number;
  try {
    const r = await pool.query<{ v: number | null }>("SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 ELSE (SELECT max(version) FROM schema_migrations) END AS v");
    version = r.rows[0]?.v ?? 0;
  } catch (err) {
    await pool.end();
    throw new Error(`DATABASE_URL ${maskedDatabaseUrl(url)}: cannot connect: ${pgCause(err)}`);
  }
  if (version < PG_AUDIT_SCHEMA) {
    await pool.end();
    throw new Error(`DATABASE_URL ${maskedDatabaseUrl(url)} has no audit trail yet (schema version ${version}); start the server once`);
  }
  return { repo: new PgAuditRepo(pool), close: () => pool.end() };
}

function parsePin(s: string): ChainPoint {
  const m = /^#?(\d+):([0-9a-f]{64})$/i.exec(s.trim());
  if (!m) throw new Error(`--pin must be <id>:<64 hex digits> as logged in 'audit head', got '${s.slice(0, 80)}'`);
  return { id: Number(m[1]), hash: m[2]!.toLowerCase() };
}

const short = (h: string | undefined): string => (h ? `${h.slice(0, 12)}…` : '-');

async function verify(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { pin: { type: 'string', multiple: true }, json: { type: 'boolean' } }, strict: true });
  const pins = (values.pin ?? []).map(parsePin);
  const t = await openTrail();
  try {
    const v = await verifyAuditChain(t.repo, { pins, batch: 10_000 });
    if (values.json) {
      process.stdout.write(`${JSON.stringify(v)}\n`);
    } else if (v.ok) {
      const from = v.anchor ? `anchor #${v.anchor.id} ${short(v.anchor.hash)}` : 'the first row';
      const head = v.head ? `head #${v.head.id} ${short(v.head.hash)}` : 'empty';
      const pinned = pins.length ? `, ${pins.length} pin(s) matched` : '';
      process.stdout.write(`audit chain intact: ${v.rows} rows from ${from} to ${head}${pinned} (${(v.ms / 1000).toFixed(1)} s)\n`);
    } else {
      const bad = v.firstBad!;
      process.stdout.write(`AUDIT CHAIN TAMPERED at row #${bad.id} (${bad.reason}): ${bad.message}; ${v.rows} rows intact before it\n`);
    }
    return v.ok ? 0 : EXIT_TAMPERED;
  } finally {
    await t.close();
  }
}

async function exportCsv(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      actor: { type: 'string' },
      action: { type: 'string' },
      outcome: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const { out, ...query } = values;
  const parsed = AuditFilterQuery.safeParse(query);
  if (!parsed.success) throw new Error(zodReason(parsed.error));
  const filter = parsed.data;
  const t = await openTrail();
  try {
    const upTo = (await t.repo.head())?.id ?? 0;
    let rows = 0;
    async function* records(): AsyncGenerator<string[]> {
      let after = 0;
      for (;;) {
        const page = await t.repo.scan(after, 1000, { ...filter, maxId: upTo });
        for (const r of page) {
          rows++;
          yield csvRecord(r);
        }
        if (page.length < 1000) return;
        after = page[page.length - 1]!.id;
      }
    }
    const sink: Writable = out ? createWriteStream(out) : process.stdout;
    const csv = stringify({ bom: true, header: true, columns: [...CSV_COLUMNS], escape_formulas: true });
    // stdout must stay open after the pipeline (the summary goes to stderr after it).
    await pipeline(Readable.from(records()), csv, sink, { end: sink !== process.stdout });
    process.stderr.write(`exported ${rows} audit rows${out ? ` to ${out}` : ''}\n`);
    return 0;
  } finally {
    await t.close();
  }
}

async function head(): Promise<number> {
  const t = await openTrail();
  try {
    const h = await t.repo.head();
    process.stdout.write(h ? `${h.id}:${h.hash}\n` : 'empty\n');
    return 0;
  } finally {
    await t.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'verify':
      return verify(rest);
    case 'export':
      return exportCsv(rest);
    case 'head':
      return head();
    default:
      process.stderr.write(`${USAGE}\n`);
      return 1;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  // One line, not a stack: this is read by a person at a terminal.
  process.stderr.write(`audit: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
