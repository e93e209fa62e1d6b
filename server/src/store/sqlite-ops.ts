import type { Database, Statement } from 'better-sqlite3';
import { ScreenConfig, type Alarm, type AuditEntry, type Role } from '@futian/shared';
import type { EnrollLinkRow, OpsRepo, ScreenRow, UserRow } from './ops-types.js';

interface UserDb {
  id: number;
  name: string;
  role: string;
  salt: string;
  hash: string;
  must_change: number;
  disabled: number;
  created_at: number;
  updated_at: number;
}
interface AlarmDb {
  id: number;
  rule_id: string;
  subject: string;
  subdistrict: string | null;
  severity: Alarm['severity'];
  title: string;
  message: string;
  state: Alarm['state'];
  raised_at: number;
  cleared_at: number | null;
  acked_at: number | null;
  acked_by: string | null;
  ack_comment: string | null;
  value: number | null;
}
interface AuditDb {
  id: number;
  ts: number;
  user_name: string;
  action: string;
  screens: string;
  detail: string;
}

interface ScreenDb {
  id: string;
  name: string;
  layout: string;
  screen: string;
  mode: string;
  credential_hash: string | null;
  status: 'enrolled' | 'revoked';
  enrolled_at: number;
  enrolled_by: string;
  revoked_at: number | null;
  address: string;
  last_seen: number;
}
interface LinkDb {
  id: string;
  token_hash: string;
  screen_id: string | null;
  name: string;
  layout: string;
  screen: string;
  mode: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_screen: string | null;
}

/**
 * A stored configuration is checked like one sent by the console: a row edited
 * by hand to a layout the wall does not know falls back to auto, not to a
 * blank screen.
 */
function configOf(r: { name: string; layout: string; screen: string; mode: string }): ScreenConfig {
  const c = ScreenConfig.safeParse(r);
  return c.success ? c.data : { name: r.name.slice(0, 64) || '?', layout: 'auto', screen: 'auto', mode: 'live' };
}

const toScreen = (r: ScreenDb): ScreenRow => ({
  id: r.id,
  ...configOf(r),
  credentialHash: r.credential_hash,
  status: r.status,
  enrolledAt: r.enrolled_at,
  enrolledBy: r.enrolled_by,
  revokedAt: r.revoked_at,
  address: r.address,
  lastSeen: r.last_seen,
});
const toLink = (r: LinkDb): EnrollLinkRow => ({
  id: r.id,
  tokenHash: r.token_hash,
  screenId: r.screen_id,
  ...configOf(r),
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  usedScreen: r.used_screen,
});
/** Column per field; `satisfies` makes a field added to ScreenRow without a column a compile error. */
const SCREEN_COLUMNS = {
  name: 'name',
  layout: 'layout',
  screen: 'screen',
  mode: 'mode',
  credentialHash: 'credential_hash',
  status: 'status',
  enrolledAt: 'enrolled_at',
  enrolledBy: 'enrolled_by',
  revokedAt: 'revoked_at',
  address: 'address',
  lastSeen: 'last_seen',
} satisfies Record<keyof Omit<ScreenRow, 'id'>, string>;
const SCREEN_COLS = new Map<string, string>(Object.entries(SCREEN_COLUMNS));

const toUser = (r: UserDb): UserRow => ({
  id: r.id,
  name: r.name,
  role: r.role as Role,
  salt: r.salt,
  hash: r.hash,
  mustChange: r.must_change === 1,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const toAlarm = (r: AlarmDb): Alarm => ({
  id: r.id,
  ruleId: r.rule_id,
  subject: r.subject,
  subdistrict: r.subdistrict,
  severity: r.severity,
  title: JSON.parse(r.title) as Alarm['title'],
  message: JSON.parse(r.message) as Alarm['message'],
  state: r.state,
  raisedAt: r.raised_at,
  clearedAt: r.cleared_at,
  ackedAt: r.acked_at,
  ackedBy: r.acked_by,
  ackComment: r.ack_comment,
  value: r.value,
});
const toAudit = (r: AuditDb): AuditEntry => ({
  id: r.id,
  ts: r.ts,
  user: r.user_name,
  action: r.action,
  screens: JSON.parse(r.screens) as string[],
  detail: JSON.parse(r.detail) as Record<string, unknown>,
});

export class SqliteOpsRepo implements OpsRepo {
  private readonly st: Record<string, Statement>;

  constructor(private readonly db: Database) {
    this.st = {
      countUsers: db.prepare('SELECT count(*) AS n FROM users'),
      userByName: db.prepare('SELECT * FROM users WHERE name = ?'),
      userById: db.prepare('SELECT * FROM users WHERE id = ?'),
      listUsers: db.prepare('SELECT * FROM users ORDER BY id'),
      createUser: db.prepare(
        `INSERT INTO users (name, role, salt, hash, must_change, disabled, created_at, updated_at)
         VALUES (@name, @role, @salt, @hash, @mustChange, @disabled, @now, @now) RETURNING *`,
      ),
      createSession: db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
      session: db.prepare('SELECT user_id AS userId, expires_at AS expiresAt FROM sessions WHERE token_hash = ? AND expires_at > ?'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      deleteUserSessions: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
      purgeSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
      insertAudit: db.prepare(
        'INSERT INTO audit (ts, user_name, action, screens, detail) VALUES (?, ?, ?, ?, ?) RETURNING *',
      ),
      auditFirst: db.prepare('SELECT * FROM audit ORDER BY id DESC LIMIT ?'),
      auditBefore: db.prepare('SELECT * FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?'),
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

  async countUsers(): Promise<number> {
    return (this.st.countUsers!.get() as { n: number }).n;
  }
  async userByName(name: string): Promise<UserRow | undefined> {
    const r = this.st.userByName!.get(name) as UserDb | undefined;
    return r && toUser(r);
  }
  async userById(id: number): Promise<UserRow | undefined> {
    const r = this.st.userById!.get(id) as UserDb | undefined;
    return r && toUser(r);
  }
  async listUsers(): Promise<UserRow[]> {
    return (this.st.listUsers!.all() as UserDb[]).map(toUser);
  }
  async createUser(u: Omit<UserRow, 'id' | 'createdAt' | 'updatedAt'>): Promise<UserRow> {
    return toUser(
      this.st.createUser!.get({ ...u, mustChange: u.mustChange ? 1 : 0, disabled: u.disabled ? 1 : 0, now: Date.now() }) as UserDb,
    );
  }
  async updateUser(id: number, patch: Partial<Pick<UserRow, 'role' | 'salt' | 'hash' | 'mustChange' | 'disabled'>>): Promise<void> {
    const cols: string[] = [];
    const vals: Record<string, unknown> = { id, now: Date.now() };
    if (patch.role !== undefined) (cols.push('role = @role'), (vals.role = patch.role));
    if (patch.salt !== undefined) (cols.push('salt = @salt'), (vals.salt = patch.salt));
    if (patch.hash !== undefined) (cols.push('hash = @hash'), (vals.hash = patch.hash));
    if (patch.mustChange !== undefined) (cols.push('must_change = @mc'), (vals.mc = patch.mustChange ? 1 : 0));
    if (patch.disabled !== undefined) (cols.push('disabled = @dis'), (vals.dis = patch.disabled ? 1 : 0));
    if (cols.length === 0) return;
    this.db.prepare(`UPDATE users SET ${cols.join(', ')}, updated_at = @now WHERE id = @id`).run(vals);
  }

  async createSession(tokenHash: string, userId: number, expiresAt: number): Promise<void> {
    const now = Date.now();
    this.st.purgeSessions!.run(now);
    this.st.createSession!.run(tokenHash, userId, now, expiresAt);
  }
  async session(tokenHash: string, now: number): Promise<{ userId: number; expiresAt: number } | undefined> {
    return this.st.session!.get(tokenHash, now) as { userId: number; expiresAt: number } | undefined;
  }
  async deleteSession(tokenHash: string): Promise<void> {
    this.st.deleteSession!.run(tokenHash);
  }
  async deleteUserSessions(userId: number): Promise<void> {
    this.st.deleteUserSessions!.run(userId);
  }

  async insertAudit(e: Omit<AuditEntry, 'id'>): Promise<AuditEntry> {
    return toAudit(this.st.insertAudit!.get(e.ts, e.user, e.action, JSON.stringify(e.screens), JSON.stringify(e.detail)) as AuditDb);
  }
  async listAudit(before: number | null, limit: number): Promise<AuditEntry[]> {
    const rows = before === null ? this.st.auditFirst!.all(limit) : this.st.auditBefore!.all(before, limit);
    return (rows as AuditDb[]).map(toAudit);
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
