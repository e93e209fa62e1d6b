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
  `
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role TEXT NOT NULL,
    salt TEXT NOT NULL,
    hash TEXT NOT NULL,
    must_change INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  -- Only a hash of the session token is stored: a copied database grants no sessions.
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    ts INTEGER NOT NULL,
    user_name TEXT NOT NULL,
    action TEXT NOT NULL,
    screens TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  CREATE INDEX audit_ts ON audit (ts);
  CREATE TABLE alarms (
    id INTEGER PRIMARY KEY,
    rule_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    subdistrict TEXT,
    severity TEXT NOT NULL,
    title TEXT NOT NULL,
    message TEXT NOT NULL,
    state TEXT NOT NULL,
    raised_at INTEGER NOT NULL,
    cleared_at INTEGER,
    acked_at INTEGER,
    acked_by TEXT,
    ack_comment TEXT,
    value REAL
  );
  CREATE INDEX alarms_open ON alarms (state, acked_at);
  CREATE TABLE screens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    layout TEXT NOT NULL,
    screen TEXT NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL
  );
  `,
  // Screens are enrolled, not self-registered: the rows of version 2 were
  // whatever any page on the LAN claimed to be, so none of them carries over.
  // A credential is stored only as a hash; a revoked screen keeps its row
  // (for the console and the audit trail) without one.
  `
  DROP TABLE screens;
  CREATE TABLE screens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    layout TEXT NOT NULL,
    screen TEXT NOT NULL,
    mode TEXT NOT NULL,
    credential_hash TEXT UNIQUE,
    status TEXT NOT NULL,
    enrolled_at INTEGER NOT NULL,
    enrolled_by TEXT NOT NULL,
    revoked_at INTEGER,
    address TEXT NOT NULL,
    last_seen INTEGER NOT NULL
  );
  CREATE TABLE enroll_links (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    screen_id TEXT,
    name TEXT NOT NULL,
    layout TEXT NOT NULL,
    screen TEXT NOT NULL,
    mode TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    used_screen TEXT
  );
  `,
  // Accounts for a 等保 2.0 level-3 assessment: the shared 'admin' role is
  // split into sysadmin / secadmin / auditor (an existing admin becomes the
  // system admin), passwords age and keep a history, a second factor (TOTP)
  // with hashed recovery codes, sessions that time out when idle, and settings
  // (the identity policy). The audit trail gains who/where/target/outcome and a
  // hash chain; rows written before this version are chained as they are.
  `
  UPDATE users SET role = 'sysadmin' WHERE role = 'admin';
  ALTER TABLE users ADD COLUMN must_rename INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN password_changed_at INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN totp_secret TEXT;
  ALTER TABLE users ADD COLUMN totp_pending TEXT;
  ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN last_login_at INTEGER;
  UPDATE users SET password_changed_at = updated_at;
  CREATE TABLE password_history (
    user_id INTEGER NOT NULL REFERENCES users (id),
    salt TEXT NOT NULL,
    hash TEXT NOT NULL,
    changed_at INTEGER NOT NULL
  );
  CREATE INDEX password_history_user ON password_history (user_id, changed_at);
  CREATE TABLE recovery_codes (
    user_id INTEGER NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    used_at INTEGER,
    PRIMARY KEY (user_id, code_hash)
  ) WITHOUT ROWID;
  ALTER TABLE sessions ADD COLUMN id TEXT;
  ALTER TABLE sessions ADD COLUMN last_seen INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sessions ADD COLUMN address TEXT NOT NULL DEFAULT '';
  ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
  DELETE FROM sessions;
  CREATE UNIQUE INDEX sessions_id ON sessions (id);
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  ALTER TABLE audit ADD COLUMN actor_kind TEXT NOT NULL DEFAULT 'user';
  ALTER TABLE audit ADD COLUMN address TEXT NOT NULL DEFAULT '';
  ALTER TABLE audit ADD COLUMN target TEXT NOT NULL DEFAULT '';
  ALTER TABLE audit ADD COLUMN outcome TEXT NOT NULL DEFAULT 'ok';
  ALTER TABLE audit ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
  ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';
  CREATE INDEX audit_actor ON audit (user_name, ts);
  `,
  // The audit trail is append-only in the database itself, not only in the
  // code that writes it, so a slip in some future handler, an operator with
  // the sqlite3 shell, or a restore script cannot quietly change the record:
  // - no UPDATE, except giving a row written before the chain its hash, once,
  //   with its contents unchanged (SqliteAuditRepo does that at open);
  // - no DELETE of a row younger than the retention period. The period is
  //   read from settings (written at start from WALL_AUDIT_RETENTION_DAYS)
  //   and never taken below 180 days (15552000000 ms), so lowering the setting
  //   does not unlock anything. The clock is the database's own, in ms;
  // - no INSERT below the newest id: INSERT OR REPLACE would otherwise delete
  //   and rewrite a row without firing the delete trigger. An INSERT must name
  //   its id (the hash covers it); one left to SQLite is refused too (a BEFORE
  //   trigger sees it as -1);
  // - the anchor (the last pruned row, where verification starts) can only
  //   move forward and cannot be removed.
  // Someone with write access to the file can still drop these triggers; the
  // hash chain and the logged chain head are what catch that (audit/verify.ts).
  `
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  WHEN OLD.hash <> ''
    OR NEW.id IS NOT OLD.id OR NEW.ts IS NOT OLD.ts OR NEW.user_name IS NOT OLD.user_name
    OR NEW.actor_kind IS NOT OLD.actor_kind OR NEW.address IS NOT OLD.address
    OR NEW.action IS NOT OLD.action OR NEW.target IS NOT OLD.target OR NEW.outcome IS NOT OLD.outcome
    OR NEW.screens IS NOT OLD.screens OR NEW.detail IS NOT OLD.detail
  BEGIN
    SELECT RAISE(ABORT, 'audit rows cannot be changed');
  END;
  CREATE TRIGGER audit_keep_retention BEFORE DELETE ON audit
  WHEN OLD.ts > (julianday('now') - 2440587.5) * 86400000.0 - max(
    coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'audit.retention_ms'), 0),
    15552000000)
  BEGIN
    SELECT RAISE(ABORT, 'audit rows younger than the retention period cannot be deleted');
  END;
  CREATE TRIGGER audit_append_only BEFORE INSERT ON audit
  WHEN NEW.id <= (SELECT max(id) FROM audit)
  BEGIN
    SELECT RAISE(ABORT, 'audit rows are only appended');
  END;
  CREATE TRIGGER audit_anchor_kept BEFORE DELETE ON settings
  WHEN OLD.key = 'audit.anchor'
  BEGIN
    SELECT RAISE(ABORT, 'the audit anchor cannot be removed');
  END;
  CREATE TRIGGER audit_anchor_forward BEFORE UPDATE ON settings
  WHEN OLD.key = 'audit.anchor'
    AND (NEW.key IS NOT OLD.key OR json_extract(NEW.value, '$.id') <= json_extract(OLD.value, '$.id'))
  BEGIN
    SELECT RAISE(ABORT, 'the audit anchor only moves forward');
  END;
  `,
  // Statistics loaded by staff from the console (issue #40): each upload or
  // rollback is a batch, every revision names the batch it came in, and a
  // rollback of a figure that was new in its batch stores a withdrawn revision
  // (the figure has no current value again; the wall goes back to the earlier
  // period). Revisions stay append-only: a rollback adds, it never deletes.
  `
  ALTER TABLE stat_revisions ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE stat_revisions ADD COLUMN batch INTEGER;
  CREATE TABLE stat_batches (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    unit TEXT NOT NULL,
    note TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    rows INTEGER NOT NULL,
    reverts INTEGER REFERENCES stat_batches (id),
    reverted_by INTEGER REFERENCES stat_batches (id)
  );
  `,
  // Enterprise lists loaded by staff from the console (issue #40): each upload
  // is a whole list (it replaces the simulated firms), kept as JSON with its
  // batch; the one in force is the newest upload not rolled back.
  `
  CREATE TABLE industry_batches (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    unit TEXT NOT NULL,
    note TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    rows INTEGER NOT NULL,
    entries TEXT,
    reverts INTEGER REFERENCES industry_batches (id),
    reverted_by INTEGER REFERENCES industry_batches (id)
  );
  `,
];

/** Brings the schema up to `target` (the latest by default; tests stop earlier to build an old file). */
export function migrate(db: Database, target = MIGRATIONS.length): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < target; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

export function schemaVersion(): number {
  return MIGRATIONS.length;
}
