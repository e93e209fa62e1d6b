import { LIVE_ROOM, ResyncRequest, zodReason } from '@futian/shared';
import type { Logger } from '../platform/logger.js';
import type { RoomHub } from './hub.js';

/**
 * The data side of the /wall namespace: a socket joins one room (live, demo or
 * a replay id), gets that room's snapshot, then its deltas; a wall that saw a
 * gap asks again with an acknowledged `wall:resync`. Screens' own events
 * (hello, state) are the screens domain's.
 */
export function registerWallRooms(hub: RoomHub, deps: { log: Logger; onResync?: (room: string, lastSeq: number) => void }): void {
  hub.nsp.on('connection', (socket) => {
    const asked = typeof socket.handshake.query.room === 'string' ? socket.handshake.query.room : LIVE_ROOM;
    // A recovered socket (connection-state recovery) got its missed deltas
    // replayed by socket.io and is back in its rooms: a snapshot would be redundant.
    if (!socket.recovered) hub.join(socket, asked);

    socket.on('wall:resync', (raw, ack) => {
      if (typeof ack !== 'function') return;
      const req = ResyncRequest.safeParse(raw);
      if (!req.success) {
        ack({ ok: false, error: zodReason(req.error) });
        return;
      }
      const room = hub.get(socket.data.room ?? LIVE_ROOM) ?? hub.get(LIVE_ROOM);
      if (!room) {
        ack({ ok: false, error: 'room is gone' });
        return;
      }
      const { publisher } = room.pipeline;
      deps.onResync?.(room.id, req.data.lastSeq);
      deps.log.debug({ socket: socket.id, room: room.id, lastSeq: req.data.lastSeq, seq: publisher.seq }, 'wall resync');
      ack({ ok: true, data: publisher.snapshot() });
    });
  });
}
