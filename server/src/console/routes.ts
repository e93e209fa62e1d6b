import express, { Router, type Request, type Response } from 'express';
import { HttpError, requireObjectBody } from '../http/errors.js';
import type { Gate } from '../http/session.js';
import { DEVICE_COOKIE, parseCookies, SESSION_COOKIE, type AuthService, type LoginResult, type Refusal } from '../auth/service.js';

/**
 * Console REST: the two-step sign-in, the user's own account (name, password,
 * second factor), and administration split by role (三员分立): accounts
 * (sysadmin), roles, second-factor resets, policy and sessions (secadmin).
 * Who may call each route is decided by `gate.require` with a permission from
 * shared/src/roles.ts; the service audits every change and every refusal.
 */
export function consoleRoutes(deps: { auth: AuthService; gate: Gate; addressOf: (req: Request) => string }): Router {
  const { auth, gate } = deps;
  const r = Router();
  const json = express.json({ limit: 8 * 1024 });

  /** A refusal from the service becomes its status and JSON reason. */
  const unwrap = <T>(x: T | Refusal, res: Response): T => {
    if (typeof x === 'object' && x !== null && 'ok' in x && (x as Refusal).ok === false) {
      const f = x as Refusal;
      if (f.retryAfterS) res.setHeader('Retry-After', String(f.retryAfterS));
      throw new HttpError(f.status, f.error, f.retryAfterS ? { retryAfterS: f.retryAfterS } : {});
    }
    return x as T;
  };

  const finish = (req: Request, res: Response, result: LoginResult) => {
    const ok = unwrap(result, res);
    if (ok.kind === 'totp') {
      res.json({ step: 'totp', ticket: ok.ticket });
      return;
    }
    const secure = req.secure;
    res.cookie(SESSION_COOKIE, ok.token, { httpOnly: true, sameSite: 'strict', secure, path: '/', expires: new Date(ok.expiresAt) });
    // The known-device cookie outlives sessions: it is what keeps this desk's own budget apart from anyone else's guesses.
    res.cookie(DEVICE_COOKIE, ok.device, { httpOnly: true, sameSite: 'strict', secure, path: '/api/console/login', maxAge: 365 * 86_400_000 });
    res.json({ user: ok.user });
  };

  const id = (req: Request): number => {
    const n = Number(req.params.id);
    if (!Number.isInteger(n) || n <= 0) throw new HttpError(400, 'bad user id');
    return n;
  };

  r.post('/api/console/login', json, async (req, res) => {
    const b = requireObjectBody(req.body);
    const cookies = parseCookies(req.headers.cookie);
    finish(req, res, await auth.login(b.name, b.password, deps.addressOf(req), cookies[DEVICE_COOKIE], req.get('user-agent') ?? ''));
  });

  r.post('/api/console/login/totp', json, async (req, res) => {
    const b = requireObjectBody(req.body);
    const cookies = parseCookies(req.headers.cookie);
    finish(req, res, await auth.loginSecondFactor(b.ticket, b.code, b.recoveryCode, deps.addressOf(req), cookies[DEVICE_COOKIE], req.get('user-agent') ?? ''));
  });

  r.post('/api/console/logout', async (req, res) => {
    await auth.logout(parseCookies(req.headers.cookie)[SESSION_COOKIE], deps.addressOf(req));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.json({ ok: true });
  });

  r.get('/api/console/me', async (req, res) => {
    const u = await gate.require(req, res, 'signed-in', { pendingOk: true });
    const { sessionHash: _h, address: _a, ...user } = u;
    res.json({ user, policy: auth.policy });
  });

  r.get('/api/console/policy', async (req, res) => {
    await gate.require(req, res, 'signed-in', { pendingOk: true });
    res.json({ policy: auth.policy });
  });

  r.put('/api/console/policy', json, async (req, res) => {
    const u = await gate.require(req, res, 'policy.manage');
    res.json({ policy: unwrap(await auth.setPolicy(gate.actor(u, req), requireObjectBody(req.body)), res) });
  });

  r.post('/api/console/rename', json, async (req, res) => {
    const u = await gate.require(req, res, 'signed-in', { pendingOk: true });
    res.json({ user: unwrap(await auth.rename(u, u.address, requireObjectBody(req.body).name), res) });
  });

  r.post('/api/console/password', json, async (req, res) => {
    const u = await gate.require(req, res, 'signed-in', { pendingOk: true });
    const b = requireObjectBody(req.body);
    res.json({ user: unwrap(await auth.changePassword(u, u.address, b.current, b.next), res) });
  });

  r.post('/api/console/totp/setup', async (req, res) => {
    const u = await gate.require(req, res, 'signed-in', { pendingOk: true });
    if (u.pending.includes('rename') || u.pending.includes('password')) {
      throw new HttpError(403, 'choose your name and password first', { pending: u.pending });
    }
    res.json(await auth.totpSetup(u, u.address));
  });

  r.post('/api/console/totp/enable', json, async (req, res) => {
    const u = await gate.require(req, res, 'signed-in', { pendingOk: true });
    res.json(unwrap(await auth.totpEnable(u, u.address, requireObjectBody(req.body).code), res));
  });

  r.post('/api/console/totp/disable', json, async (req, res) => {
    const u = await gate.require(req, res, 'signed-in');
    res.json({ user: unwrap(await auth.totpDisable(u, u.address, requireObjectBody(req.body).password), res) });
  });

  r.post('/api/console/recovery-codes', json, async (req, res) => {
    const u = await gate.require(req, res, 'signed-in');
    res.json({ recoveryCodes: unwrap(await auth.regenerateRecoveryCodes(u, u.address, requireObjectBody(req.body).password), res) });
  });

  r.get('/api/console/users', async (req, res) => {
    await gate.require(req, res, 'users.list');
    res.json({ users: await auth.listUsers() });
  });

  r.post('/api/console/users', json, async (req, res) => {
    const u = await gate.require(req, res, 'users.manage');
    const b = requireObjectBody(req.body);
    if (b.role !== undefined) throw new HttpError(400, 'a new account is a viewer; the security administrator assigns roles');
    res.status(201).json({ user: unwrap(await auth.createUser(gate.actor(u, req), b.name, b.password), res) });
  });

  r.patch('/api/console/users/:id', json, async (req, res) => {
    const u = await gate.require(req, res, 'users.manage');
    const b = requireObjectBody(req.body);
    if (b.role !== undefined) throw new HttpError(400, 'roles are assigned with PUT /api/console/users/:id/role by the security administrator');
    res.json({ user: unwrap(await auth.updateUser(gate.actor(u, req), id(req), { disabled: b.disabled, password: b.password }), res) });
  });

  r.put('/api/console/users/:id/role', json, async (req, res) => {
    // The gate only needs a signed-in, set-up user: the service decides (secadmin, or the sysadmin's one bootstrap).
    const u = await gate.require(req, res, 'users.list');
    res.json({ user: unwrap(await auth.assignRole(gate.actor(u, req), id(req), requireObjectBody(req.body).role), res) });
  });

  r.post('/api/console/users/:id/totp-reset', async (req, res) => {
    const u = await gate.require(req, res, 'roles.assign');
    res.json({ user: unwrap(await auth.resetTotp(gate.actor(u, req), id(req)), res) });
  });

  r.get('/api/console/sessions', async (req, res) => {
    const u = await gate.require(req, res, 'sessions.manage');
    res.json({ sessions: await auth.listSessions(u.sessionHash) });
  });

  r.delete('/api/console/sessions/:sid', async (req, res) => {
    const u = await gate.require(req, res, 'sessions.manage');
    const sid = String(req.params.sid);
    if (!/^[\w-]{4,32}$/.test(sid)) throw new HttpError(400, 'bad session id');
    unwrap(await auth.endSession(gate.actor(u, req), sid), res);
    res.json({ ok: true });
  });

  return r;
}
