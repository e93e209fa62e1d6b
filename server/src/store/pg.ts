import type { Pool } from 'pg';
import type { DeviceKind } from '@futian/shared';
import { PgAccountsRepo } from './pg-accounts.js';
import { PgAuditRepo } from './pg-audit.js';
import { PgOpsRepo } from './pg-ops.js';
import { createPgPool, inTx, type PgPoolOptions } from './pg-pool.js';
import { migratePg } from './pg-schema.js';
import type {
  DeviceRow,
  HistoryBatch,
  NewDevice,
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
import { INDUSTRY_REVERT, StatBatchConflict, type IndustryBatchRow, type NewIndustryBatch } from './types.js';
import { toIndustryBatch, toStatBatch, type IndustryBatchDbRow, type StatBatchDbRow } from './stat-rows.js';

interface DeviceDb {
  idx: number;
  device_id: string;
  kind: string;
  subdistrict: string;
  site_id: string | null;
  fast: boolean;
  lng: number | null;
  lat: number | null;
}
interface StatDb {
  id: number;
  key: string;
  indicator: string;
  period: string;
  subdistrict: string | null;
  sector: string | null;
  category: string | null;
  tier: string | null;
  value: number;
  source: string;
  simulated: boolean;
  note: string | null;
  revision: number;
  received_at: number;
  withdrawn: boolean;
  batch: number | null;
}

const toDevice = (r: DeviceDb): DeviceRow => ({
  idx: r.idx,
  deviceId: r.device_id,
  kind: r.kind as DeviceKind,
  subdistrict: r.subdistrict,
  siteId: r.site_id,
  fast: r.fast,
  lng: r.lng,
  lat: r.lat,
});
const toStat = (r: StatDb): StatRevisionRow => ({
  id: r.id,
  key: r.key,
  indicator: r.indicator,
  period: r.period,
  subdistrict: r.subdistrict,
  sector: r.sector,
  category: r.category,
  tier: r.tier,
  value: r.value,
  source: r.source,
  simulated: r.simulated,
  note: r.note,
  revision: r.revision,
  receivedAt: r.received_at,
  withdrawn: r.withdrawn,
  batch: r.batch,
});

const RAW_COLS = 'ts, device, status, busy, power AS "powerKw", sensors, source';
const DEVICE_UNNEST =
  'unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::float8[], $7::float8[]) AS u(device_id, kind, subdistrict, site_id, fast, lng, lat)';
const INSERT_REPORTS = `INSERT INTO raw_reports (ts, device, status, busy, power, sensors, source)
  SELECT * FROM unnest($1::bigint[], $2::integer[], $3::smallint[], $4::smallint[], $5::float8[], $6::integer[], $7::integer[])
  ON CONFLICT DO NOTHING RETURNING ts, device`;
/** The advisory-lock namespace for statistics revisions (with hashtext(key) as the second key). */
const STATS_LOCK = 0x77616c6c;
/** The transaction lock enterprise-list batches take (one list in force at a time). */
const INDUSTRY_LOCK = 0x77616c6c_0040n;

/** Keeps the last row per key, as SQLite's INSERT OR REPLACE applied in order would. */
function lastByKey<T>(rows: T[], key: (r: T) => string): T[] {
  const m = new Map<string, T>();
  for (const r of rows) m.set(key(r), r);
  return m.size === rows.length ? rows : [...m.values()];
}

/**
 * The store over PostgreSQL, for more than one wall-server node (DATABASE_URL).
 * Same interface and semantics as SqliteStore; each batch is one statement over
 * arrays (`unnest`), so a 1,000-report ingest batch is one round trip.
 */
export class PgStore implements Store {
  readonly kind = 'postgres' as const;
  readonly ops: PgOpsRepo;
  readonly audit: PgAuditRepo;
  readonly accounts: PgAccountsRepo;

  private constructor(readonly pool: Pool) {
    this.ops = new PgOpsRepo(pool);
    this.audit = new PgAuditRepo(pool);
    this.accounts = new PgAccountsRepo(pool);
  }

  /** Connects, brings the schema up to date (serialised across nodes) and returns the store. */
  static async open(url: string, opts: PgPoolOptions = {}): Promise<PgStore> {
    const pool = createPgPool(url, opts);
    try {
      await migratePg(pool);
    } catch (err) {
      await pool.end().catch(() => {});
      throw err;
    }
    return new PgStore(pool);
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  async loadDevices(): Promise<DeviceRow[]> {
    return (await this.pool.query<DeviceDb>('SELECT * FROM devices ORDER BY idx')).rows.map(toDevice);
  }

  async upsertDevices(rows: NewDevice[]): Promise<DeviceRow[]> {
    if (rows.length === 0) return [];
    const now = Date.now();
    const list = lastByKey(rows, (d) => d.deviceId);
    const arrays = [
      list.map((d) => d.deviceId),
      list.map((d) => d.kind),
      list.map((d) => d.subdistrict),
      list.map((d) => d.siteId),
      list.map((d) => d.fast),
      list.map((d) => d.lng),
      list.map((d) => d.lat),
      now,
    ];
    const byId = await inTx(this.pool, async (c) => {
      // Known devices are updated first and only new ones inserted: an INSERT
      // … ON CONFLICT takes a sequence value even for a row that conflicts, so
      // every restart re-registering the fleet would leave a gap of its size.
      const updated = await c.query<DeviceDb>(
        `UPDATE devices d SET kind = u.kind, subdistrict = u.subdistrict, site_id = u.site_id, fast = u.fast,
           lng = u.lng, lat = u.lat, updated_at = $8
         FROM ${DEVICE_UNNEST} WHERE d.device_id = u.device_id RETURNING d.*`,
        arrays,
      );
      const m = new Map(updated.rows.map((r) => [r.device_id, r]));
      if (m.size < list.length) {
        const fresh = list.filter((d) => !m.has(d.deviceId));
        // In input order, so new devices get their idx in the order given, as in SQLite.
        const inserted = await c.query<DeviceDb>(
          `INSERT INTO devices (device_id, kind, subdistrict, site_id, fast, lng, lat, updated_at)
           SELECT u.*, $8 FROM ${DEVICE_UNNEST}
           ON CONFLICT (device_id) DO UPDATE SET kind = excluded.kind, subdistrict = excluded.subdistrict,
             site_id = excluded.site_id, fast = excluded.fast, lng = excluded.lng, lat = excluded.lat, updated_at = excluded.updated_at
           RETURNING *`,
          [
            fresh.map((d) => d.deviceId),
            fresh.map((d) => d.kind),
            fresh.map((d) => d.subdistrict),
            fresh.map((d) => d.siteId),
            fresh.map((d) => d.fast),
            fresh.map((d) => d.lng),
            fresh.map((d) => d.lat),
            now,
          ],
        );
        for (const r of inserted.rows) m.set(r.device_id, r);
      }
      return m;
    });
    return rows.map((d) => toDevice(byId.get(d.deviceId)!));
  }

  async sourceId(name: string): Promise<number> {
    const found = (await this.pool.query<{ id: number }>('SELECT id FROM sources WHERE name = $1', [name])).rows[0];
    if (found) return found.id;
    // Two nodes may add the same source at once: the loser reads the winner's id.
    const added = (await this.pool.query<{ id: number }>('INSERT INTO sources (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id', [name])).rows[0];
    if (added) return added.id;
    return (await this.pool.query<{ id: number }>('SELECT id FROM sources WHERE name = $1', [name])).rows[0]!.id;
  }

  async sources(): Promise<Array<{ id: number; name: string }>> {
    return (await this.pool.query<{ id: number; name: string }>('SELECT id, name FROM sources ORDER BY id')).rows;
  }

  async insertReports(rows: RawReportRow[]): Promise<Uint8Array> {
    if (rows.length === 0) return new Uint8Array(0);
    const n = rows.length;
    const ts = new Array<number>(n);
    const device = new Array<number>(n);
    const status = new Array<number>(n);
    const busy = new Array<number | null>(n);
    const power = new Array<number | null>(n);
    const sensors = new Array<number | null>(n);
    const source = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      ts[i] = r.ts;
      device[i] = r.device;
      status[i] = r.status;
      busy[i] = r.busy;
      power[i] = r.powerKw;
      sensors[i] = r.sensors;
      source[i] = r.source;
    }
    // One statement for the batch: it commits as a whole, and ON CONFLICT DO
    // NOTHING skips a key already stored or repeated earlier in the batch
    // (rows are inserted in array order). RETURNING names the keys that went
    // in; the first row in the batch with such a key is the one stored.
    // Named, so each connection parses and plans it once: the MQTT intake
    // commits one report per call, and planning was a good part of each.
    const r = await this.pool.query<{ ts: number; device: number }>({
      name: 'insert-reports',
      text: INSERT_REPORTS,
      values: [ts, device, status, busy, power, sensors, source],
    });
    const out = new Uint8Array(n);
    if (r.rows.length === n) return out.fill(1);
    const stored = new Set(r.rows.map((x) => `${x.ts}:${x.device}`));
    for (let i = 0; i < n; i++) {
      const k = `${ts[i]}:${device[i]}`;
      if (stored.delete(k)) out[i] = 1;
    }
    return out;
  }

  async countReports(): Promise<number> {
    return (await this.pool.query<{ n: number }>('SELECT count(*) AS n FROM raw_reports')).rows[0]!.n;
  }

  async latestReports(sinceTs: number): Promise<RawReportRow[]> {
    const r = await this.pool.query<RawReportRow>(
      `SELECT r.ts, r.device, r.status, r.busy, r.power AS "powerKw", r.sensors, r.source
       FROM raw_reports r
       JOIN (SELECT device, max(ts) AS ts FROM raw_reports WHERE ts >= $1 GROUP BY device) m ON m.device = r.device AND m.ts = r.ts`,
      [sinceTs],
    );
    return r.rows;
  }

  async latestReportsBetween(from: number, to: number): Promise<RawReportRow[]> {
    const r = await this.pool.query<RawReportRow>(
      `SELECT r.ts, r.device, r.status, r.busy, r.power AS "powerKw", r.sensors, r.source
       FROM raw_reports r
       JOIN (SELECT device, max(ts) AS ts FROM raw_reports WHERE ts >= $1 AND ts < $2 GROUP BY device) m ON m.device = r.device AND m.ts = r.ts`,
      [from, to],
    );
    return r.rows;
  }

  async reportsPage(from: number, to: number, after: { ts: number; device: number } | null, limit: number): Promise<RawReportRow[]> {
    if (after) {
      return (
        await this.pool.query<RawReportRow>(
          `SELECT ${RAW_COLS} FROM raw_reports WHERE (ts, device) > ($1, $2) AND ts < $3 ORDER BY ts, device LIMIT $4`,
          [after.ts, after.device, to, limit],
        )
      ).rows;
    }
    return (
      await this.pool.query<RawReportRow>(`SELECT ${RAW_COLS} FROM raw_reports WHERE ts >= $1 AND ts < $2 ORDER BY ts, device LIMIT $3`, [from, to, limit])
    ).rows;
  }

  async writeHistory(b: HistoryBatch): Promise<void> {
    if (b.transitions.length + b.samples.length + b.rollups.length === 0) return;
    await inTx(this.pool, async (c) => {
      if (b.transitions.length > 0) {
        const t = b.transitions;
        await c.query(
          'INSERT INTO transitions (ts, device, from_status, to_status) SELECT * FROM unnest($1::bigint[], $2::integer[], $3::text[], $4::text[])',
          [t.map((x) => x.ts), t.map((x) => x.device), t.map((x) => x.from), t.map((x) => x.to)],
        );
      }
      // ON CONFLICT DO UPDATE may touch a row once per statement, so repeats
      // within the batch are folded first (the last wins, as SQLite's REPLACE).
      const s = lastByKey(b.samples, (x) => `${x.metric}\u0000${x.scope}\u0000${x.ts}`);
      if (s.length > 0) {
        await c.query(
          `INSERT INTO samples (metric, scope, ts, value) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::float8[])
           ON CONFLICT (metric, scope, ts) DO UPDATE SET value = excluded.value`,
          [s.map((x) => x.metric), s.map((x) => x.scope), s.map((x) => x.ts), s.map((x) => x.value)],
        );
      }
      for (const tier of ['1m', '1h'] as const) {
        const rows = lastByKey(
          b.rollups.filter((x) => x.tier === tier).map((x) => x.row),
          (x) => `${x.metric}\u0000${x.scope}\u0000${x.ts}`,
        );
        if (rows.length === 0) continue;
        await c.query(
          `INSERT INTO rollup_${tier} (metric, scope, ts, avg, min, max, last, n)
           SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::integer[])
           ON CONFLICT (metric, scope, ts) DO UPDATE SET avg = excluded.avg, min = excluded.min, max = excluded.max, last = excluded.last, n = excluded.n`,
          [
            rows.map((x) => x.metric),
            rows.map((x) => x.scope),
            rows.map((x) => x.ts),
            rows.map((x) => x.avg),
            rows.map((x) => x.min),
            rows.map((x) => x.max),
            rows.map((x) => x.last),
            rows.map((x) => x.n),
          ],
        );
      }
    });
  }

  async querySamples(metric: string, scope: string, from: number, to: number): Promise<SampleRow[]> {
    return (
      await this.pool.query<SampleRow>(
        'SELECT ts, metric, scope, value FROM samples WHERE metric = $1 AND scope = $2 AND ts >= $3 AND ts < $4 ORDER BY ts',
        [metric, scope, from, to],
      )
    ).rows;
  }

  async queryRollups(tier: RollupTier, metric: string, scope: string, from: number, to: number): Promise<RollupRow[]> {
    const table = tier === '1m' ? 'rollup_1m' : 'rollup_1h';
    return (
      await this.pool.query<RollupRow>(
        `SELECT metric, scope, ts, avg, min, max, last, n FROM ${table} WHERE metric = $1 AND scope = $2 AND ts >= $3 AND ts < $4 ORDER BY ts`,
        [metric, scope, from, to],
      )
    ).rows;
  }

  async queryTransitions(device: number | null, from: number, to: number, limit: number): Promise<TransitionRow[]> {
    const cols = 'ts, device, from_status AS "from", to_status AS "to"';
    if (device === null) {
      return (await this.pool.query<TransitionRow>(`SELECT ${cols} FROM transitions WHERE ts >= $1 AND ts < $2 ORDER BY ts DESC LIMIT $3`, [from, to, limit])).rows;
    }
    return (
      await this.pool.query<TransitionRow>(`SELECT ${cols} FROM transitions WHERE device = $1 AND ts >= $2 AND ts < $3 ORDER BY ts DESC LIMIT $4`, [
        device,
        from,
        to,
        limit,
      ])
    ).rows;
  }

  async prune(c: PruneCutoffs, budget: number): Promise<number> {
    let left = budget;
    const steps: Array<[string, number]> = [
      ['DELETE FROM raw_reports WHERE (ts, device) IN (SELECT ts, device FROM raw_reports WHERE ts < $1 ORDER BY ts LIMIT $2)', c.raw],
      ['DELETE FROM transitions WHERE id IN (SELECT id FROM transitions WHERE ts < $1 LIMIT $2)', c.raw],
      ['DELETE FROM samples WHERE (metric, scope, ts) IN (SELECT metric, scope, ts FROM samples WHERE ts < $1 LIMIT $2)', c.samples],
      ['DELETE FROM rollup_1m WHERE (metric, scope, ts) IN (SELECT metric, scope, ts FROM rollup_1m WHERE ts < $1 LIMIT $2)', c.rollup1m],
      ['DELETE FROM rollup_1h WHERE (metric, scope, ts) IN (SELECT metric, scope, ts FROM rollup_1h WHERE ts < $1 LIMIT $2)', c.rollup1h],
    ];
    for (const [sql, cutoff] of steps) {
      if (left <= 0) break;
      left -= (await this.pool.query(sql, [cutoff, left])).rowCount ?? 0;
    }
    return budget - left;
  }

  async insertStatRevision(row: NewStatRevision): Promise<StatRevisionRow> {
    return inTx(this.pool, async (c) => {
      // Two nodes receiving a revision of one key at once queue here, so each
      // gets its own revision number instead of one failing UNIQUE (key, revision).
      await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [STATS_LOCK, row.key]);
      const r = await c.query<StatDb>(
        `INSERT INTO stat_revisions (key, indicator, period, subdistrict, sector, category, tier, value, source, simulated, note, revision, received_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, coalesce(max(revision), 0) + 1, $12 FROM stat_revisions WHERE key = $1
         RETURNING *`,
        [row.key, row.indicator, row.period, row.subdistrict, row.sector, row.category, row.tier, row.value, row.source, row.simulated, row.note, row.receivedAt],
      );
      return toStat(r.rows[0]!);
    });
  }

  async currentStats(): Promise<StatRevisionRow[]> {
    const r = await this.pool.query<StatDb>(
      `SELECT s.* FROM stat_revisions s
       JOIN (SELECT key, max(revision) AS r FROM stat_revisions GROUP BY key) m ON m.key = s.key AND m.r = s.revision
       WHERE NOT s.withdrawn
       ORDER BY s.key COLLATE "C"`,
    );
    return r.rows.map(toStat);
  }

  async statRevisions(key: string): Promise<StatRevisionRow[]> {
    return (await this.pool.query<StatDb>('SELECT * FROM stat_revisions WHERE key = $1 ORDER BY revision', [key])).rows.map(toStat);
  }

  async publishStatBatch(batch: NewStatBatch, rows: NewStatRevision[]): Promise<{ batch: StatBatchRow; revisions: StatRevisionRow[] }> {
    return inTx(this.pool, async (c) => {
      const keys = rows.map((r) => r.key);
      // The same per-key locks as insertStatRevision, taken in key order so two batches cannot deadlock.
      await c.query('SELECT pg_advisory_xact_lock($1, hashtext(k)) FROM (SELECT DISTINCT k FROM unnest($2::text[]) k ORDER BY k) x', [STATS_LOCK, keys]);
      const b = await c.query<{ id: number }>(
        `INSERT INTO stat_batches (kind, created_at, actor, unit, note, file_name, file_sha256, rows, reverts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [batch.kind, batch.createdAt, batch.actor, batch.unit, batch.note, batch.fileName, batch.fileSha256, rows.length, batch.reverts],
      );
      const id = b.rows[0]!.id;
      if (batch.reverts !== null) {
        const u = await c.query("UPDATE stat_batches SET reverted_by = $1 WHERE id = $2 AND kind = 'import' AND reverted_by IS NULL", [id, batch.reverts]);
        if (u.rowCount === 0) throw new StatBatchConflict(`batch ${batch.reverts} is not an upload that can still be rolled back`);
      }
      const col = <K extends keyof NewStatRevision>(k: K) => rows.map((r) => r[k] ?? null);
      const r = await c.query<StatDb>(
        `INSERT INTO stat_revisions (key, indicator, period, subdistrict, sector, category, tier, value, source, simulated, note, revision, received_at, withdrawn, batch)
         SELECT u.key, u.indicator, u.period, u.subdistrict, u.sector, u.category, u.tier, u.value, u.source, u.simulated, u.note,
                coalesce((SELECT max(revision) FROM stat_revisions s WHERE s.key = u.key), 0) + 1, u.received_at, u.withdrawn, $14
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::text[], $10::boolean[], $11::text[], $12::bigint[], $13::boolean[])
           WITH ORDINALITY AS u(key, indicator, period, subdistrict, sector, category, tier, value, source, simulated, note, received_at, withdrawn, n)
         ORDER BY u.n
         RETURNING *`,
        [
          keys, col('indicator'), col('period'), col('subdistrict'), col('sector'), col('category'), col('tier'), col('value'), col('source'),
          col('simulated'), col('note'), col('receivedAt'), rows.map((x) => x.withdrawn === true), id,
        ],
      );
      const stored = await c.query<StatBatchDbRow>('SELECT * FROM stat_batches WHERE id = $1', [id]);
      // RETURNING follows the insert order in practice but is not promised: order by the batch's own order.
      const byKey = new Map(r.rows.map((x) => [x.key, toStat(x)]));
      return { batch: toStatBatch(stored.rows[0]!), revisions: keys.map((k) => byKey.get(k)!) };
    });
  }

  async statBatches(limit: number): Promise<StatBatchRow[]> {
    return (await this.pool.query<StatBatchDbRow>('SELECT * FROM stat_batches ORDER BY id DESC LIMIT $1', [limit])).rows.map(toStatBatch);
  }

  async statBatch(id: number): Promise<{ batch: StatBatchRow; revisions: StatRevisionRow[] } | null> {
    const b = await this.pool.query<StatBatchDbRow>('SELECT * FROM stat_batches WHERE id = $1', [id]);
    if (b.rows.length === 0) return null;
    const r = await this.pool.query<StatDb>('SELECT * FROM stat_revisions WHERE batch = $1 ORDER BY id', [id]);
    return { batch: toStatBatch(b.rows[0]!), revisions: r.rows.map(toStat) };
  }

  async publishIndustryBatch(batch: NewIndustryBatch, entries: string | null): Promise<IndustryBatchRow> {
    return inTx(this.pool, async (c) => {
      // One list in force at a time: uploads and rollbacks take turns, so a rollback's "newest" check holds until it commits.
      await c.query('SELECT pg_advisory_xact_lock($1)', [INDUSTRY_LOCK.toString()]);
      const b = await c.query<{ id: number }>(
        `INSERT INTO industry_batches (kind, created_at, actor, unit, note, file_name, file_sha256, rows, entries, reverts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [batch.kind, batch.createdAt, batch.actor, batch.unit, batch.note, batch.fileName, batch.fileSha256, batch.rows, entries, batch.reverts],
      );
      const id = b.rows[0]!.id;
      if (batch.reverts !== null && (await c.query(INDUSTRY_REVERT, [id, batch.reverts])).rowCount === 0) {
        throw new StatBatchConflict(`batch ${batch.reverts} is not the list in force: only the newest upload not yet rolled back can be rolled back`);
      }
      return toIndustryBatch((await c.query<IndustryBatchDbRow>('SELECT * FROM industry_batches WHERE id = $1', [id])).rows[0]!);
    });
  }

  async industryBatches(limit: number): Promise<IndustryBatchRow[]> {
    return (await this.pool.query<IndustryBatchDbRow>('SELECT * FROM industry_batches ORDER BY id DESC LIMIT $1', [limit])).rows.map(toIndustryBatch);
  }

  async industryBatch(id: number): Promise<{ batch: IndustryBatchRow; entries: string | null } | null> {
    const b = (await this.pool.query<IndustryBatchDbRow>('SELECT * FROM industry_batches WHERE id = $1', [id])).rows[0];
    return b ? { batch: toIndustryBatch(b), entries: b.entries } : null;
  }

  async currentIndustryBatch(): Promise<{ batch: IndustryBatchRow; entries: string } | null> {
    const b = (await this.pool.query<IndustryBatchDbRow>("SELECT * FROM industry_batches WHERE kind = 'import' AND reverted_by IS NULL ORDER BY id DESC LIMIT 1")).rows[0];
    return b && b.entries !== null ? { batch: toIndustryBatch(b), entries: b.entries } : null;
  }
}
