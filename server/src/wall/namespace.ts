import type { Namespace, Server } from 'socket.io';
import {
  LIVE_ROOM,
  WALL_NAMESPACE,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from '@futian/shared';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Pipeline } from '../pipeline/pipeline.js';

export type WallServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type WallNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface RoomDirectory {
  get(room: string): Pipeline | undefined;
}

export interface WallNamespaceHooks {
  /** Screen registry and control plane: hello, heartbeats and disconnects. */
  onHello?: (socketId: string, hello: Parameters<ClientToServerEvents['screen:hello']>[0], room: string) => void;
  onState?: (socketId: string, scene: string) => void;
  onLeave?: (socketId: string) => void;
  onResync?: (room: string, lastSeq: number) => void;
}

/**
 * The /wall namespace. A socket joins one room (live, or a replay id), gets that
 * room's snapshot, and then receives its deltas. Snapshot and join happen in one
 * synchronous step, so no delta can fall between them.
 */
export function attachWallNamespace(
  io: WallServer,
  rooms: RoomDirectory,
  deps: { clock: Clock; log: Logger; hooks?: WallNamespaceHooks },
): WallNamespace {
  const nsp = io.of(WALL_NAMESPACE);
  nsp.on('connection', (socket) => {
    const asked = typeof socket.handshake.query.room === 'string' ? socket.handshake.query.room : LIVE_ROOM;
    const room = rooms.get(asked) ? asked : LIVE_ROOM;
    // A recovered socket (connection-state recovery) got its missed deltas
    // replayed by socket.io and is back in its rooms: a snapshot would be redundant.
    if (!socket.recovered) {
      socket.data.room = room;
      socket.emit('wall:snapshot', rooms.get(room)!.publisher.snapshot());
      void socket.join(room);
    }

    socket.on('wall:resync', (req, ack) => {
      if (typeof ack !== 'function') return;
      const p = rooms.get(socket.data.room ?? LIVE_ROOM) ?? rooms.get(LIVE_ROOM);
      if (!p) {
        ack({ ok: false, error: 'room is gone' });
        return;
      }
      const lastSeq = typeof req?.lastSeq === 'number' ? req.lastSeq : -1;
      deps.hooks?.onResync?.(p.room, lastSeq);
      deps.log.debug({ socket: socket.id, room: p.room, lastSeq, seq: p.publisher.seq }, 'wall resync');
      ack({ ok: true, data: p.publisher.snapshot() });
    });

    socket.on('screen:hello', (hello, ack) => {
      // Ack first: the hello hook may move this socket to another room, and the
      // client's clock offset should come from the quickest possible round trip.
      if (typeof ack === 'function') ack({ ok: true, data: { serverTime: deps.clock.now() } });
      if (hello && typeof hello === 'object' && typeof hello.id === 'string' && /^[\w.:-]{1,64}$/.test(hello.id)) {
        socket.data.screenId = hello.id;
        deps.hooks?.onHello?.(socket.id, { ...hello, layout: String(hello.layout ?? ''), screen: String(hello.screen ?? 'auto') }, socket.data.room ?? LIVE_ROOM);
      }
    });

    socket.on('screen:state', (s) => {
      if (s && typeof s === 'object' && typeof s.scene === 'string') deps.hooks?.onState?.(socket.id, s.scene);
    });

    socket.on('disconnect', () => deps.hooks?.onLeave?.(socket.id));
  });
  return nsp;
}

/** Moves a connected wall socket to another room, with that room's snapshot. */
export function moveToRoom(nsp: WallNamespace, socketId: string, rooms: RoomDirectory, room: string): boolean {
  const socket = nsp.sockets.get(socketId);
  const target = rooms.get(room);
  if (!socket || !target) return false;
  const prev = socket.data.room ?? LIVE_ROOM;
  if (prev !== room) void socket.leave(prev);
  socket.data.room = room;
  socket.emit('wall:snapshot', target.publisher.snapshot());
  void socket.join(room);
  return true;
}
