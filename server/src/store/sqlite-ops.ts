import type { Database, Statement } from 'better-sqlite3';
import type { Alarm } from '@futian/shared';
import type { EnrollLinkRow, OpsRepo, ScreenRow } from './ops-types.js';
import { toScreen, toLink, SCREEN_COLS, toAlarm, type AlarmDb, type LinkDb, type ScreenDb } from './ops-rows.js';

export class SqliteOpsRepo implements OpsRepo {
  private readonly st: Record<string, Statement>;

  constructor(private readonly db: Database) {
    this.st = {
      insertAlarm: db.prepare(
        `INSERT INTO alarms (rule_id, subject, subdistrict, severity, title, message, state, raised_at, cleared_at, acked_at, acked_by, ack_comment, value)
         VALUES (@ruleId, @subject, @subdistrict, @severity, @title, @message, @state, @raisedAt, @clearedAt, @ackedAt, @ackedBy, @ackComment, @value)
         RETURNING *`,
      ),
      updateAlarm: db.prepare(
        `UPDATE alarms SET state = @state, cleared_at = @clearedAt, acked_at = @ackedAt, acked_by = @ackedBy,
           ack_comment = @ackComment, value = @value, message = @message WHERE id = @id`,
      ),
      openAlarms: db.prepare("SELECT * FROM alarms WHERE state = 'active' OR acked_at IS NULL ORDER BY id"),
      insertScreen: db.prepare(
        `INSERT INTO screens (id, name, layout, screen, mode, credential_hash, status, enrolled_at, enrolled_by, revoked_at, address, last_seen)
         VALUES (@id, @name, @layout, @screen, @mode, @credentialHash, @status, @enrolledAt, @enrolledBy, @revokedAt, @address, @lastSeen)
         ON CONFLICT (id) DO NOTHING`,
      ),
      deleteScreen: db.prepare('DELETE FROM screens WHERE id = ?'),
      listScreens: db.prepare('SELECT * FROM screens ORDER BY id'),
      insertLink: db.prepare(
        `INSERT INTO enroll_links (id, token_hash, screen_id, name, layout, screen, mode, created_by, created_at, expires_at, used_at, used_screen)
         VALUES (@id, @tokenHash, @screenId, @name, @layout, @screen, @mode, @createdBy, @createdAt, @expiresAt, @usedAt, @usedScreen)`,
      ),
      takeLink: db.prepare('UPDATE enroll_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING *'),
      setLinkScreen: db.prepare('UPDATE enroll_links SET used_screen = ? WHERE id = ?'),
      deleteLink: db.prepare('DELETE FROM enroll_links WHERE id = ?'),
      listLinks: db.prepare('SELECT * FROM enroll_links WHERE expires_at > ? OR used_at > ? ORDER BY created_at DESC LIMIT 200'),
      pruneLinks: db.prepare('DELETE FROM enroll_links WHERE expires_at <= ? AND (used_at IS NULL OR used_at <= ?)'),
    };
  }

  async insertAlarm(a: Omit<Alarm, 'id'>): Promise<Alarm> {
    return toAlarm(this.st.insertAlarm!.get({ ...a, title: JSON.stringify(a.title), message: JSON.stringify(a.message) }) as AlarmDb);
  }
  async updateAlarm(a: Alarm): Promise<void> {
    this.st.updateAlarm!.run({ ...a, message: JSON.stringify(a.message) });
  }
  async openAlarms(): Promise<Alarm[]> {
    return (this.st.openAlarms!.all() as AlarmDb[]).map(toAlarm);
  }

  async insertScreen(s: ScreenRow): Promise<boolean> {
    return this.st.insertScreen!.run(s).changes === 1;
  }
  async updateScreen(id: string, patch: Partial<Omit<ScreenRow, 'id'>>): Promise<void> {
    const sets: string[] = [];
    const vals: Record<string, unknown> = { id };
    for (const [k, v] of Object.entries(patch)) {
      const col = SCREEN_COLS.get(k);
      if (!col || v === undefined) continue;
      sets.push(`${col} = @${k}`);
      vals[k] = v;
    }
    if (sets.length > 0) this.db.prepare(`UPDATE screens SET ${sets.join(', ')} WHERE id = @id`).run(vals);
  }
  async deleteScreen(id: string): Promise<boolean> {
    return this.st.deleteScreen!.run(id).changes === 1;
  }
  async listScreens(): Promise<ScreenRow[]> {
    return (this.st.listScreens!.all() as ScreenDb[]).map(toScreen);
  }

  async insertEnrollLink(l: EnrollLinkRow): Promise<void> {
    this.st.insertLink!.run(l);
  }
  async takeEnrollLink(tokenHash: string, now: number): Promise<EnrollLinkRow | undefined> {
    const r = this.st.takeLink!.get(now, tokenHash, now) as LinkDb | undefined;
    return r && toLink(r);
  }
  async setEnrollLinkScreen(id: string, screenId: string): Promise<void> {
    this.st.setLinkScreen!.run(screenId, id);
  }
  async deleteEnrollLink(id: string): Promise<boolean> {
    return this.st.deleteLink!.run(id).changes === 1;
  }
  async listEnrollLinks(now: number): Promise<EnrollLinkRow[]> {
    const day = 24 * 3_600_000;
    // Expired links are kept a day (for the console's list) and then go.
    this.st.pruneLinks!.run(now - day, now - day);
    return (this.st.listLinks!.all(now, now - day) as LinkDb[]).map(toLink);
  }
}
