import { PgStore } from './pg.js';
import { isPostgresUrl, maskedDatabaseUrl, pgCause } from './pg-url.js';

/**
 * Opens the PostgreSQL store named by DATABASE_URL, or throws an error whose
 * message is the one line a failed start prints: the URL with its password
 * masked, and the cause. `fail` builds that error (startup.ts passes
 * StartupError: store/ imports nothing in server/src).
 */
export async function openPgStore(url: string, fail: (message: string, cause: unknown) => Error): Promise<PgStore> {
  const shown = `DATABASE_URL ${maskedDatabaseUrl(url)}`;
  if (!isPostgresUrl(url)) throw fail(`DATABASE_URL: expected postgres://user:password@host:port/database, got ${maskedDatabaseUrl(url)}`, undefined);
  try {
    return await PgStore.open(url);
  } catch (err) {
    throw fail(`${shown}: cannot connect: ${pgCause(err)}`, err);
  }
}
