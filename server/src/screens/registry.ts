import type { ScreenHello, ScreenInfo } from '@futian/shared';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { OpsRepo } from '../store/ops-types.js';

interface Live {
  info: ScreenInfo;
  sockets: Set<string>;
  /** The ?mode=demo flag the PC was started with: it plays the tour by itself. */
  demo: boolean;
}

/**
 * Every wall screen the server has heard of: the PCs connected now, and those seen
 * before (persisted), so a duty officer notices a screen that went dark. A screen
 * is identified by the id it sends in screen:hello, not by its socket.
 */
export class ScreenRegistry {
  private readonly screens = new Map<string, Live>();
  private readonly bySocket = new Map<string, string>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly repo: OpsRepo,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async load(): Promise<void> {
    for (const r of await this.repo.listScreens()) {
      this.screens.set(r.id, {
        info: { id: r.id, name: r.name, layout: r.layout, screen: r.screen, scene: '', room: '', connected: false, lastSeen: r.lastSeen, firstSeen: r.firstSeen },
        sockets: new Set(),
        demo: false,
      });
    }
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  hello(socketId: string, h: ScreenHello, room: string): ScreenInfo {
    const now = this.clock.now();
    let s = this.screens.get(h.id);
    if (!s) {
      s = {
        info: { id: h.id, name: h.name ?? h.id, layout: h.layout, screen: h.screen, scene: h.scene ?? '', room, connected: true, lastSeen: now, firstSeen: now },
        sockets: new Set(),
        demo: false,
      };
      this.screens.set(h.id, s);
      this.log.info({ screen: h.id, layout: h.layout }, 'new wall screen');
    }
    // A name set in the console wins over the PC's own ?name=.
    if (h.name && s.info.name === s.info.id) s.info.name = h.name.slice(0, 64);
    s.info.layout = String(h.layout).slice(0, 32);
    s.info.screen = String(h.screen).slice(0, 32);
    if (h.scene) s.info.scene = String(h.scene).slice(0, 64);
    s.info.room = room;
    s.info.connected = true;
    s.info.lastSeen = now;
    s.demo = h.mode === 'demo';
    s.sockets.add(socketId);
    this.bySocket.set(socketId, h.id);
    void this.persist(s.info);
    this.changed();
    return { ...s.info };
  }

  state(socketId: string, scene: string): void {
    const s = this.screenOf(socketId);
    if (!s) return;
    s.info.lastSeen = this.clock.now();
    const next = String(scene).slice(0, 64);
    if (next !== s.info.scene) {
      s.info.scene = next;
      this.changed();
    }
  }

  setRoom(id: string, room: string): void {
    const s = this.screens.get(id);
    if (s && s.info.room !== room) {
      s.info.room = room;
      this.changed();
    }
  }

  leave(socketId: string): void {
    const id = this.bySocket.get(socketId);
    this.bySocket.delete(socketId);
    const s = id ? this.screens.get(id) : undefined;
    if (!s) return;
    s.sockets.delete(socketId);
    s.info.lastSeen = this.clock.now();
    if (s.sockets.size === 0) s.info.connected = false;
    void this.persist(s.info);
    this.changed();
  }

  rename(id: string, name: string): boolean {
    const s = this.screens.get(id);
    if (!s) return false;
    s.info.name = name.slice(0, 64);
    void this.persist(s.info);
    this.changed();
    return true;
  }

  list(): ScreenInfo[] {
    return [...this.screens.values()].map((s) => ({ ...s.info })).sort((a, b) => a.id.localeCompare(b.id));
  }

  sockets(id: string): string[] {
    return [...(this.screens.get(id)?.sockets ?? [])];
  }

  idOf(socketId: string): string | undefined {
    return this.bySocket.get(socketId);
  }

  isDemo(id: string): boolean {
    return this.screens.get(id)?.demo ?? false;
  }

  connectedIds(): string[] {
    return [...this.screens.values()].filter((s) => s.info.connected).map((s) => s.info.id);
  }

  private screenOf(socketId: string): Live | undefined {
    const id = this.bySocket.get(socketId);
    return id ? this.screens.get(id) : undefined;
  }

  private async persist(i: ScreenInfo): Promise<void> {
    try {
      await this.repo.upsertScreen({ id: i.id, name: i.name, layout: i.layout, screen: i.screen, firstSeen: i.firstSeen, lastSeen: i.lastSeen });
    } catch (err) {
      this.log.warn({ err, screen: i.id }, 'screen not persisted');
    }
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
  }
}
