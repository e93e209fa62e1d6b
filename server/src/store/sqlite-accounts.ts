import type { Database, Statement } from 'better-sqlite3';
import type { AccountsRepo, SessionRow, UserPatch, UserRow } from './accounts-types.js';
import { toSession, toUser, USER_COLS, type SessionDb, type UserDb } from './accounts-rows.js';

const isUnique = (err: unknown) => err instanceof Error && /UNIQUE constraint failed/.test(err.message);

export class SqliteAccountsRepo implements AccountsRepo {
  private readonly st: Record<string, Statement>;

  constructor(private readonly db: Database) {
    this.st = {
      countUsers: db.prepare('SELECT count(*) AS n FROM users'),
      userByName: db.prepare('SELECT * FROM users WHERE name = ?'),
      userById: db.prepare('SELECT * FROM users WHERE id = ?'),
      listUsers: db.prepare('SELECT * FROM users ORDER BY id'),
      createUser: db.prepare(
        `INSERT INTO users (name, role, salt, hash, must_change, must_rename, disabled, password_changed_at, created_at, updated_at)
         VALUES (@name, @role, @salt, @hash, @mustChange, @mustRename, @disabled, @now, @now, @now) RETURNING *`,
      ),
      history: db.prepare('SELECT salt, hash FROM password_history WHERE user_id = ? ORDER BY changed_at DESC, rowid DESC LIMIT ?'),
      addHistory: db.prepare('INSERT INTO password_history (user_id, salt, hash, changed_at) VALUES (?, ?, ?, ?)'),
      trimHistory: db.prepare(
        `DELETE FROM password_history WHERE user_id = ? AND rowid NOT IN
           (SELECT rowid FROM password_history WHERE user_id = ? ORDER BY changed_at DESC, rowid DESC LIMIT ?)`,
      ),
      clearCodes: db.prepare('DELETE FROM recovery_codes WHERE user_id = ?'),
      addCode: db.prepare('INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)'),
      useCode: db.prepare('UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL'),
      codesLeft: db.prepare('SELECT count(*) AS n FROM recovery_codes WHERE user_id = ? AND used_at IS NULL'),
      createSession: db.prepare(
        `INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen, expires_at, address, user_agent)
         VALUES (@id, @tokenHash, @userId, @createdAt, @lastSeen, @expiresAt, @address, @userAgent)`,
      ),
      sessionByHash: db.prepare('SELECT * FROM sessions WHERE token_hash = ?'),
      sessionById: db.prepare('SELECT * FROM sessions WHERE id = ?'),
      touch: db.prepare('UPDATE sessions SET last_seen = max(last_seen, ?) WHERE token_hash = ?'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      deleteUserSessions: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
      listSessions: db.prepare('SELECT * FROM sessions ORDER BY last_seen DESC'),
      purge: db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen <= ?'),
      getSetting: db.prepare('SELECT value FROM settings WHERE key = ?'),
      setSetting: db.prepare(
        'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      ),
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
  async createUser(u: Pick<UserRow, 'name' | 'role' | 'salt' | 'hash' | 'mustChange' | 'mustRename' | 'disabled'>, now: number): Promise<UserRow | undefined> {
    try {
      const r = this.st.createUser!.get({
        ...u,
        mustChange: u.mustChange ? 1 : 0,
        mustRename: u.mustRename ? 1 : 0,
        disabled: u.disabled ? 1 : 0,
        now,
      }) as UserDb;
      this.st.addHistory!.run(r.id, u.salt, u.hash, now);
      return toUser(r);
    } catch (err) {
      if (isUnique(err)) return undefined;
      throw err;
    }
  }
  async updateUser(id: number, patch: UserPatch, now: number): Promise<boolean> {
    const cols: string[] = [];
    const vals: Record<string, unknown> = { id, now };
    for (const [k, v] of Object.entries(patch) as Array<[keyof UserPatch, unknown]>) {
      if (v === undefined) continue;
      cols.push(`${USER_COLS[k]} = @${k}`);
      vals[k] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    }
    if (cols.length === 0) return true;
    try {
      this.db.prepare(`UPDATE users SET ${cols.join(', ')}, updated_at = @now WHERE id = @id`).run(vals);
      return true;
    } catch (err) {
      if (isUnique(err)) return false;
      throw err;
    }
  }

  async passwordHistory(userId: number, n: number): Promise<Array<{ salt: string; hash: string }>> {
    return this.st.history!.all(userId, Math.max(n, 1)) as Array<{ salt: string; hash: string }>;
  }
  async addPasswordHistory(userId: number, salt: string, hash: string, at: number, keep: number): Promise<void> {
    this.db.transaction(() => {
      this.st.addHistory!.run(userId, salt, hash, at);
      this.st.trimHistory!.run(userId, userId, Math.max(keep, 1));
    })();
  }

  async setRecoveryCodes(userId: number, codeHashes: string[]): Promise<void> {
    this.db.transaction(() => {
      this.st.clearCodes!.run(userId);
      for (const h of codeHashes) this.st.addCode!.run(userId, h);
    })();
  }
  async useRecoveryCode(userId: number, codeHash: string, at: number): Promise<boolean> {
    return this.st.useCode!.run(at, userId, codeHash).changes === 1;
  }
  async recoveryCodesLeft(userId: number): Promise<number> {
    return (this.st.codesLeft!.get(userId) as { n: number }).n;
  }

  async createSession(s: SessionRow): Promise<void> {
    this.st.createSession!.run(s);
  }
  async sessionByHash(tokenHash: string): Promise<SessionRow | undefined> {
    const r = this.st.sessionByHash!.get(tokenHash) as SessionDb | undefined;
    return r && toSession(r);
  }
  async sessionById(id: string): Promise<SessionRow | undefined> {
    const r = this.st.sessionById!.get(id) as SessionDb | undefined;
    return r && toSession(r);
  }
  async touchSession(tokenHash: string, at: number): Promise<void> {
    this.st.touch!.run(at, tokenHash);
  }
  async deleteSession(tokenHash: string): Promise<void> {
    this.st.deleteSession!.run(tokenHash);
  }
  async deleteUserSessions(userId: number): Promise<void> {
    this.st.deleteUserSessions!.run(userId);
  }
  async listSessions(): Promise<SessionRow[]> {
    return (this.st.listSessions!.all() as SessionDb[]).map(toSession);
  }
  async purgeSessions(now: number, idleMs: number): Promise<number> {
    return this.st.purge!.run(now, now - idleMs).changes;
  }

  async getSetting(key: string): Promise<string | undefined> {
    return (this.st.getSetting!.get(key) as { value: string } | undefined)?.value;
  }
  async setSetting(key: string, value: string, at: number): Promise<void> {
    this.st.setSetting!.run(key, value, at);
  }
}
