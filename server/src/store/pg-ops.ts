import type { Pool } from 'pg';
import type { Alarm } from '@futian/shared';
import type { EnrollLinkRow, OpsRepo, ScreenRow } from './ops-types.js';
import { toScreen, toLink, SCREEN_COLS, toAlarm, type AlarmDb, type LinkDb, type ScreenDb } from './ops-rows.js';

const DAY = 24 * 3_600_000;

/** OpsRepo over PostgreSQL: the statements of sqlite-ops.ts, one round trip each. */
export class PgOpsRepo implements OpsRepo {
  constructor(private readonly pool: Pool) {}

  async insertAlarm(a: Omit<Alarm, 'id'>): Promise<Alarm> {
    const r = await this.pool.query<AlarmDb>(
      `INSERT INTO alarms (rule_id, subject, subdistrict, severity, title, message, state, raised_at, cleared_at, acked_at, acked_by, ack_comment, value)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
      [a.ruleId, a.subject, a.subdistrict, a.severity, JSON.stringify(a.title), JSON.stringify(a.message), a.state, a.raisedAt, a.clearedAt, a.ackedAt, a.ackedBy, a.ackComment, a.value],
    );
    return toAlarm(r.rows[0]!);
  }
  async updateAlarm(a: Alarm): Promise<void> {
    await this.pool.query(
      `UPDATE alarms SET state = $2, cleared_at = $3, acked_at = $4, acked_by = $5, ack_comment = $6, value = $7, message = $8 WHERE id = $1`,
      [a.id, a.state, a.clearedAt, a.ackedAt, a.ackedBy, a.ackComment, a.value, JSON.stringify(a.message)],
    );
  }
  async openAlarms(): Promise<Alarm[]> {
    const r = await this.pool.query<AlarmDb>("SELECT * FROM alarms WHERE state = 'active' OR acked_at IS NULL ORDER BY id");
    return r.rows.map(toAlarm);
  }

  async insertScreen(s: ScreenRow): Promise<boolean> {
    const r = await this.pool.query(
      `INSERT INTO screens (id, name, layout, screen, mode, credential_hash, status, enrolled_at, enrolled_by, revoked_at, address, last_seen)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO NOTHING`,
      [s.id, s.name, s.layout, s.screen, s.mode, s.credentialHash, s.status, s.enrolledAt, s.enrolledBy, s.revokedAt, s.address, s.lastSeen],
    );
    return r.rowCount === 1;
  }
  async updateScreen(id: string, patch: Partial<Omit<ScreenRow, 'id'>>): Promise<void> {
    const sets: string[] = [];
    const vals: unknown[] = [id];
    for (const [k, v] of Object.entries(patch)) {
      const col = SCREEN_COLS.get(k);
      if (!col || v === undefined) continue;
      vals.push(v);
      sets.push(`${col} = $${vals.length}`);
    }
    if (sets.length > 0) await this.pool.query(`UPDATE screens SET ${sets.join(', ')} WHERE id = $1`, vals);
  }
  async deleteScreen(id: string): Promise<boolean> {
    return (await this.pool.query('DELETE FROM screens WHERE id = $1', [id])).rowCount === 1;
  }
  async listScreens(): Promise<ScreenRow[]> {
    return (await this.pool.query<ScreenDb>('SELECT * FROM screens ORDER BY id COLLATE "C"')).rows.map(toScreen);
  }

  async insertEnrollLink(l: EnrollLinkRow): Promise<void> {
    await this.pool.query(
      `INSERT INTO enroll_links (id, token_hash, screen_id, name, layout, screen, mode, created_by, created_at, expires_at, used_at, used_screen)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [l.id, l.tokenHash, l.screenId, l.name, l.layout, l.screen, l.mode, l.createdBy, l.createdAt, l.expiresAt, l.usedAt, l.usedScreen],
    );
  }
  async takeEnrollLink(tokenHash: string, now: number): Promise<EnrollLinkRow | undefined> {
    // One UPDATE: under READ COMMITTED the second of two racing pages re-checks
    // used_at after the first commits, and finds the link taken.
    const r = await this.pool.query<LinkDb>(
      'UPDATE enroll_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING *',
      [now, tokenHash],
    );
    const row = r.rows[0];
    return row && toLink(row);
  }
  async setEnrollLinkScreen(id: string, screenId: string): Promise<void> {
    await this.pool.query('UPDATE enroll_links SET used_screen = $1 WHERE id = $2', [screenId, id]);
  }
  async deleteEnrollLink(id: string): Promise<boolean> {
    return (await this.pool.query('DELETE FROM enroll_links WHERE id = $1', [id])).rowCount === 1;
  }
  async listEnrollLinks(now: number): Promise<EnrollLinkRow[]> {
    // Expired links are kept a day (for the console's list) and then go.
    await this.pool.query('DELETE FROM enroll_links WHERE expires_at <= $1 AND (used_at IS NULL OR used_at <= $1)', [now - DAY]);
    const r = await this.pool.query<LinkDb>(
      'SELECT * FROM enroll_links WHERE expires_at > $1 OR used_at > $2 ORDER BY created_at DESC LIMIT 200',
      [now, now - DAY],
    );
    return r.rows.map(toLink);
  }
}
