import { ScreenHello, ScreenState, zodReason } from '@futian/shared';
import type { Clock } from '../platform/clock.js';
import type { WallNamespace } from '../rooms/hub.js';
import type { ScreenRegistry } from './registry.js';

/**
 * The screen side of the /wall namespace: a PC says who it is (`screen:hello`),
 * then reports its scene as a heartbeat (`screen:state`). Registered after the
 * rooms' connection handler, so a socket is already in its room when it says hello.
 */
export function registerScreenEvents(
  nsp: WallNamespace,
  deps: {
    screens: ScreenRegistry;
    clock: Clock;
    /** The control plane sends the screen its orders (and may move it to another room). */
    onHello: (screenId: string) => void;
  },
): void {
  nsp.on('connection', (socket) => {
    socket.on('screen:hello', (raw, ack) => {
      const hello = ScreenHello.safeParse(raw);
      if (!hello.success) {
        if (typeof ack === 'function') ack({ ok: false, error: zodReason(hello.error) });
        return;
      }
      // Ack before the hook: the hook may move this socket to another room, and
      // the wall's clock offset should come from the quickest possible round trip.
      if (typeof ack === 'function') ack({ ok: true, data: { serverTime: deps.clock.now() } });
      socket.data.screenId = hello.data.id;
      const info = deps.screens.hello(socket.id, hello.data, socket.data.room);
      deps.onHello(info.id);
    });

    socket.on('screen:state', (raw) => {
      const s = ScreenState.safeParse(raw);
      if (s.success) deps.screens.state(socket.id, s.data.scene);
    });

    socket.on('disconnect', () => deps.screens.leave(socket.id));
  });
}
