import type { Namespace, Server, Socket } from 'socket.io';
import {
  LIVE_ROOM,
  WALL_NAMESPACE,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
  type WallDelta,
  type WallSnapshot,
} from '@futian/shared';
import type { Logger } from '../platform/logger.js';
import { Room, type RoomSpec } from './room.js';

export type WallServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type WallNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type WallSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

interface Entry {
  room: Room;
  timer: NodeJS.Timeout | null;
  /** An async step (a replay's page read) still running: the next tick skips rather than overlaps it. */
  busy: boolean;
}

/**
 * Every room there is (live, demo, each replay), and the only code that moves
 * one forward or sends it to walls. A room is built with `create`, prepared by
 * its owner (restored state, prefilled series), then `add`ed: only then does it
 * emit, and its driver starts. One driver per room runs the source's step, the
 * sweeps and samples due in room time, and the publisher's tick. In a cluster
 * this is the seam where one node owns a room.
 */
export class RoomHub {
  readonly nsp: WallNamespace;
  private readonly rooms = new Map<string, Entry>();
  private readonly attached = new WeakSet<Room>();
  private readonly openListeners = new Set<(r: Room) => void>();
  private readonly closeListeners = new Set<(r: Room) => void>();

  constructor(
    io: WallServer,
    private readonly d: {
      log: Logger;
      /** Every delta a room sent to its walls (metrics). */
      onDelta?: (room: Room, delta: WallDelta) => void;
    },
  ) {
    this.nsp = io.of(WALL_NAMESPACE);
  }

  /** A room whose deltas reach walls once it is added; until then its ticks only build its mirror. */
  create(spec: RoomSpec): Room {
    const room: Room = new Room(spec, (delta) => {
      if (!this.attached.has(room)) return;
      this.nsp.to(spec.id).emit('wall:delta', delta);
      this.d.onDelta?.(room, delta);
    });
    return room;
  }

  /**
   * Puts a prepared room on air. A room of the same id (the demo restarting its
   * script) is closed first, and the walls already in it get the new snapshot,
   * since the new room's seq starts again.
   */
  add(room: Room): void {
    const replaced = this.rooms.has(room.id);
    if (replaced) this.close(room.id);
    const entry: Entry = { room, timer: null, busy: false };
    this.rooms.set(room.id, entry);
    this.attached.add(room);
    entry.timer = setInterval(() => this.drive(entry), room.spec.tickMs);
    entry.timer.unref?.();
    if (replaced) this.nsp.to(room.id).emit('wall:snapshot', room.pipeline.publisher.snapshot());
    for (const fn of this.openListeners) fn(room);
  }

  /** Takes a room off air: its driver stops and its pipeline detaches from the registry. */
  close(id: string): void {
    const e = this.rooms.get(id);
    if (!e) return;
    this.stopDriver(e);
    this.rooms.delete(id);
    this.attached.delete(e.room);
    e.room.pipeline.dispose();
    for (const fn of this.closeListeners) fn(e.room);
  }

  /** Stops a room's driver but keeps it joinable (a stopped demo, a finished replay lingering). */
  halt(id: string): void {
    const e = this.rooms.get(id);
    if (e) this.stopDriver(e);
  }

  get(id: string): Room | undefined {
    return this.rooms.get(id)?.room;
  }

  get live(): Room {
    const e = this.rooms.get(LIVE_ROOM);
    if (!e) throw new Error('the live room is not open');
    return e.room;
  }

  get size(): number {
    return this.rooms.size;
  }

  snapshot(id: string): WallSnapshot | undefined {
    return this.rooms.get(id)?.room.pipeline.publisher.snapshot();
  }

  onOpen(fn: (r: Room) => void): () => void {
    this.openListeners.add(fn);
    return () => this.openListeners.delete(fn);
  }

  onClose(fn: (r: Room) => void): () => void {
    this.closeListeners.add(fn);
    return () => this.closeListeners.delete(fn);
  }

  /**
   * Puts a new wall socket in the room it asked for (live if that room does not
   * exist). Snapshot and join happen in one synchronous step, so no delta can
   * fall between them.
   */
  join(socket: WallSocket, asked: string): string {
    const room = this.rooms.has(asked) ? asked : LIVE_ROOM;
    socket.data.room = room;
    socket.emit('wall:snapshot', this.snapshot(room)!);
    void socket.join(room);
    return room;
  }

  /** Moves a connected wall socket to another room, with that room's snapshot. */
  move(socketId: string, room: string): boolean {
    const socket = this.nsp.sockets.get(socketId);
    const target = this.snapshot(room);
    if (!socket || !target) return false;
    const prev = socket.data.room ?? LIVE_ROOM;
    if (prev !== room) void socket.leave(prev);
    socket.data.room = room;
    socket.emit('wall:snapshot', target);
    void socket.join(room);
    return true;
  }

  dispose(): void {
    for (const id of [...this.rooms.keys()]) this.close(id);
  }

  private drive(e: Entry): void {
    if (e.busy) return;
    let out: ReturnType<RoomSpec['source']['step']>;
    try {
      out = e.room.spec.source.step(e.room);
    } catch (err) {
      this.fail(e, err);
      return;
    }
    if (out instanceof Promise) {
      e.busy = true;
      out.then(
        (r) => {
          e.busy = false;
          this.finishStep(e, r);
        },
        (err: unknown) => {
          e.busy = false;
          this.fail(e, err);
        },
      );
    } else {
      this.finishStep(e, out);
    }
  }

  private finishStep(e: Entry, r: void | 'ended'): void {
    // A room closed while its step ran must not tick into a pipeline that is gone.
    if (this.rooms.get(e.room.id) !== e) return;
    e.room.advanceTo(e.room.clock.now());
    e.room.tick();
    if (r === 'ended') this.stopDriver(e);
  }

  private fail(e: Entry, err: unknown): void {
    this.d.log.error({ err, room: e.room.id }, 'room step failed; its driver stops');
    this.stopDriver(e);
  }

  private stopDriver(e: Entry): void {
    if (e.timer) clearInterval(e.timer);
    e.timer = null;
  }
}
