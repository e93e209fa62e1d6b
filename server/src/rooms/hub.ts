import type { Namespace, Server, Socket } from 'socket.io';
import {
  applyDelta,
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

/**
 * What a room's driving node sends every node in a cluster (rooms/README.md):
 * each delta, a snapshot when the room goes on air (`fresh`: walls must take
 * it, the seq line starts again) and every few seconds as a keyframe (a node
 * that joins late or missed entries starts from it), and the room's end.
 * `epoch` fences: a message from an owner older than the newest one a node has
 * seen is ignored.
 */
export type RelayMessage =
  | { t: 'delta'; room: string; epoch: number; delta: WallDelta }
  | { t: 'snapshot'; room: string; epoch: number; fresh: boolean; snapshot: WallSnapshot }
  | { t: 'closed'; room: string; epoch: number };

/** Where a cluster node sends its rooms' messages (a Redis stream every node reads back). */
export interface RoomRelay {
  publish(msg: RelayMessage): void;
  /** Period of keyframes per room, in ms. */
  keyframeMs: number;
}

interface Mirror {
  epoch: number;
  snap: WallSnapshot;
  /** A delta was missed (trimmed stream, Redis away): deltas wait for the next snapshot. */
  broken: boolean;
}

interface Entry {
  room: Room;
  timer: NodeJS.Timeout | null;
  keyframe: NodeJS.Timeout | null;
  epoch: number;
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
  private readonly mirrors = new Map<string, Mirror>();

  constructor(
    io: WallServer,
    private readonly d: {
      log: Logger;
      /** Every delta a room sent to its walls (metrics). */
      onDelta?: (room: Room, delta: WallDelta) => void;
      /** Cluster mode: rooms' messages go through this to every node's mirror. */
      relay?: RoomRelay;
    },
  ) {
    this.nsp = io.of(WALL_NAMESPACE);
  }

  /** A room whose deltas reach walls once it is added; until then its ticks only build its mirror. */
  create(spec: RoomSpec): Room {
    const room: Room = new Room(spec, (delta) => {
      if (!this.attached.has(room)) return;
      const relay = this.d.relay;
      if (relay) relay.publish({ t: 'delta', room: spec.id, epoch: this.rooms.get(spec.id)?.epoch ?? 0, delta });
      else this.nsp.to(spec.id).emit('wall:delta', delta);
      this.d.onDelta?.(room, delta);
    });
    return room;
  }

  /**
   * Cluster mode: puts a room in the map without driving it (the live room on a
   * node without its lease). It is fed like the driven one, so a takeover
   * starts from warm state, but it neither ticks nor sends.
   */
  register(room: Room): void {
    if (this.rooms.has(room.id)) this.close(room.id);
    this.rooms.set(room.id, { room, timer: null, keyframe: null, epoch: 0, busy: false });
  }

  /**
   * Cluster mode: this node now drives a registered room, under `epoch` (its
   * lease's fencing token). Pending changes are flushed into the room's own
   * mirror first, then the whole state goes out as a fresh snapshot: every
   * wall of the room, on every node, takes it and follows the new seq line.
   */
  activate(id: string, epoch: number): boolean {
    const e = this.rooms.get(id);
    if (!e) return false;
    this.stopDriver(e);
    e.epoch = epoch;
    e.room.advanceTo(e.room.clock.now());
    e.room.tick();
    this.attached.add(e.room);
    this.startDriver(e);
    return true;
  }

  /** Cluster mode: this node stops driving a room (its lease is gone); it stays registered and fed. */
  deactivate(id: string): void {
    const e = this.rooms.get(id);
    if (!e) return;
    this.stopDriver(e);
    this.attached.delete(e.room);
  }

  /** Whether this node drives the room now. */
  drives(id: string): boolean {
    const e = this.rooms.get(id);
    return e !== undefined && e.timer !== null;
  }

  /** Rooms this node drives now (health). */
  driven(): string[] {
    return [...this.rooms.values()].filter((e) => e.timer !== null).map((e) => e.room.id);
  }

  /**
   * Cluster mode: one message from the relay, in stream order, from any node.
   * Builds this node's mirror of the room and sends its own walls in the room
   * what the mirror took: a snapshot when it starts a line, else the delta.
   */
  receive(msg: RelayMessage): void {
    const cur = this.mirrors.get(msg.room);
    if (cur && msg.epoch < cur.epoch) return;
    const local = this.nsp.local.to(msg.room);
    switch (msg.t) {
      case 'snapshot': {
        // A keyframe of the line this node already follows changes nothing.
        if (cur && !msg.fresh && msg.epoch === cur.epoch && !cur.broken && cur.snap.seq === msg.snapshot.seq) return;
        this.mirrors.set(msg.room, { epoch: msg.epoch, snap: msg.snapshot, broken: false });
        local.emit('wall:snapshot', msg.snapshot);
        return;
      }
      case 'delta': {
        if (!cur || cur.broken || msg.epoch !== cur.epoch) return;
        if (msg.delta.seq !== cur.snap.seq + 1) {
          cur.broken = true;
          this.d.log.warn({ room: msg.room, have: cur.snap.seq, got: msg.delta.seq }, 'relayed delta out of line; waiting for the next keyframe');
          return;
        }
        // The mirror must not share arrays with the delta the sockets are sent.
        applyDelta(cur.snap, structuredClone(msg.delta));
        local.emit('wall:delta', msg.delta);
        return;
      }
      case 'closed':
        this.mirrors.delete(msg.room);
        return;
    }
  }

  /**
   * Puts a prepared room on air. A room of the same id (the demo restarting its
   * script) is closed first, and the walls already in it get the new snapshot,
   * since the new room's seq starts again.
   */
  add(room: Room, epoch = Date.now()): void {
    const replaced = this.rooms.has(room.id);
    if (replaced) this.close(room.id);
    const entry: Entry = { room, timer: null, keyframe: null, epoch, busy: false };
    this.rooms.set(room.id, entry);
    this.attached.add(room);
    this.startDriver(entry);
    if (replaced && !this.d.relay) this.nsp.to(room.id).emit('wall:snapshot', room.pipeline.publisher.snapshot());
    for (const fn of this.openListeners) fn(room);
  }

  /** Takes a room off air: its driver stops and its pipeline detaches from the registry. */
  close(id: string): void {
    const e = this.rooms.get(id);
    if (!e) return;
    this.stopDriver(e);
    this.rooms.delete(id);
    const wasOnAir = this.attached.delete(e.room);
    // The live room never ends: a node shutting down leaves it to the next owner.
    if (wasOnAir && e.room.kind !== 'live') this.d.relay?.publish({ t: 'closed', room: id, epoch: e.epoch });
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

  /** The state walls of a room get on joining: the room's own in one process, this node's mirror in a cluster. */
  snapshot(id: string): WallSnapshot | undefined {
    if (this.d.relay) return this.mirrors.get(id)?.snap;
    return this.rooms.get(id)?.room.pipeline.publisher.snapshot();
  }

  /** Whether walls can join the room on this node. */
  has(id: string): boolean {
    return this.d.relay ? this.mirrors.has(id) : this.rooms.has(id);
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
    const room = this.has(asked) ? asked : LIVE_ROOM;
    socket.data.room = room;
    // A cluster node that has no mirror of the live room yet (it started a
    // moment ago) sends the snapshot when the first one arrives.
    const snap = this.snapshot(room);
    if (snap) socket.emit('wall:snapshot', snap);
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
    this.mirrors.clear();
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

  private startDriver(e: Entry): void {
    e.timer = setInterval(() => this.drive(e), e.room.spec.tickMs);
    e.timer.unref?.();
    const relay = this.d.relay;
    if (!relay) return;
    const send = (fresh: boolean) => relay.publish({ t: 'snapshot', room: e.room.id, epoch: e.epoch, fresh, snapshot: e.room.pipeline.publisher.snapshot() });
    send(true);
    e.keyframe = setInterval(() => send(false), relay.keyframeMs);
    e.keyframe.unref?.();
  }

  private stopDriver(e: Entry): void {
    if (e.timer) clearInterval(e.timer);
    if (e.keyframe) clearInterval(e.keyframe);
    e.timer = null;
    e.keyframe = null;
  }
}
