import type { PairingRequest } from '@futian/shared';
import type { Clock } from '../platform/clock.js';
import { newPairingCode, normaliseCode } from './secrets.js';

export interface PairingLimits {
  ttlMs: number;
  /** Codes waiting from one address: a PC reloading twice is fine, a script minting codes is not. */
  perAddress: number;
  /** Codes waiting in all: the console's list stays readable whatever the LAN does. */
  total: number;
}

interface Pending extends PairingRequest {
  socketId: string;
}

/**
 * Pages waiting for an operator to approve their code. Held in memory only (an
 * unenrolled page can persist nothing), one code per socket, bounded per
 * address and in all, and each expires by itself.
 */
export class PairingBook {
  private readonly byCode = new Map<string, Pending>();
  private readonly bySocket = new Map<string, string>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: PairingLimits,
  ) {}

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** A fresh code for this socket (its previous one is dropped), or the reason there is none. */
  request(socketId: string, address: string, layout: string): Pending | string {
    this.sweep();
    this.dropSocket(socketId, false);
    let fromAddress = 0;
    for (const p of this.byCode.values()) if (p.address === address) fromAddress++;
    if (fromAddress >= this.limits.perAddress) return `at most ${this.limits.perAddress} pairing codes may wait from one address`;
    if (this.byCode.size >= this.limits.total) return 'too many pairing codes are waiting; try again later';
    let code = newPairingCode();
    while (this.byCode.has(code)) code = newPairingCode();
    const now = this.clock.now();
    const p: Pending = { code, socketId, address, layout: layout.slice(0, 16), requestedAt: now, expiresAt: now + this.limits.ttlMs };
    this.byCode.set(code, p);
    this.bySocket.set(socketId, code);
    this.changed();
    return p;
  }

  /** Removes and returns a waiting, unexpired request. */
  take(code: string): Pending | undefined {
    this.sweep();
    const p = this.byCode.get(normaliseCode(code));
    if (!p) return undefined;
    this.byCode.delete(p.code);
    this.bySocket.delete(p.socketId);
    this.changed();
    return p;
  }

  dropSocket(socketId: string, notify = true): void {
    const code = this.bySocket.get(socketId);
    if (code === undefined) return;
    this.bySocket.delete(socketId);
    this.byCode.delete(code);
    if (notify) this.changed();
  }

  list(): PairingRequest[] {
    this.sweep();
    return [...this.byCode.values()].map(({ socketId: _s, ...r }) => r).sort((a, b) => a.requestedAt - b.requestedAt);
  }

  /** Drops expired codes; the console's next state no longer lists them. */
  sweep(): void {
    const now = this.clock.now();
    let dropped = false;
    for (const p of this.byCode.values()) {
      if (p.expiresAt > now) continue;
      this.byCode.delete(p.code);
      this.bySocket.delete(p.socketId);
      dropped = true;
    }
    if (dropped) this.changed();
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
  }
}
