import type { Database } from 'better-sqlite3';

/**
 * Schema migrations, applied in order and tracked with PRAGMA user_version so an
 * existing data directory upgrades in place.
 */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE devices (
    idx INTEGER PRIMARY KEY,
    device_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    subdistrict TEXT NOT NULL,
    site_id TEXT,
    fast INTEGER NOT NULL DEFAULT 0,
    lng REAL,
    lat REAL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE sources (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
  -- Keyed by (ts, device): inserts mostly append, pruning deletes a prefix, and the
  -- key is what makes a repeated (device, ts) idempotent.
  CREATE TABLE raw_reports (
    ts INTEGER NOT NULL,
    device INTEGER NOT NULL,
    status INTEGER NOT NULL,
    busy INTEGER,
    power REAL,
    sensors INTEGER,
    source INTEGER NOT NULL,
    PRIMARY KEY (ts, device)
  ) WITHOUT ROWID;
  CREATE TABLE transitions (
    id INTEGER PRIMARY KEY,
    ts INTEGER NOT NULL,
    device INTEGER NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL
  );
  CREATE INDEX transitions_device_ts ON transitions (device, ts);
  CREATE INDEX transitions_ts ON transitions (ts);
  CREATE TABLE samples (
    metric TEXT NOT NULL,
    scope TEXT NOT NULL,
    ts INTEGER NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (metric, scope, ts)
  ) WITHOUT ROWID;
  CREATE INDEX samples_ts ON samples (ts);
  CREATE TABLE rollup_1m (
    metric TEXT NOT NULL, scope TEXT NOT NULL, ts INTEGER NOT NULL,
    avg REAL NOT NULL, min REAL NOT NULL, max REAL NOT NULL, last REAL NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (metric, scope, ts)
  ) WITHOUT ROWID;
  CREATE INDEX rollup_1m_ts ON rollup_1m (ts);
  CREATE TABLE rollup_1h (
    metric TEXT NOT NULL, scope TEXT NOT NULL, ts INTEGER NOT NULL,
    avg REAL NOT NULL, min REAL NOT NULL, max REAL NOT NULL, last REAL NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (metric, scope, ts)
  ) WITHOUT ROWID;
  CREATE INDEX rollup_1h_ts ON rollup_1h (ts);
  -- Every revision is kept (应统尽统): the current value is the latest revision per key.
  CREATE TABLE stat_revisions (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    indicator TEXT NOT NULL,
    period TEXT NOT NULL,
    subdistrict TEXT,
    sector TEXT,
    category TEXT,
    tier TEXT,
    value REAL NOT NULL,
    source TEXT NOT NULL,
    simulated INTEGER NOT NULL,
    note TEXT,
    revision INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    UNIQUE (key, revision)
  );
  `,
];

export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

export function schemaVersion(): number {
  return MIGRATIONS.length;
}
