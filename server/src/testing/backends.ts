import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PgStore } from '../store/pg.js';
import { SqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { createTestDatabase } from './pg.js';

/**
 * One store under test, with the raw SQL the trigger tests need (written with
 * `?` placeholders; PostgreSQL gets them numbered) and a second store on the
 * same database, as a second process or node would have.
 */
export interface OpenBackend {
  store: Store;
  /** Runs one statement directly against the database; resolves to the rows it changed. */
  exec(sql: string, ...params: unknown[]): Promise<number>;
  /** Another store on the same database; closed by cleanup() too. */
  second(): Promise<Store>;
  cleanup(): Promise<void>;
}

export interface Backend {
  kind: Store['kind'];
  open(): Promise<OpenBackend>;
}

const numbered = (sql: string): string => {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
};

export const sqliteBackend: Backend = {
  kind: 'sqlite',
  async open() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wall-store-'));
    const file = path.join(dir, 'wall.db');
    // No checkpoint worker: its shutdown costs a second per test, and WAL checkpoints are not what is tested here.
    const store = new SqliteStore(file, { backgroundCheckpoint: false });
    const others: SqliteStore[] = [];
    return {
      store,
      // Async like the PostgreSQL one, so a refused statement is a rejection on both.
      exec: async (sql, ...params) => store.db.prepare(sql).run(...params).changes,
      async second() {
        const s = new SqliteStore(file, { backgroundCheckpoint: false });
        others.push(s);
        return s;
      },
      async cleanup() {
        for (const s of others) await s.close();
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const pgBackend: Backend = {
  kind: 'postgres',
  async open() {
    const db = await createTestDatabase('unit');
    const store = await PgStore.open(db.url, { max: 4 });
    const others: PgStore[] = [];
    return {
      store,
      exec: async (sql, ...params) => (await store.pool.query(numbered(sql), params)).rowCount ?? 0,
      async second() {
        const s = await PgStore.open(db.url, { max: 4 });
        others.push(s);
        return s;
      },
      async cleanup() {
        for (const s of others) await s.close();
        await store.close();
        await db.drop();
      },
    };
  },
};

export const BACKENDS: Backend[] = [sqliteBackend, pgBackend];
