import type { Pool } from 'pg';
import type { AccountsRepo, SessionRow, UserPatch, UserRow } from './accounts-types.js';
import { inTx, isUniqueViolation } from './pg-pool.js';
import { toSession, toUser, USER_COLS, type SessionDb, type UserDb } from './accounts-rows.js';

/** AccountsRepo over PostgreSQL; names are looked up by lower(name), the unique index's key. */
export class PgAccountsRepo implements AccountsRepo {
  constructor(private readonly pool: Pool) {}

  async countUsers(): Promise<number> {
    return (await this.pool.query<{ n: number }>('SELECT count(*) AS n FROM users')).rows[0]!.n;
  }
  async userByName(name: string): Promise<UserRow | undefined> {
    const r = (await this.pool.query<UserDb>('SELECT * FROM users WHERE lower(name) = lower($1)', [name])).rows[0];
    return r && toUser(r);
  }
  async userById(id: number): Promise<UserRow | undefined> {
    const r = (await this.pool.query<UserDb>('SELECT * FROM users WHERE id = $1', [id])).rows[0];
    return r && toUser(r);
  }
  async listUsers(): Promise<UserRow[]> {
    return (await this.pool.query<UserDb>('SELECT * FROM users ORDER BY id')).rows.map(toUser);
  }
  async createUser(u: Pick<UserRow, 'name' | 'role' | 'salt' | 'hash' | 'mustChange' | 'mustRename' | 'disabled'>, now: number): Promise<UserRow | undefined> {
    try {
      return await inTx(this.pool, async (c) => {
        const r = await c.query<UserDb>(
          `INSERT INTO users (name, role, salt, hash, must_change, must_rename, disabled, password_changed_at, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8) RETURNING *`,
          [u.name, u.role, u.salt, u.hash, u.mustChange, u.mustRename, u.disabled, now],
        );
        const row = r.rows[0]!;
        await c.query('INSERT INTO password_history (user_id, salt, hash, changed_at) VALUES ($1, $2, $3, $4)', [row.id, u.salt, u.hash, now]);
        return toUser(row);
      });
    } catch (err) {
      if (isUniqueViolation(err)) return undefined;
      throw err;
    }
  }
  async updateUser(id: number, patch: UserPatch, now: number): Promise<boolean> {
    const cols: string[] = [];
    const vals: unknown[] = [id, now];
    for (const [k, v] of Object.entries(patch) as Array<[keyof UserPatch, unknown]>) {
      if (v === undefined) continue;
      vals.push(v);
      cols.push(`${USER_COLS[k]} = $${vals.length}`);
    }
    if (cols.length === 0) return true;
    try {
      await this.pool.query(`UPDATE users SET ${cols.join(', ')}, updated_at = $2 WHERE id = $1`, vals);
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async passwordHistory(userId: number, n: number): Promise<Array<{ salt: string; hash: string }>> {
    const r = await this.pool.query<{ salt: string; hash: string }>(
      'SELECT salt, hash FROM password_history WHERE user_id = $1 ORDER BY changed_at DESC, id DESC LIMIT $2',
      [userId, Math.max(n, 1)],
    );
    return r.rows;
  }
  async addPasswordHistory(userId: number, salt: string, hash: string, at: number, keep: number): Promise<void> {
    await inTx(this.pool, async (c) => {
      await c.query('INSERT INTO password_history (user_id, salt, hash, changed_at) VALUES ($1, $2, $3, $4)', [userId, salt, hash, at]);
      await c.query(
        `DELETE FROM password_history WHERE user_id = $1 AND id NOT IN
           (SELECT id FROM password_history WHERE user_id = $1 ORDER BY changed_at DESC, id DESC LIMIT $2)`,
        [userId, Math.max(keep, 1)],
      );
    });
  }

  async setRecoveryCodes(userId: number, codeHashes: string[]): Promise<void> {
    await inTx(this.pool, async (c) => {
      await c.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
      if (codeHashes.length > 0) {
        await c.query('INSERT INTO recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])', [userId, codeHashes]);
      }
    });
  }
  async useRecoveryCode(userId: number, codeHash: string, at: number): Promise<boolean> {
    const r = await this.pool.query('UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL', [at, userId, codeHash]);
    return r.rowCount === 1;
  }
  async recoveryCodesLeft(userId: number): Promise<number> {
    return (await this.pool.query<{ n: number }>('SELECT count(*) AS n FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL', [userId])).rows[0]!.n;
  }

  async createSession(s: SessionRow): Promise<void> {
    await this.pool.query(
      `INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen, expires_at, address, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [s.id, s.tokenHash, s.userId, s.createdAt, s.lastSeen, s.expiresAt, s.address, s.userAgent],
    );
  }
  async sessionByHash(tokenHash: string): Promise<SessionRow | undefined> {
    const r = (await this.pool.query<SessionDb>('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash])).rows[0];
    return r && toSession(r);
  }
  async sessionById(id: string): Promise<SessionRow | undefined> {
    const r = (await this.pool.query<SessionDb>('SELECT * FROM sessions WHERE id = $1', [id])).rows[0];
    return r && toSession(r);
  }
  async touchSession(tokenHash: string, at: number): Promise<void> {
    await this.pool.query('UPDATE sessions SET last_seen = greatest(last_seen, $1) WHERE token_hash = $2', [at, tokenHash]);
  }
  async deleteSession(tokenHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }
  async deleteUserSessions(userId: number): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
  }
  async listSessions(): Promise<SessionRow[]> {
    return (await this.pool.query<SessionDb>('SELECT * FROM sessions ORDER BY last_seen DESC')).rows.map(toSession);
  }
  async purgeSessions(now: number, idleMs: number): Promise<number> {
    return (await this.pool.query('DELETE FROM sessions WHERE expires_at <= $1 OR last_seen <= $2', [now, now - idleMs])).rowCount ?? 0;
  }

  async getSetting(key: string): Promise<string | undefined> {
    return (await this.pool.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key])).rows[0]?.value;
  }
  async setSetting(key: string, value: string, at: number): Promise<void> {
    await this.pool.query(
      'INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      [key, value, at],
    );
  }
}
