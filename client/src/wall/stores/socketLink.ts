import { io, type Socket } from 'socket.io-client';
import {
  SCREEN_CREDENTIAL_REFUSED,
  WALL_NAMESPACE,
  type Ack,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type WallAuth,
} from '@futian/shared';
import type { LinkFactory, WallLink } from './link';

type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** After the server deliberately drops us, socket.io does not retry on its own. */
const SERVER_KICK_RETRY_MS = 3_000;

function failure(e: unknown): { ok: false; error: string } {
  return { ok: false, error: e instanceof Error ? e.message : String(e) };
}

export const socketLink: LinkFactory = (params, handlers) => {
  // The credential travels in the handshake only, never in a URL (docs/SECURITY.md).
  const auth: WallAuth = params.credential ? { credential: params.credential } : {};
  const socket: WallSocket = io(WALL_NAMESPACE, {
    query: { room: params.room },
    auth,
    // Polling first, then upgrade: some government networks proxy away WebSocket.
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 10_000,
  });
  let kickTimer: ReturnType<typeof setTimeout> | undefined;

  socket.on('connect', () => handlers.status('connected'));
  socket.on('disconnect', (reason) => {
    handlers.status('disconnected', reason);
    if (reason === 'io server disconnect') {
      clearTimeout(kickTimer);
      kickTimer = setTimeout(() => socket.connect(), SERVER_KICK_RETRY_MS);
    }
  });
  // The first connection failing is not a disconnect event, but the wall must still say so.
  socket.on('connect_error', (err) => {
    if (params.credential && err.message === SCREEN_CREDENTIAL_REFUSED) {
      // Retrying with a credential the server refuses would only be refused again.
      socket.disconnect();
      handlers.screen({ type: 'revoked' });
      return;
    }
    handlers.status('disconnected', 'connect_error');
  });
  socket.io.on('reconnect_attempt', () => handlers.status('reconnecting'));
  socket.on('wall:snapshot', (s) => handlers.snapshot(s));
  socket.on('wall:delta', (d) => handlers.delta(d));
  socket.on('wall:control', (c) => handlers.control(c));
  socket.on('screen:enrolled', (e) => handlers.screen({ type: 'enrolled', enrolled: e }));
  socket.on('screen:config', (s) => handlers.screen({ type: 'config', screen: s }));
  socket.on('screen:revoked', () => {
    clearTimeout(kickTimer);
    handlers.screen({ type: 'revoked' });
  });

  async function request<T>(send: () => Promise<Ack<T>>): Promise<Ack<T>> {
    // An emit while offline would sit in socket.io's send buffer and arrive stale.
    if (!socket.connected) return { ok: false, error: 'disconnected' };
    try {
      return await send();
    } catch (e) {
      return failure(e);
    }
  }

  const link: WallLink = {
    get connected() {
      return socket.connected;
    },
    resync: (req, timeoutMs) => request(() => socket.timeout(timeoutMs).emitWithAck('wall:resync', req)),
    hello: (h, timeoutMs) => request(() => socket.timeout(timeoutMs).emitWithAck('screen:hello', h)),
    pair: (req, timeoutMs) => request(() => socket.timeout(timeoutMs).emitWithAck('screen:pair', req)),
    enroll: (req, timeoutMs) => request(() => socket.timeout(timeoutMs).emitWithAck('screen:enroll', req)),
    reportState(scene) {
      // A heartbeat queued while offline would report a stale scene as current;
      // an anonymous page is no screen and has nothing to report.
      if (socket.connected && params.credential) socket.emit('screen:state', { scene });
    },
    close() {
      clearTimeout(kickTimer);
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
    },
  };
  return link;
};
