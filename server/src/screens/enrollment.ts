import type { EnrollLinkInfo, Enrolled, ScreenConfig, ScreenInfo } from '@futian/shared';
import type { AuditLog } from '../audit/log.js';
import type { AuditRefusals } from '../audit/refusals.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { WallNamespace } from '../rooms/hub.js';
import type { EnrollLinkRow, OpsRepo } from '../store/ops-types.js';
import type { PairingBook } from './pairing.js';
import type { ScreenRegistry } from './registry.js';
import { hashSecret, newScreenId, newSecret } from './secrets.js';

const linkInfo = ({ tokenHash: _t, usedScreen, ...l }: EnrollLinkRow): EnrollLinkInfo => ({ ...l, screenId: usedScreen ?? l.screenId });

/**
 * How a PC becomes a screen, and stops being one. Two ways in, as signage
 * players pair: an operator approves the code a page shows, or the console
 * issues a one-time, expiring link for unattended setup. Either way the PC is
 * handed a credential once, over its socket, and keeps it; the server keeps
 * only its hash. Revoking drops the screen's sockets at once.
 */
export class Enrollment {
  private readonly listeners = new Set<() => void>();
  /** The console's list of links, refreshed after each change (the console's state is built synchronously). */
  private linkCache: EnrollLinkInfo[] = [];

  constructor(
    private readonly d: {
      registry: ScreenRegistry;
      pairing: PairingBook;
      repo: OpsRepo;
      nsp: WallNamespace;
      audit: AuditLog;
      refusals: AuditRefusals;
      clock: Clock;
      log: Logger;
    },
  ) {}

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** An operator approves the code a page shows. The page gets its credential over its own socket. */
  async approve(code: string, id: string | undefined, config: ScreenConfig, by: string): Promise<ScreenInfo | string> {
    const wanted = id ?? newScreenId();
    if (this.d.registry.has(wanted)) return `screen id '${wanted}' is taken`;
    const p = this.d.pairing.take(code);
    if (!p) return 'no such pairing code: it may have expired, or the page asked for a new one';
    const socket = this.d.nsp.sockets.get(p.socketId);
    if (!socket?.connected) return 'the page that showed this code has gone; ask it for a new code';
    const credential = newSecret();
    const info = await this.d.registry.enroll(wanted, config, credential, by, p.address);
    if (!info) return `screen id '${wanted}' is taken`;
    socket.emit('screen:enrolled', { credential, screen: this.d.registry.identity(wanted)! });
    return info;
  }

  /** A one-time link for unattended setup; the token is returned once and stored as a hash. */
  async createLink(id: string | undefined, config: ScreenConfig, ttlH: number, by: string): Promise<{ link: EnrollLinkInfo; token: string } | string> {
    if (id !== undefined && this.d.registry.has(id)) return `screen id '${id}' is taken`;
    const token = newSecret(24);
    const now = this.d.clock.now();
    const row: EnrollLinkRow = {
      id: newSecret(6),
      tokenHash: hashSecret(token),
      screenId: id ?? null,
      ...config,
      createdBy: by,
      createdAt: now,
      expiresAt: now + Math.round(ttlH * 3_600_000),
      usedAt: null,
      usedScreen: null,
    };
    await this.d.repo.insertEnrollLink(row);
    this.changed();
    return { link: linkInfo(row), token };
  }

  /**
   * A page opened with an enrollment link trades its token for a credential.
   * The link is used up in one statement, so two pages cannot both win it.
   * Audited here, refusals included (in aggregate): no person is at the
   * console to do it.
   */
  async redeem(token: string, address: string): Promise<Enrolled | string> {
    const link = await this.d.repo.takeEnrollLink(hashSecret(token), this.d.clock.now());
    if (!link) {
      this.d.refusals.note({ name: 'enroll-link', kind: 'anonymous', address }, 'screen:enroll', '', 'unknown, used or expired link');
      return 'this enrollment link is unknown, used or expired';
    }
    const id = link.screenId && !this.d.registry.has(link.screenId) ? link.screenId : newScreenId();
    const credential = newSecret();
    const config: ScreenConfig = { name: link.name, layout: link.layout, screen: link.screen, mode: link.mode };
    const info = await this.d.registry.enroll(id, config, credential, `${link.createdBy} (link ${link.id})`, address);
    if (!info) return 'could not enroll this screen; ask for a new link';
    await this.d.repo.setEnrollLinkScreen(link.id, id);
    await this.d.audit.record(
      { name: `enroll-link:${link.id}`, kind: 'screen', address },
      { action: 'screen:enroll', target: id, outcome: 'ok', screens: [id], detail: { createdBy: link.createdBy } },
    );
    this.changed();
    return { credential, screen: this.d.registry.identity(id)! };
  }

  async revokeLink(id: string): Promise<boolean> {
    const ok = await this.d.repo.deleteEnrollLink(id);
    if (ok) this.changed();
    return ok;
  }

  /** Links for the console: unused and unexpired, and those used or expired in the last day. */
  links(): EnrollLinkInfo[] {
    return this.linkCache;
  }

  async load(): Promise<void> {
    this.linkCache = (await this.d.repo.listEnrollLinks(this.d.clock.now())).map(linkInfo);
  }

  /** New settings reach the screen at once (it reloads into them). */
  async configure(id: string, config: ScreenConfig): Promise<ScreenInfo | null> {
    const info = await this.d.registry.configure(id, config);
    if (!info) return null;
    const me = this.d.registry.identity(id)!;
    for (const sid of this.d.registry.sockets(id)) this.d.nsp.sockets.get(sid)?.emit('screen:config', me);
    return info;
  }

  /** Revokes the credential and drops the screen's sockets; the page falls back to pairing. */
  async revoke(id: string): Promise<boolean> {
    const sockets = await this.d.registry.revoke(id);
    if (!sockets) return false;
    for (const sid of sockets) {
      const s = this.d.nsp.sockets.get(sid);
      if (!s) continue;
      s.emit('screen:revoked');
      // engine.io flushes what is queued before it closes, so the page hears why.
      s.disconnect(true);
    }
    return true;
  }

  forget(id: string): Promise<boolean> {
    return this.d.registry.forget(id);
  }

  private changed(): void {
    void this.load().then(
      () => {
        for (const fn of this.listeners) fn();
      },
      (err: unknown) => this.d.log.warn({ err }, 'enrollment links not reloaded'),
    );
  }
}
