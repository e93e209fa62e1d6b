import type { Request, Response } from 'express';
import { can, type Permission } from '@futian/shared';
import type { Actor } from '../audit/log.js';
import type { AuditRefusals } from '../audit/refusals.js';
import { parseCookies, SESSION_COOKIE, type AuthService, type SessionUser } from '../auth/service.js';
import { HttpError } from './errors.js';

export interface Gate {
  /**
   * The signed-in user, or a thrown HttpError: 401 without a valid session
   * (`session timed out` when it lapsed), 403 while account set-up steps are
   * pending (unless `pendingOk`), 403 without the permission. Every request
   * through here counts as activity for the idle timeout. Refusals are
   * audited (in aggregate: one row per actor, address, action and window).
   */
  require(req: Request, res: Response, need: Permission | 'signed-in', opts?: { pendingOk?: boolean; action?: string }): Promise<SessionUser & { address: string }>;
  actor(u: SessionUser, req: Request): Actor & { id: number; role: SessionUser['role'] };
}

export function sessionGate(auth: AuthService, refusals: AuditRefusals, addressOf: (req: Request) => string): Gate {
  return {
    async require(req, res, need, opts = {}) {
      const address = addressOf(req);
      const action = opts.action ?? `${req.method} ${req.route?.path ?? req.path}`;
      const s = await auth.session(parseCookies(req.headers.cookie)[SESSION_COOKIE], { touch: true });
      if (s === null || s === 'timed out') {
        refusals.note({ name: 'anonymous', kind: 'anonymous', address }, action, '', s ? 'session timed out' : 'not signed in');
        throw new HttpError(401, s ? 'session timed out' : 'not signed in');
      }
      const actor: Actor = { name: s.name, kind: 'user', address };
      if (s.pending.length > 0 && !opts.pendingOk) {
        refusals.note(actor, action, '', 'account set-up pending');
        throw new HttpError(403, 'finish setting up your account first', { pending: s.pending });
      }
      if (need !== 'signed-in' && !can(s.role, need)) {
        refusals.note(actor, action, '', `${need} not allowed for ${s.role}`);
        throw new HttpError(403, `your role (${s.role}) may not do this: ${need} required`);
      }
      res.locals.user = s;
      return { ...s, address };
    },
    actor(u, req) {
      return { name: u.name, kind: 'user', address: addressOf(req), id: u.id, role: u.role };
    },
  };
}
