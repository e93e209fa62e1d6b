import type { IncomingMessage } from 'node:http';
import type { Namespace, Server, Socket } from 'socket.io';
import type { Logger } from '../platform/logger.js';

export interface SocketLimits {
  /** Open connections (any namespace) from one client address. */
  perAddress: number;
  /** Bytes queued for one socket that it has not read; past this it is dropped. */
  bufferBytes: number;
  /** One event's payload, as JSON. */
  eventBytes: number;
  /** Sustained events per second per socket, and the burst allowed above it. */
  eventsPerSecond: number;
  eventBurst: number;
}

export type Refusal = 'rate' | 'size' | 'buffer' | 'address';

/**
 * Caps connections per client address at the engine, before a socket exists:
 * one PC on the LAN cannot open thousands. Counted on the engine's own
 * connection and close, so every namespace and transport is covered.
 */
export function capConnections(limit: number, addressOf: (req: IncomingMessage) => string, onRefused: (r: string) => void) {
  const open = new Map<string, number>();
  return {
    /** socket.io's `allowRequest`: runs on each handshake before a socket exists. */
    allow(req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void {
      if ((open.get(addressOf(req)) ?? 0) >= limit) {
        onRefused('address');
        callback('too many connections from this address', false);
        return;
      }
      callback(null, true);
    },
    attach(io: Server): void {
      io.engine.on('connection', (conn: { request: IncomingMessage; once(ev: 'close', fn: () => void): void }) => {
        const a = addressOf(conn.request);
        open.set(a, (open.get(a) ?? 0) + 1);
        conn.once('close', () => {
          const n = (open.get(a) ?? 1) - 1;
          if (n <= 0) open.delete(a);
          else open.set(a, n);
        });
      });
    },
  };
}

function byteSize(args: readonly unknown[]): number {
  try {
    return Buffer.byteLength(JSON.stringify(args));
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Every event on a namespace passes a size and a rate check before any handler
 * sees it. A refused event with an ack gets an error ack (a caller can tell a
 * refusal from a lost packet); a socket that keeps going after 100 refusals in
 * a row is dropped.
 */
export function guardEvents(nsp: Namespace, limits: Pick<SocketLimits, 'eventBytes' | 'eventsPerSecond' | 'eventBurst'>, onRefused: (r: string) => void): void {
  nsp.on('connection', (socket: Socket) => {
    let tokens = limits.eventBurst;
    let at = performance.now();
    let refusedRun = 0;
    socket.use((packet, next) => {
      const args: unknown[] = packet.slice(1);
      const last = args.at(-1);
      const ack = typeof last === 'function' ? last : undefined;
      const now = performance.now();
      tokens = Math.min(limits.eventBurst, tokens + ((now - at) / 1000) * limits.eventsPerSecond);
      at = now;
      let error: string | null = null;
      let why: Refusal = 'rate';
      if (tokens < 1) {
        error = 'too many requests: slow down';
      } else if (byteSize(ack ? args.slice(0, -1) : args) > limits.eventBytes) {
        error = `payload over ${limits.eventBytes} bytes`;
        why = 'size';
      }
      if (error === null) {
        tokens -= 1;
        refusedRun = 0;
        next();
        return;
      }
      onRefused(why);
      if (ack) ack({ ok: false, error });
      if (++refusedRun >= 100) socket.disconnect(true);
    });
  });
}

/**
 * Bytes queued in engine.io for a socket that the client has not taken yet.
 * A client that stops reading makes the transport unwritable, and every
 * packet after that waits here: counted from the engine's public packetCreate
 * and flush events.
 */
function trackQueue(socket: Socket): () => number {
  let queued = 0;
  const size = (p: unknown): number => {
    if (!p || typeof p !== 'object' || !('data' in p)) return 0;
    const d = p.data;
    return typeof d === 'string' ? d.length : d instanceof Uint8Array ? d.byteLength : 0;
  };
  socket.conn.on('packetCreate', (p: unknown) => {
    queued += size(p);
  });
  socket.conn.on('flush', (buffer: unknown) => {
    if (Array.isArray(buffer)) for (const p of buffer) queued -= size(p);
    if (queued < 0) queued = 0;
  });
  return () => queued;
}

/**
 * Drops sockets that do not read: checked every second, so a client that
 * never reads costs at most the cap plus a second of deltas. `discard` skips
 * engine.io's wait for a drain that would never come.
 */
export function dropSlowReaders(nsp: Namespace, bufferBytes: number, log: Logger, onDropped: () => void): () => void {
  const queues = new WeakMap<Socket, () => number>();
  nsp.on('connection', (socket: Socket) => {
    queues.set(socket, trackQueue(socket));
  });
  const timer = setInterval(() => {
    for (const s of nsp.sockets.values()) {
      const q = queues.get(s)?.() ?? 0;
      if (q <= bufferBytes) continue;
      log.warn({ socket: s.id, address: s.data.address, queuedBytes: q }, 'socket dropped: it does not read what it is sent');
      onDropped();
      s.conn.close(true);
    }
  }, 1000);
  timer.unref?.();
  return () => clearInterval(timer);
}
