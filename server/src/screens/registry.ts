import type { ScreenConfig, ScreenHello, ScreenIdentity, ScreenInfo } from '@futian/shared';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { OpsRepo, ScreenRow } from '../store/ops-types.js';
import { hashSecret } from './secrets.js';

interface Known {
  row: ScreenRow;
  /** Reported by the page in its hello; not persisted. */
  reportedLayout: string;
  reportedScreen: string;
  scene: string;
  room: string;
  sockets: Set<string>;
}

/**
 * The enrolled screens: their configuration and credential hash (persisted),
 * which sockets are each screen now, and what each reports. A screen's id is
 * bound to its credential: the handshake finds the screen from the credential,
 * so a page cannot claim an id. Revoked screens stay listed, without a
 * credential, until an operator forgets them.
 */
export class ScreenRegistry {
  private readonly screens = new Map<string, Known>();
  private readonly byHash = new Map<string, string>();
  private readonly bySocket = new Map<string, string>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly repo: OpsRepo,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async load(): Promise<void> {
    for (const row of await this.repo.listScreens()) this.remember(row);
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Takes in what another cluster node changed in the store (an enrollment, new
   * settings, a revocation, a forgotten screen), keeping this node's own sockets
   * and reports. Returns the sockets connected here of screens that are no
   * longer enrolled: the caller drops them, as a revocation here would.
   */
  async refresh(): Promise<string[]> {
    const rows = await this.repo.listScreens();
    const drop: string[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.id);
      const known = this.screens.get(row.id);
      if (!known) {
        this.remember(row);
        continue;
      }
      if (known.row.credentialHash) this.byHash.delete(known.row.credentialHash);
      if (known.row.status === 'enrolled' && row.status !== 'enrolled') drop.push(...known.sockets);
      known.row = row;
      if (row.credentialHash && row.status === 'enrolled') this.byHash.set(row.credentialHash, row.id);
    }
    for (const [id, known] of this.screens) {
      if (seen.has(id)) continue;
      if (known.row.credentialHash) this.byHash.delete(known.row.credentialHash);
      drop.push(...known.sockets);
      this.screens.delete(id);
    }
    this.changed();
    return drop;
  }

  /** The enrolled screen this credential belongs to, if any. */
  byCredential(credential: string): ScreenIdentity | undefined {
    const id = this.byHash.get(hashSecret(credential));
    const s = id === undefined ? undefined : this.screens.get(id);
    return s && s.row.status === 'enrolled' ? identity(s.row) : undefined;
  }

  has(id: string): boolean {
    return this.screens.has(id);
  }

  identity(id: string): ScreenIdentity | undefined {
    const s = this.screens.get(id);
    return s ? identity(s.row) : undefined;
  }

  /** Stores a newly enrolled screen with its credential's hash; false when the id is taken. */
  async enroll(id: string, config: ScreenConfig, credential: string, by: string, address: string): Promise<ScreenInfo | null> {
    if (this.screens.has(id)) return null;
    const now = this.clock.now();
    const row: ScreenRow = {
      id,
      ...config,
      credentialHash: hashSecret(credential),
      status: 'enrolled',
      enrolledAt: now,
      enrolledBy: by,
      revokedAt: null,
      address,
      lastSeen: now,
    };
    if (!(await this.repo.insertScreen(row))) return null;
    this.remember(row);
    this.log.info({ screen: id, by, address }, 'screen enrolled');
    this.changed();
    return this.info(id);
  }

  async configure(id: string, config: ScreenConfig): Promise<ScreenInfo | null> {
    const s = this.screens.get(id);
    if (!s || s.row.status !== 'enrolled') return null;
    Object.assign(s.row, config);
    await this.repo.updateScreen(id, config);
    this.changed();
    return this.info(id);
  }

  /** Revokes the credential; returns the sockets the caller must drop. */
  async revoke(id: string): Promise<string[] | null> {
    const s = this.screens.get(id);
    if (!s || s.row.status !== 'enrolled') return null;
    if (s.row.credentialHash) this.byHash.delete(s.row.credentialHash);
    s.row.status = 'revoked';
    s.row.credentialHash = null;
    s.row.revokedAt = this.clock.now();
    await this.repo.updateScreen(id, { status: 'revoked', credentialHash: null, revokedAt: s.row.revokedAt });
    this.changed();
    return [...s.sockets];
  }

  /** Removes a revoked screen for good. */
  async forget(id: string): Promise<boolean> {
    const s = this.screens.get(id);
    if (!s || s.row.status !== 'revoked') return false;
    this.screens.delete(id);
    for (const sid of s.sockets) this.bySocket.delete(sid);
    await this.repo.deleteScreen(id);
    this.changed();
    return true;
  }

  /** An enrolled screen's socket said hello. */
  hello(socketId: string, id: string, h: ScreenHello, room: string, address: string): ScreenInfo | null {
    const s = this.screens.get(id);
    if (!s || s.row.status !== 'enrolled') return null;
    s.reportedLayout = h.layout.slice(0, 32);
    s.reportedScreen = h.screen.slice(0, 32);
    if (h.scene) s.scene = h.scene.slice(0, 64);
    s.room = room;
    s.row.lastSeen = this.clock.now();
    s.row.address = address;
    s.sockets.add(socketId);
    this.bySocket.set(socketId, id);
    void this.persistSeen(s.row);
    this.changed();
    return this.info(id);
  }

  state(socketId: string, scene: string): void {
    const s = this.screenOf(socketId);
    if (!s) return;
    s.row.lastSeen = this.clock.now();
    const next = scene.slice(0, 64);
    if (next !== s.scene) {
      s.scene = next;
      this.changed();
    }
  }

  setRoom(id: string, room: string): void {
    const s = this.screens.get(id);
    if (s && s.room !== room) {
      s.room = room;
      this.changed();
    }
  }

  leave(socketId: string): void {
    const s = this.screenOf(socketId);
    this.bySocket.delete(socketId);
    if (!s) return;
    s.sockets.delete(socketId);
    s.row.lastSeen = this.clock.now();
    void this.persistSeen(s.row);
    this.changed();
  }

  list(): ScreenInfo[] {
    return [...this.screens.keys()].sort().map((id) => this.info(id)!);
  }

  info(id: string): ScreenInfo | null {
    const s = this.screens.get(id);
    if (!s) return null;
    const { credentialHash: _hash, ...row } = s.row;
    return {
      ...row,
      reportedLayout: s.reportedLayout,
      reportedScreen: s.reportedScreen,
      scene: s.scene,
      room: s.room,
      connected: s.sockets.size > 0,
    };
  }

  sockets(id: string): string[] {
    return [...(this.screens.get(id)?.sockets ?? [])];
  }

  idOf(socketId: string): string | undefined {
    return this.bySocket.get(socketId);
  }

  isDemo(id: string): boolean {
    const s = this.screens.get(id);
    return s?.row.status === 'enrolled' && s.row.mode === 'demo';
  }

  /** Enrolled screens with a socket now: the targets of "all screens". */
  connectedIds(): string[] {
    return [...this.screens.values()].filter((s) => s.row.status === 'enrolled' && s.sockets.size > 0).map((s) => s.row.id);
  }

  private remember(row: ScreenRow): void {
    this.screens.set(row.id, { row, reportedLayout: '', reportedScreen: '', scene: '', room: '', sockets: new Set() });
    if (row.credentialHash && row.status === 'enrolled') this.byHash.set(row.credentialHash, row.id);
  }

  private screenOf(socketId: string): Known | undefined {
    const id = this.bySocket.get(socketId);
    return id ? this.screens.get(id) : undefined;
  }

  private async persistSeen(row: ScreenRow): Promise<void> {
    try {
      await this.repo.updateScreen(row.id, { lastSeen: row.lastSeen, address: row.address });
    } catch (err) {
      this.log.warn({ err, screen: row.id }, 'screen not persisted');
    }
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
  }
}

function identity(row: ScreenRow): ScreenIdentity {
  return { id: row.id, name: row.name, layout: row.layout, screen: row.screen, mode: row.mode };
}
