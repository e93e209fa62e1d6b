import { io as ioc, type Socket } from 'socket.io-client';
import {
  CONSOLE_NAMESPACE,
  WALL_NAMESPACE,
  type ClientToServerEvents,
  type ConsoleClientToServerEvents,
  type ConsoleServerToClientEvents,
  type ConsoleState,
  type ServerToClientEvents,
  type WallControl,
} from '@futian/shared';

/** Signs in over REST and returns the session cookie ('' on failure) with the response. */
export async function login(url: string, name: string, password: string): Promise<{ status: number; cookie: string; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${url}/api/console/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  const set = res.headers.get('set-cookie') ?? '';
  return { status: res.status, cookie: set.split(';')[0] ?? '', body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

export type ConsoleSocket = Socket<ConsoleServerToClientEvents, ConsoleClientToServerEvents>;

export function consoleSocket(url: string, cookie?: string): ConsoleSocket {
  return ioc(`${url}${CONSOLE_NAMESPACE}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
}

export function latestState(s: ConsoleSocket): { get: () => ConsoleState | null; ready: Promise<ConsoleState> } {
  let last: ConsoleState | null = null;
  const ready = new Promise<ConsoleState>((resolve, reject) => {
    s.on('console:state', (st) => {
      last = st;
      resolve(st);
    });
    s.once('connect_error', reject);
  });
  return { get: () => last, ready };
}

/**
 * An enrolled wall screen as the browser client behaves: connect with its
 * credential, say hello, then obey control. (`enrollScreen` in screens.ts
 * makes the credential.)
 */
export class WallScreen {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  controls: Array<{ at: number; c: WallControl }> = [];
  snapshots: Array<{ at: number; room: string }> = [];
  hellos: Array<Awaited<ReturnType<Socket<ServerToClientEvents, ClientToServerEvents>['emitWithAck']>>> = [];

  constructor(url: string, readonly id: string, credential: string) {
    this.socket = ioc(`${url}${WALL_NAMESPACE}`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { credential } });
    this.socket.on('wall:control', (c) => this.controls.push({ at: Date.now(), c }));
    this.socket.on('wall:snapshot', (s) => this.snapshots.push({ at: Date.now(), room: s.room }));
    this.socket.on('connect', () => {
      void this.socket.emitWithAck('screen:hello', { layout: '1080p', screen: 'auto' }).then((r) => this.hellos.push(r));
    });
  }

  get last(): WallControl | undefined {
    return this.controls.at(-1)?.c;
  }

  close(): void {
    this.socket.close();
  }
}
