import pg, { type CustomTypesConfig, type Pool, type PoolClient } from 'pg';

const INT8_OID = 20;

/**
 * bigint columns (time in ms, counts) come back as numbers. node-postgres
 * returns them as strings by default because an int8 can pass 2^53; nothing
 * this store keeps comes near (ms until the year 287,396). Set per pool, not on
 * pg's global type table, so another user of `pg` in the process is untouched.
 */
const types: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};

export interface PgPoolOptions {
  /** Connections per node (default 10). Ingest commits and console reads share them. */
  max?: number;
  /** Every transaction read-only, enforced by the server (the audit CLI: it must never change the trail). */
  readOnly?: boolean;
}

export function createPgPool(url: string, opts: PgPoolOptions = {}): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    types,
    // A database that does not answer must fail the start in seconds, not hang it.
    connectionTimeoutMillis: 5_000,
    application_name: 'futian-wall',
    ...(opts.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
  });
  // An idle client losing its connection (a server restart) emits on the pool;
  // unhandled, that would end the process. The next query reconnects.
  pool.on('error', () => {});
  return pool;
}

/** Runs `fn` in one transaction on one connection; rolls back when it throws. */
export async function inTx<T>(pool: Pool, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    try {
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {});
      throw err;
    }
  } finally {
    c.release();
  }
}

/** A unique constraint refused the row (SQLSTATE 23505). */
export const isUniqueViolation = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === '23505';
