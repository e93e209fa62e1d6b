import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ADMIN_ROLES, isRole, type ConsoleUser, type IdentityPolicy, type PendingStep, type Role, type SessionInfo, type UserInfo } from '@futian/shared';
import type { Actor, AuditLog } from '../audit/log.js';
import type { AuditRefusals } from '../audit/refusals.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { AccountsRepo, SessionRow, UserRow } from '../store/accounts-types.js';
import { attemptKeys, LoginGuard, type Ticket } from './guard.js';
import { HashingBusy, HashingQueue } from './hashing.js';
import { oneTimePassword } from './passwords.js';
import { passwordExpiresAt, passwordProblem, PolicySchema } from './policy.js';
import { checkTotp, newTotpSecret, totpQrSvg, totpUri } from './totp.js';

export const SESSION_COOKIE = 'wall_session';
export const DEVICE_COOKIE = 'wall_device';

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const NAME_RE = /^[\w.-]{2,32}$/;
const TICKET_TTL_MS = 5 * 60_000;
const TICKET_TRIES = 5;
const RECOVERY_CODES = 10;

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

/** A refusal the caller turns into an HTTP status and a JSON reason. */
export interface Refusal {
  ok: false;
  status: 400 | 401 | 403 | 404 | 409 | 429 | 503;
  error: string;
  retryAfterS?: number;
}
const refuse = (status: Refusal['status'], error: string, retryAfterS?: number): Refusal => ({
  ok: false,
  status,
  error,
  ...(retryAfterS ? { retryAfterS } : {}),
});

export interface NewSession {
  ok: true;
  kind: 'session';
  user: ConsoleUser;
  token: string;
  expiresAt: number;
  /** The known-device cookie to set (this account added to it). */
  device: string;
}
export type LoginResult = NewSession | { ok: true; kind: 'totp'; ticket: string } | Refusal;

/** A signed-in console user as the routes and the console namespace see them. */
export interface SessionUser extends ConsoleUser {
  sessionHash: string;
  sessionId: string;
  expiresAt: number;
}

interface PendingTicket {
  userId: number;
  address: string;
  device: string | null;
  expiresAt: number;
  tries: number;
}

export interface AuthDeps {
  repo: AccountsRepo;
  clock: Clock;
  log: Logger;
  audit: AuditLog;
  refusals: AuditRefusals;
  /** Defaults from the environment; the security admin's changes are stored over them. */
  defaults: IdentityPolicy;
  hashing?: HashingQueue;
}

/**
 * Console identity (等保 2.0 8.1.4.1): unique named accounts, passwords under
 * the identity policy (complexity, expiry, history), a second factor (TOTP with
 * recovery codes), a login guard that counts attempts before checking them, and
 * sessions with an idle and an absolute limit. Only hashes of passwords,
 * session tokens and recovery codes are stored.
 */
export class AuthService {
  readonly guard: LoginGuard;
  readonly hashing: HashingQueue;
  private current: IdentityPolicy;
  private deviceKey: Buffer = randomBytes(32);
  private readonly tickets = new Map<string, PendingTicket>();
  private readonly ended = new Set<(e: { userId?: number; sessionHash?: string; reason: string }) => void>();
  private readonly changed = new Set<(userId: number) => void>();
  /** A dummy hash to check unknown names against, so timing does not reveal which names exist. */
  private dummy: { salt: string; hash: string } | null = null;

  constructor(private readonly d: AuthDeps) {
    this.guard = new LoginGuard(() => d.clock.now());
    this.hashing = d.hashing ?? new HashingQueue();
    this.current = d.defaults;
  }

  /** Loads the stored policy and the key that signs known-device cookies. */
  async init(): Promise<void> {
    const stored = await this.d.repo.getSetting('identity.policy');
    if (stored) {
      const p = PolicySchema.safeParse({ ...this.d.defaults, ...(JSON.parse(stored) as object) });
      if (p.success) this.current = p.data;
      else this.d.log.warn({ reason: p.error.issues[0]?.message }, 'stored identity policy ignored: below the floors');
    }
    const key = await this.d.repo.getSetting('device.key');
    if (key) this.deviceKey = Buffer.from(key, 'base64');
    else await this.d.repo.setSetting('device.key', this.deviceKey.toString('base64'), this.d.clock.now());
    this.dummy = await this.hashing.hash(randomBytes(12).toString('base64'));
  }

  get policy(): IdentityPolicy {
    return this.current;
  }

  // ── views ────────────────────────────────────────────────────────────────

  pendingOf(u: UserRow): PendingStep[] {
    const out: PendingStep[] = [];
    if (u.mustRename) out.push('rename');
    const exp = passwordExpiresAt(u.passwordChangedAt, this.current);
    if (u.mustChange || (exp !== null && this.d.clock.now() >= exp)) out.push('password');
    if (this.current.require2fa && ADMIN_ROLES.includes(u.role) && !u.totpSecret) out.push('totp');
    return out;
  }

  view(u: UserRow): ConsoleUser {
    return {
      id: u.id,
      name: u.name,
      role: u.role,
      pending: this.pendingOf(u),
      totpEnabled: u.totpSecret !== null,
      passwordExpiresAt: passwordExpiresAt(u.passwordChangedAt, this.current),
    };
  }

  async info(u: UserRow): Promise<UserInfo> {
    return {
      ...this.view(u),
      disabled: u.disabled,
      createdAt: u.createdAt,
      lastLoginAt: u.lastLoginAt,
      recoveryCodesLeft: u.totpSecret ? await this.d.repo.recoveryCodesLeft(u.id) : 0,
    };
  }

  // ── first start ──────────────────────────────────────────────────────────

  /**
   * The first account: named 'admin', a system administrator that must take a
   * personal name at first sign-in (no shared admin), with WALL_ADMIN_PASSWORD
   * or a one-time password printed once.
   */
  async ensureFirstAdmin(configured: string | undefined): Promise<{ created: boolean; oneTime?: string }> {
    if ((await this.d.repo.countUsers()) > 0) return { created: false };
    const pw = configured ?? oneTimePassword();
    const weak = configured === undefined || passwordProblem(configured, this.current) !== null;
    const { salt, hash } = await this.hashing.hash(pw);
    const u = await this.d.repo.createUser(
      { name: 'admin', role: 'sysadmin', salt, hash, mustChange: weak, mustRename: true, disabled: false },
      this.d.clock.now(),
    );
    if (u) await this.audit({ name: 'system', kind: 'system', address: '' }, 'user.create', 'admin', 'ok', { role: 'sysadmin', firstStart: true });
    return configured === undefined ? { created: true, oneTime: pw } : { created: true };
  }

  // ── sign-in ──────────────────────────────────────────────────────────────

  async login(name: unknown, password: unknown, address: string, deviceCookie: string | undefined, userAgent = ''): Promise<LoginResult> {
    const n = typeof name === 'string' ? name.trim().slice(0, 64) : '';
    if (!n || typeof password !== 'string' || password.length === 0) return refuse(400, 'name and password are required');
    if (password.length > 256) return refuse(400, 'password is too long');
    // A full queue refuses at once, before any lookup: a flood costs the server as little as possible.
    if (this.hashing.full) return refuse(503, new HashingBusy().message, 1);
    const user = await this.d.repo.userByName(n);
    const device = user ? this.knownDevice(deviceCookie, user.id) : null;
    const actor: Actor = { name: n, kind: 'anonymous', address };
    const r = this.guard.reserve(attemptKeys(n, address, device));
    if (!r.ok) {
      const s = Math.ceil(r.retryAfterMs / 1000);
      this.d.refusals.note(actor, 'login', n, 'too many failed attempts');
      return refuse(429, `too many failed attempts; try again in ${s} s`, s);
    }
    let ok: boolean;
    try {
      ok =
        user && !user.disabled
          ? await this.hashing.verify(password, user.salt, user.hash)
          : (await this.hashing.verify(password, this.dummy!.salt, this.dummy!.hash), false);
    } catch (err) {
      this.guard.release(r.ticket);
      if (err instanceof HashingBusy) return refuse(503, err.message, 1);
      throw err;
    }
    if (!ok || !user) {
      this.guard.settle(r.ticket, false);
      this.d.refusals.note(actor, 'login', n, user?.disabled ? 'account disabled' : 'wrong name or password', 'failed');
      return refuse(401, 'wrong name or password');
    }
    this.guard.settle(r.ticket, true);
    if (user.totpSecret) {
      const ticket = randomBytes(24).toString('base64url');
      this.sweepTickets();
      this.tickets.set(ticket, { userId: user.id, address, device, expiresAt: this.d.clock.now() + TICKET_TTL_MS, tries: 0 });
      return { ok: true, kind: 'totp', ticket };
    }
    return this.startSession(user, address, deviceCookie, null, userAgent);
  }

  /** The second step: a TOTP code or an unused recovery code, against the ticket the password step gave. */
  async loginSecondFactor(ticketId: unknown, code: unknown, recoveryCode: unknown, address: string, deviceCookie: string | undefined, userAgent: string): Promise<LoginResult> {
    const t = typeof ticketId === 'string' ? this.tickets.get(ticketId) : undefined;
    if (!t || t.expiresAt <= this.d.clock.now()) return refuse(401, 'sign-in expired; enter your password again');
    const user = await this.d.repo.userById(t.userId);
    if (!user || user.disabled || !user.totpSecret) return refuse(401, 'sign-in expired; enter your password again');
    const actor: Actor = { name: user.name, kind: 'user', address };
    t.tries++;
    let via: 'totp' | 'recovery code' | null = null;
    if (typeof recoveryCode === 'string' && recoveryCode.trim()) {
      if (await this.d.repo.useRecoveryCode(user.id, sha256(normaliseCode(recoveryCode)), this.d.clock.now())) via = 'recovery code';
    } else {
      const step = await checkTotp(user.totpSecret, code, user.totpLastStep, this.d.clock.now());
      if (step !== null) {
        await this.d.repo.updateUser(user.id, { totpLastStep: step }, this.d.clock.now());
        via = 'totp';
      }
    }
    if (!via) {
      if (t.tries >= TICKET_TRIES) this.tickets.delete(ticketId as string);
      this.d.refusals.note(actor, 'login.second-factor', user.name, 'wrong code', 'failed');
      return refuse(401, t.tries >= TICKET_TRIES ? 'wrong code; too many tries, enter your password again' : 'wrong code');
    }
    this.tickets.delete(ticketId as string);
    return this.startSession(user, address, deviceCookie, via, userAgent);
  }

  private async startSession(user: UserRow, address: string, deviceCookie: string | undefined, via: string | null, userAgent = ''): Promise<NewSession> {
    const now = this.d.clock.now();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + this.current.absoluteHours * 3_600_000;
    await this.d.repo.purgeSessions(now, this.current.idleMinutes * 60_000);
    await this.d.repo.createSession({
      id: randomBytes(9).toString('base64url'),
      tokenHash: sha256(token),
      userId: user.id,
      createdAt: now,
      lastSeen: now,
      expiresAt,
      address,
      userAgent: userAgent.slice(0, 200),
    });
    await this.d.repo.updateUser(user.id, { lastLoginAt: now }, now);
    await this.audit({ name: user.name, kind: 'user', address }, 'login', user.name, 'ok', via ? { secondFactor: via } : {});
    return { ok: true, kind: 'session', user: this.view(user), token, expiresAt, device: this.addDevice(deviceCookie, user.id) };
  }

  private sweepTickets(): void {
    const now = this.d.clock.now();
    for (const [k, t] of this.tickets) if (t.expiresAt <= now) this.tickets.delete(k);
    // Bounded: a ticket needs a right password, but keep memory flat whatever happens.
    while (this.tickets.size > 5_000) this.tickets.delete(this.tickets.keys().next().value!);
  }

  // ── known devices ────────────────────────────────────────────────────────

  private sign(body: string): string {
    return createHmac('sha256', this.deviceKey).update(body).digest('base64url');
  }

  /** The device id when the cookie is ours and names this account; otherwise null. */
  private knownDevice(cookie: string | undefined, userId: number): string | null {
    const parsed = this.parseDevice(cookie);
    return parsed && parsed.users.includes(userId) ? parsed.id : null;
  }

  private parseDevice(cookie: string | undefined): { id: string; users: number[] } | null {
    if (!cookie || cookie.length > 300) return null;
    const [id, users, sig] = cookie.split('~');
    if (!id || users === undefined || !sig) return null;
    const want = Buffer.from(this.sign(`${id}~${users}`));
    const got = Buffer.from(sig);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
    return { id, users: users.split(',').map(Number).filter(Number.isInteger) };
  }

  private addDevice(cookie: string | undefined, userId: number): string {
    const cur = this.parseDevice(cookie) ?? { id: randomBytes(12).toString('base64url'), users: [] };
    const users = [userId, ...cur.users.filter((u) => u !== userId)].slice(0, 8).join(',');
    return `${cur.id}~${users}~${this.sign(`${cur.id}~${users}`)}`;
  }

  // ── sessions ─────────────────────────────────────────────────────────────

  /**
   * The user behind a session token. `touch` marks activity (a request or a
   * key press), which keeps an idle session alive; a push to an open console
   * does not. A session past its idle or absolute limit is ended here, once,
   * and audited.
   */
  async session(token: string | undefined, opts: { touch: boolean }): Promise<SessionUser | 'timed out' | null> {
    if (!token || token.length > 128) return null;
    return this.sessionByHash(sha256(token), opts);
  }

  async sessionByHash(h: string, opts: { touch: boolean }): Promise<SessionUser | 'timed out' | null> {
    const s = await this.d.repo.sessionByHash(h);
    if (!s) return null;
    const now = this.d.clock.now();
    const idleAt = s.lastSeen + this.current.idleMinutes * 60_000;
    if (now >= s.expiresAt || now >= idleAt) {
      await this.d.repo.deleteSession(h);
      const u = await this.d.repo.userById(s.userId);
      await this.audit({ name: u?.name ?? `#${s.userId}`, kind: 'user', address: s.address }, 'session.timeout', u?.name ?? '', 'ok', {
        session: s.id,
        limit: now >= s.expiresAt ? 'absolute' : 'idle',
      });
      for (const fn of this.ended) fn({ sessionHash: h, reason: 'session timed out' });
      return 'timed out';
    }
    const u = await this.d.repo.userById(s.userId);
    if (!u || u.disabled) return null;
    if (opts.touch) await this.d.repo.touchSession(h, now);
    const last = opts.touch ? now : s.lastSeen;
    return {
      ...this.view(u),
      sessionHash: h,
      sessionId: s.id,
      expiresAt: Math.min(s.expiresAt, last + this.current.idleMinutes * 60_000),
    };
  }

  async logout(token: string | undefined, address: string): Promise<void> {
    if (!token) return;
    const h = sha256(token);
    const s = await this.d.repo.sessionByHash(h);
    if (!s) return;
    await this.d.repo.deleteSession(h);
    const u = await this.d.repo.userById(s.userId);
    await this.audit({ name: u?.name ?? `#${s.userId}`, kind: 'user', address }, 'logout', u?.name ?? '', 'ok', { session: s.id });
    for (const fn of this.ended) fn({ sessionHash: h, reason: 'signed out' });
  }

  onSessionsEnded(fn: (e: { userId?: number; sessionHash?: string; reason: string }) => void): () => void {
    this.ended.add(fn);
    return () => this.ended.delete(fn);
  }

  /** A user's account changed in a way their open consoles should see (pending steps done, 2FA on). */
  onUserChanged(fn: (userId: number) => void): () => void {
    this.changed.add(fn);
    return () => this.changed.delete(fn);
  }

  private async endUserSessions(userId: number, reason: string): Promise<void> {
    await this.d.repo.deleteUserSessions(userId);
    for (const fn of this.ended) fn({ userId, reason });
  }

  async listSessions(currentHash: string): Promise<SessionInfo[]> {
    const now = this.d.clock.now();
    const users = new Map((await this.d.repo.listUsers()).map((u) => [u.id, u]));
    const idle = this.current.idleMinutes * 60_000;
    return (await this.d.repo.listSessions())
      .filter((s) => s.expiresAt > now && s.lastSeen + idle > now)
      .map((s: SessionRow) => ({
        id: s.id,
        userId: s.userId,
        user: users.get(s.userId)?.name ?? `#${s.userId}`,
        role: users.get(s.userId)?.role ?? 'viewer',
        address: s.address,
        userAgent: s.userAgent,
        createdAt: s.createdAt,
        lastSeen: s.lastSeen,
        expiresAt: Math.min(s.expiresAt, s.lastSeen + idle),
        current: s.tokenHash === currentHash,
      }));
  }

  async endSession(by: Actor, id: string): Promise<true | Refusal> {
    const s = await this.d.repo.sessionById(id);
    if (!s) return this.refused(by, 'session.end', id, 404, 'no such session');
    await this.d.repo.deleteSession(s.tokenHash);
    for (const fn of this.ended) fn({ sessionHash: s.tokenHash, reason: 'session ended by the security administrator' });
    const u = await this.d.repo.userById(s.userId);
    await this.audit(by, 'session.end', u?.name ?? `#${s.userId}`, 'ok', { session: id });
    return true;
  }

  // ── the user's own account ───────────────────────────────────────────────

  async rename(by: SessionUser, address: string, next: unknown): Promise<ConsoleUser | Refusal> {
    const actor: Actor = { name: by.name, kind: 'user', address };
    const u = await this.d.repo.userById(by.id);
    if (!u) return refuse(404, 'no such user');
    if (!u.mustRename) return this.refused(actor, 'user.rename', u.name, 400, 'this account already has its own name');
    const name = typeof next === 'string' ? next.trim() : '';
    if (!NAME_RE.test(name)) return this.refused(actor, 'user.rename', u.name, 400, 'name must be 2–32 letters, digits, _ . -');
    if (name.toLowerCase() === 'admin') return this.refused(actor, 'user.rename', u.name, 400, "choose a personal name, not 'admin'");
    if (!(await this.d.repo.updateUser(u.id, { name, mustRename: false }, this.d.clock.now()))) {
      return this.refused(actor, 'user.rename', u.name, 409, `the name '${name}' is taken`);
    }
    await this.audit({ ...actor, name }, 'user.rename', name, 'ok', { from: u.name });
    this.emitChanged(u.id);
    return this.view((await this.d.repo.userById(u.id))!);
  }

  async changePassword(by: SessionUser, address: string, current: unknown, next: unknown): Promise<ConsoleUser | Refusal> {
    const actor: Actor = { name: by.name, kind: 'user', address };
    const u = await this.d.repo.userById(by.id);
    if (!u) return refuse(404, 'no such user');
    if (typeof current !== 'string' || current.length > 256 || !(await this.hashing.verify(current, u.salt, u.hash))) {
      return this.refused(actor, 'password.change', u.name, 400, 'current password is wrong');
    }
    const problem = passwordProblem(next, this.current, u.name) ?? (await this.reuseProblem(u.id, next as string));
    if (problem) return this.refused(actor, 'password.change', u.name, 400, problem);
    await this.setPassword(u.id, next as string, false);
    await this.audit(actor, 'password.change', u.name, 'ok');
    this.emitChanged(u.id);
    return this.view((await this.d.repo.userById(u.id))!);
  }

  private async reuseProblem(userId: number, pw: string): Promise<string | null> {
    const n = Math.max(this.current.historyCount, 1);
    for (const h of await this.d.repo.passwordHistory(userId, n)) {
      if (await this.hashing.verify(pw, h.salt, h.hash)) {
        return this.current.historyCount > 0 ? `password must differ from the last ${this.current.historyCount}` : 'password must differ from the current one';
      }
    }
    return null;
  }

  private async setPassword(userId: number, pw: string, mustChange: boolean): Promise<void> {
    const now = this.d.clock.now();
    const { salt, hash } = await this.hashing.hash(pw);
    await this.d.repo.updateUser(userId, { salt, hash, mustChange, passwordChangedAt: now }, now);
    await this.d.repo.addPasswordHistory(userId, salt, hash, now, Math.max(this.current.historyCount, 1));
  }

  async totpSetup(by: SessionUser, address: string): Promise<{ secret: string; uri: string; qrSvg: string }> {
    const secret = newTotpSecret();
    await this.d.repo.updateUser(by.id, { totpPending: secret }, this.d.clock.now());
    await this.audit({ name: by.name, kind: 'user', address }, 'totp.setup', by.name, 'ok');
    const uri = totpUri(secret, by.name);
    return { secret, uri, qrSvg: await totpQrSvg(uri) };
  }

  async totpEnable(by: SessionUser, address: string, code: unknown): Promise<{ user: ConsoleUser; recoveryCodes: string[] } | Refusal> {
    const actor: Actor = { name: by.name, kind: 'user', address };
    const u = await this.d.repo.userById(by.id);
    if (!u?.totpPending) return this.refused(actor, 'totp.enable', by.name, 400, 'start the set-up first');
    const step = await checkTotp(u.totpPending, code, 0, this.d.clock.now());
    if (step === null) return this.refused(actor, 'totp.enable', by.name, 400, 'wrong code: check the time on your phone and try the next code');
    await this.d.repo.updateUser(u.id, { totpSecret: u.totpPending, totpPending: null, totpLastStep: step }, this.d.clock.now());
    const codes = await this.newRecoveryCodes(u.id);
    await this.audit(actor, 'totp.enable', u.name, 'ok');
    this.emitChanged(u.id);
    return { user: this.view((await this.d.repo.userById(u.id))!), recoveryCodes: codes };
  }

  async totpDisable(by: SessionUser, address: string, password: unknown): Promise<ConsoleUser | Refusal> {
    const actor: Actor = { name: by.name, kind: 'user', address };
    const u = await this.d.repo.userById(by.id);
    if (!u) return refuse(404, 'no such user');
    if (this.current.require2fa && ADMIN_ROLES.includes(u.role)) {
      return this.refused(actor, 'totp.disable', u.name, 400, 'the policy requires a second factor for this role');
    }
    if (typeof password !== 'string' || !(await this.hashing.verify(password, u.salt, u.hash))) {
      return this.refused(actor, 'totp.disable', u.name, 400, 'password is wrong');
    }
    await this.d.repo.updateUser(u.id, { totpSecret: null, totpPending: null, totpLastStep: 0 }, this.d.clock.now());
    await this.d.repo.setRecoveryCodes(u.id, []);
    await this.audit(actor, 'totp.disable', u.name, 'ok');
    this.emitChanged(u.id);
    return this.view((await this.d.repo.userById(u.id))!);
  }

  async regenerateRecoveryCodes(by: SessionUser, address: string, password: unknown): Promise<string[] | Refusal> {
    const actor: Actor = { name: by.name, kind: 'user', address };
    const u = await this.d.repo.userById(by.id);
    if (!u?.totpSecret) return this.refused(actor, 'recovery-codes.new', by.name, 400, 'set up a second factor first');
    if (typeof password !== 'string' || !(await this.hashing.verify(password, u.salt, u.hash))) {
      return this.refused(actor, 'recovery-codes.new', u.name, 400, 'password is wrong');
    }
    const codes = await this.newRecoveryCodes(u.id);
    await this.audit(actor, 'recovery-codes.new', u.name, 'ok');
    return codes;
  }

  /** Ten codes of 10 characters in two groups; only their SHA-256 is kept (they carry 50 bits, and a ticket needs the password first). */
  private async newRecoveryCodes(userId: number): Promise<string[]> {
    const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
    const codes = Array.from({ length: RECOVERY_CODES }, () => {
      const b = randomBytes(10);
      let s = '';
      for (let i = 0; i < 10; i++) s += alphabet[b[i]! % alphabet.length];
      return `${s.slice(0, 5)}-${s.slice(5)}`;
    });
    await this.d.repo.setRecoveryCodes(userId, codes.map((c) => sha256(normaliseCode(c))));
    return codes;
  }

  // ── administration ───────────────────────────────────────────────────────

  async listUsers(): Promise<UserInfo[]> {
    return Promise.all((await this.d.repo.listUsers()).map((u) => this.info(u)));
  }

  /** System admin: a new account is a viewer with a one-time password; the security admin gives it a role. */
  async createUser(by: Actor, name: unknown, password: unknown): Promise<UserInfo | Refusal> {
    const n = typeof name === 'string' ? name.trim() : '';
    if (!NAME_RE.test(n)) return this.refused(by, 'user.create', String(name).slice(0, 32), 400, 'name must be 2–32 letters, digits, _ . -');
    if (n.toLowerCase() === 'admin') return this.refused(by, 'user.create', n, 400, "'admin' is reserved: accounts are personal");
    const problem = passwordProblem(password, this.current, n);
    if (problem) return this.refused(by, 'user.create', n, 400, problem);
    const { salt, hash } = await this.hashing.hash(password as string);
    const u = await this.d.repo.createUser({ name: n, role: 'viewer', salt, hash, mustChange: true, mustRename: false, disabled: false }, this.d.clock.now());
    if (!u) return this.refused(by, 'user.create', n, 409, `user '${n}' exists`);
    await this.audit(by, 'user.create', n, 'ok', { role: 'viewer' });
    return this.info(u);
  }

  async updateUser(by: Actor & { id: number }, id: number, patch: { disabled?: unknown; password?: unknown }): Promise<UserInfo | Refusal> {
    const u = await this.d.repo.userById(id);
    if (!u) return this.refused(by, 'user.update', `#${id}`, 404, 'no such user');
    if (id === by.id) return this.refused(by, 'user.update', u.name, 400, 'use your account menu for your own account; nobody disables or resets themselves here');
    if (patch.disabled === undefined && patch.password === undefined) return refuse(400, 'nothing to change: give disabled or password');
    if (patch.disabled !== undefined && typeof patch.disabled !== 'boolean') return refuse(400, 'disabled must be true or false');
    if (patch.password !== undefined) {
      const problem = passwordProblem(patch.password, this.current, u.name);
      if (problem) return this.refused(by, 'user.password-reset', u.name, 400, problem);
      await this.setPassword(id, patch.password as string, true);
      await this.audit(by, 'user.password-reset', u.name, 'ok');
    }
    if (typeof patch.disabled === 'boolean' && patch.disabled !== u.disabled) {
      await this.d.repo.updateUser(id, { disabled: patch.disabled }, this.d.clock.now());
      await this.audit(by, patch.disabled ? 'user.disable' : 'user.enable', u.name, 'ok');
    }
    await this.endUserSessions(id, 'your account was changed by an administrator');
    return this.info((await this.d.repo.userById(id))!);
  }

  /**
   * Security admin: assigns a role. Nobody changes their own role. While no
   * enabled security admin exists (a fresh install), the system admin may make
   * one, so that the separation can be set up at all; that bootstrap is audited.
   */
  async assignRole(by: Actor & { id: number; role: Role }, id: number, role: unknown): Promise<UserInfo | Refusal> {
    const u = await this.d.repo.userById(id);
    if (!u) return this.refused(by, 'user.role', `#${id}`, 404, 'no such user');
    if (!isRole(role)) return this.refused(by, 'user.role', u.name, 400, 'role must be viewer, operator, sysadmin, secadmin or auditor');
    if (id === by.id) return this.refused(by, 'user.role', u.name, 403, 'nobody may change their own role');
    let bootstrap = false;
    if (by.role !== 'secadmin') {
      const haveSec = (await this.d.repo.listUsers()).some((x) => x.role === 'secadmin' && !x.disabled);
      if (by.role !== 'sysadmin' || haveSec || role !== 'secadmin') {
        return this.refused(by, 'user.role', u.name, 403, 'only the security administrator assigns roles');
      }
      bootstrap = true;
    }
    await this.d.repo.updateUser(id, { role }, this.d.clock.now());
    await this.audit(by, 'user.role', u.name, 'ok', { from: u.role, to: role, ...(bootstrap ? { bootstrap: 'first security administrator' } : {}) });
    await this.endUserSessions(id, 'your role was changed');
    return this.info((await this.d.repo.userById(id))!);
  }

  async resetTotp(by: Actor & { id: number }, id: number): Promise<UserInfo | Refusal> {
    const u = await this.d.repo.userById(id);
    if (!u) return this.refused(by, 'user.totp-reset', `#${id}`, 404, 'no such user');
    if (id === by.id) return this.refused(by, 'user.totp-reset', u.name, 403, 'use your account menu for your own second factor');
    await this.d.repo.updateUser(id, { totpSecret: null, totpPending: null, totpLastStep: 0 }, this.d.clock.now());
    await this.d.repo.setRecoveryCodes(id, []);
    await this.audit(by, 'user.totp-reset', u.name, 'ok');
    await this.endUserSessions(id, 'your second factor was reset');
    return this.info((await this.d.repo.userById(id))!);
  }

  async setPolicy(by: Actor, raw: unknown): Promise<IdentityPolicy | Refusal> {
    const p = PolicySchema.safeParse(raw);
    if (!p.success) return this.refused(by, 'policy.update', 'identity', 400, p.error.issues[0]?.message ?? 'bad policy');
    const before = this.current;
    this.current = p.data;
    await this.d.repo.setSetting('identity.policy', JSON.stringify(p.data), this.d.clock.now());
    const diff = Object.fromEntries(
      (Object.keys(p.data) as Array<keyof IdentityPolicy>).filter((k) => before[k] !== p.data[k]).map((k) => [k, { from: before[k], to: p.data[k] }]),
    );
    await this.audit(by, 'policy.update', 'identity', 'ok', diff);
    for (const u of await this.d.repo.listUsers()) this.emitChanged(u.id);
    return p.data;
  }

  // ── helpers ──────────────────────────────────────────────────────────────

  private emitChanged(userId: number): void {
    for (const fn of this.changed) fn(userId);
  }

  private async audit(actor: Actor, action: string, target: string, outcome: 'ok' | 'refused' | 'failed', detail: Record<string, unknown> = {}): Promise<void> {
    await this.d.audit.record(actor, { action, target, outcome, detail });
  }

  /** A refused administrative action: audited (every one, they are rare and deliberate), then answered. */
  private async refused(actor: Actor, action: string, target: string, status: Refusal['status'], error: string): Promise<Refusal> {
    await this.audit(actor, action, target, 'refused', { reason: error });
    return refuse(status, error);
  }

  /** For the bench and tests: the guard's and the queue's state. */
  stats(): { hashingWaiting: number; hashingRunning: number; tickets: number } {
    return { hashingWaiting: this.hashing.waiting, hashingRunning: this.hashing.running, tickets: this.tickets.size };
  }
}

function normaliseCode(c: string): string {
  return c.trim().toLowerCase().replace(/[\s-]/g, '');
}

export type { Ticket };
