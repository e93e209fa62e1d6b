import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PgStore } from '../store/pg.js';

/**
 * The PostgreSQL server tests use: WALL_TEST_DATABASE_URL, by default the
 * machine's own (trust auth, user postgres). Tests never change the server;
 * each store gets a database of its own, dropped when it closes.
 */
export const TEST_PG_URL = process.env.WALL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates `wall_test_<hint>_<random>` and returns its URL and a drop that also ends its open connections. */
export async function createTestDatabase(hint: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const safe = hint.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 24);
  const name = `wall_test_${safe}_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 5_000 });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A PgStore on a fresh database; cleanup() closes it and drops the database. */
export async function tempPgStore(hint = 'unit'): Promise<{ store: PgStore; url: string; cleanup: () => Promise<void> }> {
  const db = await createTestDatabase(hint);
  const store = await PgStore.open(db.url, { max: 4 });
  return {
    store,
    url: db.url,
    cleanup: async () => {
      await store.close();
      await db.drop();
    },
  };
}
