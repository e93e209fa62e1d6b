import { LIVE_ROOM, ResyncRequest, zodReason } from '@futian/shared';
import type { Logger } from '../platform/logger.js';
import type { RoomHub } from './hub.js';

export interface WallRoomPolicy {
  /** Whether an anonymous page may watch the live room read-only (WALL_OPEN_VIEW). */
  openView: () => boolean;
  /** A socket's resyncs are at least this far apart: each answer is a whole snapshot. */
  resyncMinIntervalMs: number;
}

/**
 * The data side of the /wall namespace: a socket joins one room (live, demo or
 * a replay id), gets that room's snapshot, then its deltas; a wall that saw a
 * gap asks again with an acknowledged `wall:resync`. An enrolled screen may be
 * in any room; an anonymous page sees the live room only, and only with open
 * view on. The screens domain's handshake has already said which a socket is.
 */
export function registerWallRooms(
  hub: RoomHub,
  deps: { log: Logger; policy: WallRoomPolicy; onResync?: (room: string, lastSeq: number) => void; onResyncRefused?: () => void },
): void {
  hub.nsp.on('connection', (socket) => {
    const enrolled = socket.data.screenId !== undefined;
    const mayWatch = enrolled || deps.policy.openView();
    const asked = typeof socket.handshake.query.room === 'string' ? socket.handshake.query.room : LIVE_ROOM;
    // A recovered socket (connection-state recovery) got its missed deltas
    // replayed by socket.io and is back in its rooms: a snapshot would be redundant.
    if (mayWatch && !socket.recovered) hub.join(socket, enrolled ? asked : LIVE_ROOM);

    let lastResync = -Infinity;
    socket.on('wall:resync', (raw, ack) => {
      if (typeof ack !== 'function') return;
      if (!mayWatch) return ack({ ok: false, error: 'this page is not an enrolled screen' });
      const req = ResyncRequest.safeParse(raw);
      if (!req.success) return ack({ ok: false, error: zodReason(req.error) });
      const now = performance.now();
      const wait = lastResync + deps.policy.resyncMinIntervalMs - now;
      if (wait > 0) {
        deps.onResyncRefused?.();
        return ack({ ok: false, error: `resync too soon; retry in ${Math.ceil(wait)} ms` });
      }
      lastResync = now;
      // The snapshot the hub serves joins from: in a cluster this node's mirror of the room.
      const asked = socket.data.room ?? LIVE_ROOM;
      const roomId = hub.has(asked) ? asked : LIVE_ROOM;
      const snap = hub.snapshot(roomId);
      if (!snap) return ack({ ok: false, error: 'room is gone' });
      deps.onResync?.(roomId, req.data.lastSeq);
      deps.log.debug({ socket: socket.id, room: roomId, lastSeq: req.data.lastSeq, seq: snap.seq }, 'wall resync');
      ack({ ok: true, data: snap });
    });
  });
}
