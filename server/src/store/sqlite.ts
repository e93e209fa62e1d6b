import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { PageReader } from './page-reader.js';
import { migrate } from './sqlite-schema.js';
import { SqliteOpsRepo } from './sqlite-ops.js';
import { SqliteAuditRepo } from './sqlite-audit.js';
import { SqliteAccountsRepo } from './sqlite-accounts.js';
import { toDevice, toStat, type DeviceDbRow, type StatDbRow } from './sqlite-rows.js';
import { toIndustryBatch, toStatBatch, type IndustryBatchDbRow, type StatBatchDbRow } from './stat-rows.js';
import type {
  DeviceRow,
  HistoryBatch,
  IndustryBatchRow,
  NewDevice,
  NewIndustryBatch,
  NewStatBatch,
  NewStatRevision,
  PruneCutoffs,
  RawReportRow,
  RollupRow,
  RollupTier,
  SampleRow,
  StatBatchRow,
  StatRevisionRow,
  Store,
  TransitionRow,
} from './types.js';
import { INDUSTRY_REVERT, StatBatchConflict } from './types.js';

export interface SqliteOptions {
  /**
   * 'normal' (default): a commit survives a process crash; WAL mode makes this
   * safe against corruption. 'full' also survives power loss, at the cost of an
   * fsync per ingest batch.
   */
  synchronous?: 'normal' | 'full';
  /** Checkpoint the WAL from a worker thread (default for file databases). */
  backgroundCheckpoint?: boolean;
  /** Read replay pages on a worker thread (default for file databases). */
  pageWorker?: boolean;
}

const RAW_COLS = 'ts, device, status, busy, power AS powerKw, sensors, source';
/** Rows per multi-row INSERT, largest first; the last must be 1. */
const CHUNK_SIZES = [50, 10, 1] as const;

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database;
  readonly ops: SqliteOpsRepo;
  readonly audit: SqliteAuditRepo;
  readonly accounts: SqliteAccountsRepo;
  private readonly st: Record<string, Statement>;
  private readonly insertReportsTx: (rows: RawReportRow[]) => Uint8Array;
  private readonly writeHistoryTx: (b: HistoryBatch) => void;
  private readonly checkpointer: Worker | null = null;
  /** Replay pages are read on a worker thread; null for an in-memory database, which no other connection can open. */
  private readonly pages: PageReader | null = null;
  /** Checkpoint results from the worker, for /metrics and tests. */
  checkpoints = 0;

  constructor(file: string, opts: SqliteOptions = {}) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new BetterSqlite3(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${opts.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    // A larger page cache keeps the hot tail of raw_reports in memory at ingest rates.
    this.db.pragma('cache_size = -65536');
    // Once a checkpoint has caught up, the WAL file is cut back to this size.
    this.db.pragma('journal_size_limit = 67108864');
    migrate(this.db);
    this.ops = new SqliteOpsRepo(this.db);
    this.audit = new SqliteAuditRepo(this.db);
    this.accounts = new SqliteAccountsRepo(this.db);
    if (file !== ':memory:' && opts.backgroundCheckpoint !== false) {
      this.db.pragma('wal_autocheckpoint = 0');
      const w = new Worker(new URL('./checkpoint.worker.mjs', import.meta.url), { workerData: { file, everyMs: 1000 } });
      w.on('message', (m: { type: string }) => {
        if (m.type === 'checkpoint') this.checkpoints++;
      });
      // A failed checkpointer must not leave the WAL growing for ever.
      w.on('error', () => this.db.open && this.db.pragma('wal_autocheckpoint = 1000'));
      w.unref();
      this.checkpointer = w;
    }

    if (file !== ':memory:' && opts.pageWorker !== false) this.pages = new PageReader(file, (...a) => this.readPage(...a));

    const db = this.db;
    this.st = {
      allDevices: db.prepare('SELECT * FROM devices ORDER BY idx'),
      upsertDevice: db.prepare(
        `INSERT INTO devices (device_id, kind, subdistrict, site_id, fast, lng, lat, updated_at)
         VALUES (@deviceId, @kind, @subdistrict, @siteId, @fast, @lng, @lat, @now)
         ON CONFLICT (device_id) DO UPDATE SET kind = excluded.kind, subdistrict = excluded.subdistrict,
           site_id = excluded.site_id, fast = excluded.fast, lng = excluded.lng, lat = excluded.lat,
           updated_at = excluded.updated_at
         RETURNING *`,
      ),
      sourceGet: db.prepare('SELECT id FROM sources WHERE name = ?'),
      sourceAdd: db.prepare('INSERT INTO sources (name) VALUES (?) RETURNING id'),
      sourcesAll: db.prepare('SELECT id, name FROM sources ORDER BY id'),
      insertReport: db.prepare(
        'INSERT OR IGNORE INTO raw_reports (ts, device, status, busy, power, sensors, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      countReports: db.prepare('SELECT count(*) AS n FROM raw_reports'),
      latestReports: db.prepare(
        `SELECT r.ts, r.device, r.status, r.busy, r.power AS powerKw, r.sensors, r.source
         FROM raw_reports r
         JOIN (SELECT device, max(ts) AS ts FROM raw_reports WHERE ts >= ? GROUP BY device) m
           ON m.device = r.device AND m.ts = r.ts`,
      ),
      latestBetween: db.prepare(
        `SELECT r.ts, r.device, r.status, r.busy, r.power AS powerKw, r.sensors, r.source
         FROM raw_reports r
         JOIN (SELECT device, max(ts) AS ts FROM raw_reports WHERE ts >= ? AND ts < ? GROUP BY device) m
           ON m.device = r.device AND m.ts = r.ts`,
      ),
      pageFirst: db.prepare(`SELECT ${RAW_COLS} FROM raw_reports WHERE ts >= ? AND ts < ? ORDER BY ts, device LIMIT ?`),
      pageAfter: db.prepare(
        `SELECT ${RAW_COLS} FROM raw_reports WHERE (ts, device) > (?, ?) AND ts < ? ORDER BY ts, device LIMIT ?`,
      ),
      insertTransition: db.prepare('INSERT INTO transitions (ts, device, from_status, to_status) VALUES (?, ?, ?, ?)'),
      insertSample: db.prepare('INSERT OR REPLACE INTO samples (metric, scope, ts, value) VALUES (?, ?, ?, ?)'),
      insertRollup1m: db.prepare(
        'INSERT OR REPLACE INTO rollup_1m (metric, scope, ts, avg, min, max, last, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertRollup1h: db.prepare(
        'INSERT OR REPLACE INTO rollup_1h (metric, scope, ts, avg, min, max, last, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      samples: db.prepare(
        'SELECT ts, metric, scope, value FROM samples WHERE metric = ? AND scope = ? AND ts >= ? AND ts < ? ORDER BY ts',
      ),
      rollups1m: db.prepare(
        'SELECT * FROM rollup_1m WHERE metric = ? AND scope = ? AND ts >= ? AND ts < ? ORDER BY ts',
      ),
      rollups1h: db.prepare(
        'SELECT * FROM rollup_1h WHERE metric = ? AND scope = ? AND ts >= ? AND ts < ? ORDER BY ts',
      ),
      transitionsAll: db.prepare(
        'SELECT ts, device, from_status AS "from", to_status AS "to" FROM transitions WHERE ts >= ? AND ts < ? ORDER BY ts DESC LIMIT ?',
      ),
      transitionsDevice: db.prepare(
        'SELECT ts, device, from_status AS "from", to_status AS "to" FROM transitions WHERE device = ? AND ts >= ? AND ts < ? ORDER BY ts DESC LIMIT ?',
      ),
      pruneRaw: db.prepare(
        'DELETE FROM raw_reports WHERE (ts, device) IN (SELECT ts, device FROM raw_reports WHERE ts < ? ORDER BY ts LIMIT ?)',
      ),
      pruneTransitions: db.prepare('DELETE FROM transitions WHERE id IN (SELECT id FROM transitions WHERE ts < ? LIMIT ?)'),
      pruneSamples: db.prepare(
        'DELETE FROM samples WHERE (metric, scope, ts) IN (SELECT metric, scope, ts FROM samples WHERE ts < ? LIMIT ?)',
      ),
      prune1m: db.prepare(
        'DELETE FROM rollup_1m WHERE (metric, scope, ts) IN (SELECT metric, scope, ts FROM rollup_1m WHERE ts < ? LIMIT ?)',
      ),
      prune1h: db.prepare(
        'DELETE FROM rollup_1h WHERE (metric, scope, ts) IN (SELECT metric, scope, ts FROM rollup_1h WHERE ts < ? LIMIT ?)',
      ),
      statMaxRev: db.prepare('SELECT max(revision) AS r FROM stat_revisions WHERE key = ?'),
      statInsert: db.prepare(
        `INSERT INTO stat_revisions (key, indicator, period, subdistrict, sector, category, tier, value, source, simulated, note, revision, received_at, withdrawn, batch)
         VALUES (@key, @indicator, @period, @subdistrict, @sector, @category, @tier, @value, @source, @simulated, @note, @revision, @receivedAt, @withdrawn, @batch)
         RETURNING *`,
      ),
      statCurrent: db.prepare(
        `SELECT s.* FROM stat_revisions s
         JOIN (SELECT key, max(revision) AS r FROM stat_revisions GROUP BY key) m ON m.key = s.key AND m.r = s.revision
         WHERE s.withdrawn = 0
         ORDER BY s.key`,
      ),
      statRevisions: db.prepare('SELECT * FROM stat_revisions WHERE key = ? ORDER BY revision'),
      batchInsert: db.prepare(
        `INSERT INTO stat_batches (kind, created_at, actor, unit, note, file_name, file_sha256, rows, reverts)
         VALUES (@kind, @createdAt, @actor, @unit, @note, @fileName, @fileSha256, 0, @reverts) RETURNING id`,
      ),
      batchRows: db.prepare('UPDATE stat_batches SET rows = ? WHERE id = ? RETURNING *'),
      batchRevert: db.prepare("UPDATE stat_batches SET reverted_by = ? WHERE id = ? AND kind = 'import' AND reverted_by IS NULL"),
      batches: db.prepare('SELECT * FROM stat_batches ORDER BY id DESC LIMIT ?'),
      batchOne: db.prepare('SELECT * FROM stat_batches WHERE id = ?'),
      batchRevisions: db.prepare('SELECT * FROM stat_revisions WHERE batch = ? ORDER BY id'),
      indInsert: db.prepare(
        `INSERT INTO industry_batches (kind, created_at, actor, unit, note, file_name, file_sha256, rows, entries, reverts)
         VALUES (@kind, @createdAt, @actor, @unit, @note, @fileName, @fileSha256, @rows, @entries, @reverts) RETURNING id`,
      ),
      indRevert: db.prepare(INDUSTRY_REVERT.replace('$1', '@id').replaceAll('$2', '@target')),
      indOne: db.prepare('SELECT * FROM industry_batches WHERE id = ?'),
      indList: db.prepare('SELECT * FROM industry_batches ORDER BY id DESC LIMIT ?'),
      indCurrent: db.prepare("SELECT * FROM industry_batches WHERE kind = 'import' AND reverted_by IS NULL ORDER BY id DESC LIMIT 1"),
    };

    const insertReport = this.st.insertReport!;
    // Multi-row INSERTs cut the per-row cost of crossing into SQLite roughly in
    // half. A chunk that stores fewer rows than it holds contained a duplicate:
    // it is rolled back to its savepoint and redone row by row, so the caller
    // still learns exactly which reports were duplicates.
    const chunks = CHUNK_SIZES.map((n) => ({
      n,
      stmt: db.prepare(`INSERT OR IGNORE INTO raw_reports (ts, device, status, busy, power, sensors, source) VALUES ${Array(n).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')}`),
      args: new Array<number | null>(n * 7),
    }));
    const savepoint = db.prepare('SAVEPOINT chunk');
    const release = db.prepare('RELEASE chunk');
    const rollback = db.prepare('ROLLBACK TO chunk');
    const one = (r: RawReportRow): number => (insertReport.run(r.ts, r.device, r.status, r.busy, r.powerKw, r.sensors, r.source).changes > 0 ? 1 : 0);
    this.insertReportsTx = db.transaction((rows: RawReportRow[]) => {
      const inserted = new Uint8Array(rows.length);
      let i = 0;
      for (const c of chunks) {
        for (; i + c.n <= rows.length; i += c.n) {
          if (c.n === 1) {
            inserted[i] = one(rows[i]!);
            continue;
          }
          for (let j = 0; j < c.n; j++) {
            const r = rows[i + j]!;
            const o = j * 7;
            c.args[o] = r.ts;
            c.args[o + 1] = r.device;
            c.args[o + 2] = r.status;
            c.args[o + 3] = r.busy;
            c.args[o + 4] = r.powerKw;
            c.args[o + 5] = r.sensors;
            c.args[o + 6] = r.source;
          }
          savepoint.run();
          if (c.stmt.run(c.args).changes === c.n) {
            release.run();
            inserted.fill(1, i, i + c.n);
          } else {
            rollback.run();
            release.run();
            for (let j = i; j < i + c.n; j++) inserted[j] = one(rows[j]!);
          }
        }
      }
      return inserted;
    });

    this.writeHistoryTx = db.transaction((b: HistoryBatch) => {
      for (const t of b.transitions) this.st.insertTransition!.run(t.ts, t.device, t.from, t.to);
      for (const s of b.samples) this.st.insertSample!.run(s.metric, s.scope, s.ts, s.value);
      for (const { tier, row: r } of b.rollups) {
        const stmt = tier === '1m' ? this.st.insertRollup1m! : this.st.insertRollup1h!;
        stmt.run(r.metric, r.scope, r.ts, r.avg, r.min, r.max, r.last, r.n);
      }
    });
  }

  async close(): Promise<void> {
    await this.pages?.close();
    if (this.checkpointer) {
      const w = this.checkpointer;
      // Unref'd while running so it never holds the process open; ref'd while we
      // wait for its final checkpoint, or the process could exit mid-close.
      w.ref();
      await new Promise<void>((resolve) => {
        w.once('exit', () => resolve());
        w.postMessage('stop');
        setTimeout(() => void w.terminate(), 2000).unref();
      });
    }
    if (this.db.open) this.db.close();
  }

  async loadDevices(): Promise<DeviceRow[]> {
    return (this.st.allDevices!.all() as DeviceDbRow[]).map(toDevice);
  }

  async upsertDevices(rows: NewDevice[]): Promise<DeviceRow[]> {
    const now = Date.now();
    const stmt = this.st.upsertDevice!;
    const tx = this.db.transaction((list: NewDevice[]) =>
      list.map((d) =>
        toDevice(
          stmt.get({
            deviceId: d.deviceId,
            kind: d.kind,
            subdistrict: d.subdistrict,
            siteId: d.siteId,
            fast: d.fast ? 1 : 0,
            lng: d.lng,
            lat: d.lat,
            now,
          }) as DeviceDbRow,
        ),
      ),
    );
    return tx(rows);
  }

  async sourceId(name: string): Promise<number> {
    const row = this.st.sourceGet!.get(name) as { id: number } | undefined;
    if (row) return row.id;
    return (this.st.sourceAdd!.get(name) as { id: number }).id;
  }

  async sources(): Promise<Array<{ id: number; name: string }>> {
    return this.st.sourcesAll!.all() as Array<{ id: number; name: string }>;
  }

  async insertReports(rows: RawReportRow[]): Promise<Uint8Array> {
    if (rows.length === 0) return new Uint8Array(0);
    return this.insertReportsTx(rows);
  }

  async countReports(): Promise<number> {
    return (this.st.countReports!.get() as { n: number }).n;
  }

  async latestReports(sinceTs: number): Promise<RawReportRow[]> {
    return this.st.latestReports!.all(sinceTs) as RawReportRow[];
  }

  async latestReportsBetween(from: number, to: number): Promise<RawReportRow[]> {
    return this.st.latestBetween!.all(from, to) as RawReportRow[];
  }

  async reportsPage(
    from: number,
    to: number,
    after: { ts: number; device: number } | null,
    limit: number,
  ): Promise<RawReportRow[]> {
    return this.pages ? this.pages.read(from, to, after, limit) : this.readPage(from, to, after, limit);
  }

  private readPage(from: number, to: number, after: { ts: number; device: number } | null, limit: number): RawReportRow[] {
    if (after) return this.st.pageAfter!.all(after.ts, after.device, to, limit) as RawReportRow[];
    return this.st.pageFirst!.all(from, to, limit) as RawReportRow[];
  }

  async writeHistory(batch: HistoryBatch): Promise<void> {
    if (batch.transitions.length + batch.samples.length + batch.rollups.length === 0) return;
    this.writeHistoryTx(batch);
  }

  async querySamples(metric: string, scope: string, from: number, to: number): Promise<SampleRow[]> {
    return this.st.samples!.all(metric, scope, from, to) as SampleRow[];
  }

  async queryRollups(tier: RollupTier, metric: string, scope: string, from: number, to: number): Promise<RollupRow[]> {
    const stmt = tier === '1m' ? this.st.rollups1m! : this.st.rollups1h!;
    return stmt.all(metric, scope, from, to) as RollupRow[];
  }

  async queryTransitions(device: number | null, from: number, to: number, limit: number): Promise<TransitionRow[]> {
    if (device === null) return this.st.transitionsAll!.all(from, to, limit) as TransitionRow[];
    return this.st.transitionsDevice!.all(device, from, to, limit) as TransitionRow[];
  }

  async prune(c: PruneCutoffs, budget: number): Promise<number> {
    let left = budget;
    const steps: Array<[Statement, number]> = [
      [this.st.pruneRaw!, c.raw],
      [this.st.pruneTransitions!, c.raw],
      [this.st.pruneSamples!, c.samples],
      [this.st.prune1m!, c.rollup1m],
      [this.st.prune1h!, c.rollup1h],
    ];
    for (const [stmt, cutoff] of steps) {
      if (left <= 0) break;
      left -= stmt.run(cutoff, left).changes;
    }
    return budget - left;
  }

  async insertStatRevision(row: NewStatRevision): Promise<StatRevisionRow> {
    const tx = this.db.transaction((r: NewStatRevision) => {
      const prev = (this.st.statMaxRev!.get(r.key) as { r: number | null }).r ?? 0;
      return toStat(
        this.st.statInsert!.get(this.statParams(r, prev + 1, null)) as StatDbRow,
      );
    });
    return tx(row);
  }

  private statParams(r: NewStatRevision, revision: number, batch: number | null): Record<string, unknown> {
    return { ...r, simulated: r.simulated ? 1 : 0, withdrawn: r.withdrawn ? 1 : 0, revision, batch };
  }

  async publishStatBatch(batch: NewStatBatch, rows: NewStatRevision[]): Promise<{ batch: StatBatchRow; revisions: StatRevisionRow[] }> {
    const tx = this.db.transaction(() => {
      const { id } = this.st.batchInsert!.get(batch) as { id: number };
      if (batch.reverts !== null && this.st.batchRevert!.run(id, batch.reverts).changes === 0) {
        throw new StatBatchConflict(`batch ${batch.reverts} is not an upload that can still be rolled back`);
      }
      const revisions = rows.map((r) => {
        const prev = (this.st.statMaxRev!.get(r.key) as { r: number | null }).r ?? 0;
        return toStat(this.st.statInsert!.get(this.statParams(r, prev + 1, id)) as StatDbRow);
      });
      const stored = toStatBatch(this.st.batchRows!.get(revisions.length, id) as StatBatchDbRow);
      return { batch: stored, revisions };
    });
    return tx();
  }

  async statBatches(limit: number): Promise<StatBatchRow[]> {
    return (this.st.batches!.all(limit) as StatBatchDbRow[]).map(toStatBatch);
  }

  async statBatch(id: number): Promise<{ batch: StatBatchRow; revisions: StatRevisionRow[] } | null> {
    const b = this.st.batchOne!.get(id) as StatBatchDbRow | undefined;
    if (!b) return null;
    return { batch: toStatBatch(b), revisions: (this.st.batchRevisions!.all(id) as StatDbRow[]).map(toStat) };
  }

  async publishIndustryBatch(batch: NewIndustryBatch, entries: string | null): Promise<IndustryBatchRow> {
    const tx = this.db.transaction(() => {
      const { id } = this.st.indInsert!.get({ ...batch, entries }) as { id: number };
      if (batch.reverts !== null && this.st.indRevert!.run({ id, target: batch.reverts }).changes === 0) {
        throw new StatBatchConflict(`batch ${batch.reverts} is not the list in force: only the newest upload not yet rolled back can be rolled back`);
      }
      return toIndustryBatch(this.st.indOne!.get(id) as IndustryBatchDbRow);
    });
    return tx();
  }

  async industryBatches(limit: number): Promise<IndustryBatchRow[]> {
    return (this.st.indList!.all(limit) as IndustryBatchDbRow[]).map(toIndustryBatch);
  }

  async industryBatch(id: number): Promise<{ batch: IndustryBatchRow; entries: string | null } | null> {
    const b = this.st.indOne!.get(id) as IndustryBatchDbRow | undefined;
    return b ? { batch: toIndustryBatch(b), entries: b.entries } : null;
  }

  async currentIndustryBatch(): Promise<{ batch: IndustryBatchRow; entries: string } | null> {
    const b = this.st.indCurrent!.get() as IndustryBatchDbRow | undefined;
    return b && b.entries !== null ? { batch: toIndustryBatch(b), entries: b.entries } : null;
  }

  async currentStats(): Promise<StatRevisionRow[]> {
    return (this.st.statCurrent!.all() as StatDbRow[]).map(toStat);
  }

  async statRevisions(key: string): Promise<StatRevisionRow[]> {
    return (this.st.statRevisions!.all(key) as StatDbRow[]).map(toStat);
  }
}
