import express, { Router, type Request, type Response } from 'express';
import type { Role } from '@futian/shared';
import { HttpError, requireObjectBody } from '../http/errors.js';
import type { AuditLog } from '../audit/log.js';
import { hasRole, parseCookies, SESSION_COOKIE, type AuthService } from '../auth/service.js';

type SessionUser = NonNullable<Awaited<ReturnType<AuthService['userForToken']>>>;

/** Console REST: login/logout, the current user, password change, and user admin. */
export function consoleRoutes(deps: { auth: AuthService; audit: AuditLog }): Router {
  const r = Router();
  const json = express.json({ limit: 8 * 1024 });

  const current = async (req: Request): Promise<SessionUser | null> =>
    deps.auth.userForToken(parseCookies(req.headers.cookie)[SESSION_COOKIE]);

  const require = (need: Role) => async (req: Request, res: Response): Promise<SessionUser> => {
    const u = await current(req);
    if (!u) throw new HttpError(401, 'not signed in');
    if (!hasRole(u, need)) throw new HttpError(403, `${need} role required`);
    res.locals.user = u;
    return u;
  };

  r.post('/api/console/login', json, async (req, res) => {
    const b = requireObjectBody(req.body);
    const ip = req.ip ?? 'unknown';
    const result = await deps.auth.login(b.name, b.password, ip);
    if (!result.ok) {
      if (result.retryAfterS) res.setHeader('Retry-After', String(result.retryAfterS));
      await deps.audit.record(typeof b.name === 'string' ? b.name.slice(0, 64) : '?', 'login.failed', [], { ip, status: result.status });
      res.status(result.status).json({ error: result.error, ...(result.retryAfterS ? { retryAfterS: result.retryAfterS } : {}) });
      return;
    }
    res.cookie(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: '/',
      expires: new Date(result.expiresAt),
    });
    await deps.audit.record(result.user.name, 'login', [], { ip });
    res.json({ user: result.user });
  });

  r.post('/api/console/logout', async (req, res) => {
    const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    const u = await current(req);
    await deps.auth.logout(token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    if (u) await deps.audit.record(u.name, 'logout', []);
    res.json({ ok: true });
  });

  r.get('/api/console/me', async (req, res) => {
    const u = await require('viewer')(req, res);
    res.json({ user: { id: u.id, name: u.name, role: u.role, mustChangePassword: u.mustChangePassword } });
  });

  r.post('/api/console/password', json, async (req, res) => {
    const u = await require('viewer')(req, res);
    const b = requireObjectBody(req.body);
    const err = await deps.auth.changePassword(u.id, b.current, b.next);
    if (err) throw new HttpError(400, err);
    await deps.audit.record(u.name, 'password.change', []);
    res.json({ ok: true });
  });

  r.get('/api/console/users', async (req, res) => {
    await require('admin')(req, res);
    res.json({ users: await deps.auth.listUsers() });
  });

  r.post('/api/console/users', json, async (req, res) => {
    const admin = await require('admin')(req, res);
    const b = requireObjectBody(req.body);
    const created = await deps.auth.createUser(b.name, b.role, b.password);
    if (typeof created === 'string') throw new HttpError(400, created);
    await deps.audit.record(admin.name, 'user.create', [], { user: created.name, role: created.role });
    res.status(201).json({ user: created });
  });

  r.patch('/api/console/users/:id', json, async (req, res) => {
    const admin = await require('admin')(req, res);
    const id = Number(req.params.id);
    if (!Number.isInteger(id)) throw new HttpError(400, 'bad user id');
    if (id === admin.id && (req.body?.role !== undefined || req.body?.disabled === true)) {
      throw new HttpError(400, 'admins cannot demote or disable themselves');
    }
    const b = requireObjectBody(req.body);
    const err = await deps.auth.updateUser(id, { role: b.role, disabled: b.disabled, password: b.password });
    if (err) throw new HttpError(err === 'no such user' ? 404 : 400, err);
    await deps.audit.record(admin.name, 'user.update', [], { id, role: b.role, disabled: b.disabled, passwordReset: b.password !== undefined });
    res.json({ ok: true });
  });

  return r;
}
