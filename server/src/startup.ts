import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { loadAlarmRules, type LoadedRule } from './alarms/rules.js';
import type { Config } from './config/config.js';
import { loadWallConfig } from './config/wall-config.js';
import { loadTour } from './control/tour.js';
import { loadGeo } from './geo/load.js';
import { fsCause, shownPath, startupFailureLine, StartupError } from './platform/startup-error.js';
import { openPgStore } from './store/open.js';
import { SqliteStore } from './store/sqlite.js';
import type { Store } from './store/types.js';
import type { TourConfig, WallConfigSlot } from '@futian/shared';

/** Every configuration file the server reads at start, loaded and checked. */
export interface ConfigFiles {
  geo: { boundaries: string; parks: string; regions: number };
  wallConfig: WallConfigSlot;
  tour: TourConfig;
  rules: LoadedRule[];
}

/**
 * Loads and checks every configuration file, printing nothing. The entries call
 * it before they open the database or create an account, so that a broken file
 * is the only line a failed start prints, and never comes after the first
 * admin's one-time password.
 */
export function loadConfigFiles(config: Config): ConfigFiles {
  return {
    geo: loadGeo(config.geoFile, config.parksFile),
    wallConfig: loadWallConfig(config.boardsFile, config.enterprisesFile),
    tour: loadTour(config.tourFile),
    rules: loadAlarmRules(config.alarmsFile),
  };
}

const SQLITE_CAUSES: Record<string, string> = {
  SQLITE_NOTADB: 'file is not a database',
  SQLITE_CORRUPT: 'database disk image is malformed',
  SQLITE_FULL: 'database or disk is full',
  SQLITE_READONLY: 'attempt to write a readonly database',
};

/** The cause of an SQLite error in words; null when it is not one. */
function sqliteCause(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const base = Object.keys(SQLITE_CAUSES).find((k) => code === k || code.startsWith(`${k}_`));
  return base ? SQLITE_CAUSES[base]! : (err as Error).message;
}

/**
 * The store the configuration names: PostgreSQL when DATABASE_URL is set (any
 * number of nodes share it), else the embedded SQLite file. Either way a
 * failure is a StartupError of one line naming the database and the cause,
 * with a password in the URL masked.
 */
export async function openStore(config: Pick<Config, 'databaseUrl' | 'sqliteFile'>): Promise<Store> {
  if (config.databaseUrl) return openPgStore(config.databaseUrl, (message, cause) => new StartupError(message, { cause }));
  return openSqliteStore(config.sqliteFile);
}

/**
 * Opens the SQLite store, or says in one line which path is wrong and why: a
 * data directory that is a file, read-only or full, a wall.db that is not a
 * database. SQLite's own "unable to open database file" does not say which
 * of those it is, so the directory is probed for the cause.
 */
export function openSqliteStore(file: string): SqliteStore {
  if (file === ':memory:') return new SqliteStore(file);
  const dir = path.dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new StartupError(`${shownPath(dir)}: cannot create the data directory: ${fsCause(err)}`, { cause: err });
  }
  if (!statSync(dir).isDirectory()) throw new StartupError(`${shownPath(dir)}: the data directory is not a directory`);
  try {
    return new SqliteStore(file);
  } catch (err) {
    throw storeStartupError(file, err);
  }
}

/** An SQLite error during start-up as a StartupError naming the database, or the error as it was. */
export function storeStartupError(file: string, err: unknown): unknown {
  if (err instanceof StartupError) return err;
  const cause = sqliteCause(err);
  if (cause === null) return err;
  const code = (err as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR')) {
    // Say why the directory refuses, when it does: read-only, full, not ours.
    const dir = path.dirname(file);
    try {
      accessSync(dir, constants.W_OK);
    } catch (probe) {
      return new StartupError(`${shownPath(dir)}: the data directory is not writable: ${fsCause(probe)}`, { cause: err });
    }
  }
  return new StartupError(`${shownPath(file)}: ${cause}`, { cause: err });
}

/**
 * Fails now if the port is taken or not ours. createApp creates the first admin
 * before the server listens, so without this a taken port would fail the start
 * after the one-time password was printed. A probe, so not proof (another process
 * can take the port in between), but it is the usual case: a second instance, or
 * a service left running.
 */
export async function checkPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/**
 * Ends a start that failed: one line on stderr, no stack (that is for
 * LOG_LEVEL=debug), exit code 1. Used by both entries (server/src/main.ts and
 * scripts/start.ts) around everything they do before listening.
 */
export function exitOnStartFailure(err: unknown, context: { sqliteFile?: string } = {}): never {
  const e = listenStartupError(context.sqliteFile ? storeStartupError(context.sqliteFile, err) : err);
  process.stderr.write(`${startupFailureLine(e)}\n`);
  if (/^(debug|trace)$/i.test(process.env.LOG_LEVEL ?? '')) process.stderr.write(`${detail(e)}\n`);
  process.exit(1);
}

/** A port that is taken or not ours, named. */
function listenStartupError(err: unknown): unknown {
  const e = err as NodeJS.ErrnoException & { address?: string; port?: number };
  if (err instanceof StartupError || e?.syscall !== 'listen') return err;
  return new StartupError(`cannot listen on ${e.address ?? ''}:${e.port ?? ''} (PORT, HOST): ${fsCause(err)}`, { cause: err });
}

function detail(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e !== undefined && parts.length < 5; e = (e as { cause?: unknown } | null)?.cause) {
    parts.push(e instanceof Error ? (e.stack ?? e.message) : String(e));
  }
  return parts.join('\ncaused by: ');
}
