import { createHash, randomBytes } from 'node:crypto';
import type { ConsoleUser, Role } from '@futian/shared';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { OpsRepo, UserRow } from '../store/ops-types.js';
import { hashPassword, oneTimePassword, passwordProblem, verifyPassword } from './passwords.js';
import { LoginThrottle } from './throttle.js';

export const SESSION_COOKIE = 'wall_session';
export const SESSION_TTL_MS = 12 * 3_600_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

export type LoginResult =
  | { ok: true; user: ConsoleUser; token: string; expiresAt: number }
  | { ok: false; status: 401 | 429; error: string; retryAfterS?: number };

export function toConsoleUser(u: UserRow): ConsoleUser {
  return { id: u.id, name: u.name, role: u.role, mustChangePassword: u.mustChange };
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    const v = part.slice(i + 1).trim();
    try {
      out[k] = decodeURIComponent(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}

const ROLE_RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
export function hasRole(user: { role: Role }, need: Role): boolean {
  return ROLE_RANK[user.role] >= ROLE_RANK[need];
}

/**
 * Console authentication: scrypt-hashed passwords, opaque session tokens in an
 * httpOnly cookie (only their hash is stored), and throttled failures.
 */
export class AuthService {
  private readonly throttle: LoginThrottle;
  /** Sessions that just ended (logout, disable, role or password change): open sockets must drop. */
  private readonly ended = new Set<(e: { userId?: number; sessionHash?: string }) => void>();
  private readonly passwordChanged = new Set<(userId: number) => void>();

  constructor(
    private readonly repo: OpsRepo,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    this.throttle = new LoginThrottle(() => clock.now());
  }

  /**
   * The first admin: from WALL_ADMIN_PASSWORD, or a generated one-time password
   * printed once at first start, which must be changed at first login.
   */
  async ensureFirstAdmin(configured: string | undefined): Promise<{ created: boolean; oneTime?: string }> {
    if ((await this.repo.countUsers()) > 0) return { created: false };
    const problem = configured === undefined ? null : passwordProblem(configured);
    if (problem) throw new Error(`WALL_ADMIN_PASSWORD: ${problem}`);
    const pw = configured ?? oneTimePassword();
    const { salt, hash } = await hashPassword(pw);
    await this.repo.createUser({ name: 'admin', role: 'admin', salt, hash, mustChange: configured === undefined, disabled: false });
    return configured === undefined ? { created: true, oneTime: pw } : { created: true };
  }

  async login(name: unknown, password: unknown, ip: string): Promise<LoginResult> {
    const n = typeof name === 'string' ? name.trim().slice(0, 64) : '';
    const keys = [`user:${n.toLowerCase()}`, `ip:${ip}`];
    const wait = this.throttle.retryAfter(keys);
    if (wait > 0) {
      const s = Math.ceil(wait / 1000);
      return { ok: false, status: 429, error: `too many failed attempts; try again in ${s} s`, retryAfterS: s };
    }
    const user = n ? await this.repo.userByName(n) : undefined;
    // Verify against a dummy when the user is unknown, so timing does not reveal names.
    const ok =
      typeof password === 'string' && password.length <= 256 && user && !user.disabled
        ? await verifyPassword(password, user.salt, user.hash)
        : (await verifyPassword('x', 'AAAAAAAAAAAAAAAAAAAAAA==', 'AAAA'), false);
    if (!ok || !user) {
      this.throttle.fail(keys);
      this.log.warn({ name: n, ip }, 'console login failed');
      return { ok: false, status: 401, error: 'wrong name or password' };
    }
    this.throttle.succeed([keys[0]!]);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.clock.now() + SESSION_TTL_MS;
    await this.repo.createSession(sha256(token), user.id, expiresAt);
    return { ok: true, user: toConsoleUser(user), token, expiresAt };
  }

  /** A user replaced a one-time password: their open consoles may now control walls. */
  onPasswordChanged(fn: (userId: number) => void): () => void {
    this.passwordChanged.add(fn);
    return () => this.passwordChanged.delete(fn);
  }

  onSessionsEnded(fn: (e: { userId?: number; sessionHash?: string }) => void): () => void {
    this.ended.add(fn);
    return () => this.ended.delete(fn);
  }

  async logout(token: string | undefined): Promise<void> {
    if (!token) return;
    const h = sha256(token);
    await this.repo.deleteSession(h);
    for (const fn of this.ended) fn({ sessionHash: h });
  }

  /** The user behind a session token, or null (expired, revoked, disabled). */
  async userForToken(token: string | undefined): Promise<(ConsoleUser & { sessionHash: string }) | null> {
    if (!token || token.length > 128) return null;
    const h = sha256(token);
    const s = await this.repo.session(h, this.clock.now());
    if (!s) return null;
    const u = await this.repo.userById(s.userId);
    if (!u || u.disabled) return null;
    return { ...toConsoleUser(u), sessionHash: h };
  }

  async stillValid(sessionHash: string): Promise<ConsoleUser | null> {
    const s = await this.repo.session(sessionHash, this.clock.now());
    if (!s) return null;
    const u = await this.repo.userById(s.userId);
    return u && !u.disabled ? toConsoleUser(u) : null;
  }

  async changePassword(userId: number, current: unknown, next: unknown): Promise<string | null> {
    const u = await this.repo.userById(userId);
    if (!u) return 'no such user';
    if (typeof current !== 'string' || !(await verifyPassword(current, u.salt, u.hash))) return 'current password is wrong';
    const problem = passwordProblem(next);
    if (problem) return problem;
    const { salt, hash } = await hashPassword(next as string);
    await this.repo.updateUser(userId, { salt, hash, mustChange: false });
    for (const fn of this.passwordChanged) fn(userId);
    return null;
  }

  async createUser(name: unknown, role: unknown, password: unknown): Promise<ConsoleUser | string> {
    if (typeof name !== 'string' || !/^[\w.-]{2,32}$/.test(name)) return 'name must be 2–32 letters, digits, _ . -';
    if (role !== 'viewer' && role !== 'operator' && role !== 'admin') return "role must be 'viewer', 'operator' or 'admin'";
    const problem = passwordProblem(password);
    if (problem) return problem;
    if (await this.repo.userByName(name)) return `user '${name}' exists`;
    const { salt, hash } = await hashPassword(password as string);
    const u = await this.repo.createUser({ name, role, salt, hash, mustChange: true, disabled: false });
    return toConsoleUser(u);
  }

  async updateUser(id: number, patch: { role?: unknown; disabled?: unknown; password?: unknown }): Promise<string | null> {
    const u = await this.repo.userById(id);
    if (!u) return 'no such user';
    const upd: Parameters<OpsRepo['updateUser']>[1] = {};
    if (patch.role !== undefined) {
      if (patch.role !== 'viewer' && patch.role !== 'operator' && patch.role !== 'admin') return 'bad role';
      upd.role = patch.role;
    }
    if (patch.disabled !== undefined) upd.disabled = patch.disabled === true;
    if (patch.password !== undefined) {
      const problem = passwordProblem(patch.password);
      if (problem) return problem;
      Object.assign(upd, await hashPassword(patch.password as string), { mustChange: true });
    }
    await this.repo.updateUser(id, upd);
    // Role, password or status changes end existing sessions at once.
    await this.repo.deleteUserSessions(id);
    for (const fn of this.ended) fn({ userId: id });
    return null;
  }

  listUsers(): Promise<ConsoleUser[]> {
    return this.repo.listUsers().then((us) => us.map((u) => ({ ...toConsoleUser(u), disabled: u.disabled })));
  }
}
