import { EnrollRequest, PairRequest, SCREEN_CREDENTIAL_REFUSED, ScreenHello, ScreenState, zodReason } from '@futian/shared';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { WallNamespace } from '../rooms/hub.js';
import type { Enrollment } from './enrollment.js';
import type { PairingBook } from './pairing.js';
import type { ScreenRegistry } from './registry.js';

/**
 * The screen side of the /wall namespace. The handshake decides who a socket
 * is: a valid credential makes it that enrolled screen (its id comes from the
 * credential, never from the page); anything else is an anonymous page, which
 * may only ask for a pairing code or redeem an enrollment link. Registered
 * before the rooms' connection handler runs, since that one reads the verdict.
 */
export function registerScreenHandshake(nsp: WallNamespace, deps: { screens: ScreenRegistry; log: Logger }): void {
  nsp.use((socket, next) => {
    const auth: unknown = socket.handshake.auth;
    const credential = auth && typeof auth === 'object' && 'credential' in auth ? auth.credential : undefined;
    if (credential === undefined || credential === null || credential === '') return next();
    const screen = typeof credential === 'string' && credential.length <= 128 ? deps.screens.byCredential(credential) : undefined;
    if (!screen) {
      deps.log.warn({ address: socket.data.address }, 'wall socket refused: screen credential not accepted');
      return next(new Error(SCREEN_CREDENTIAL_REFUSED));
    }
    socket.data.screenId = screen.id;
    next();
  });
}

export function registerScreenEvents(
  nsp: WallNamespace,
  deps: {
    screens: ScreenRegistry;
    pairing: PairingBook;
    enrollment: Enrollment;
    openView: () => boolean;
    clock: Clock;
    /** The control plane sends the screen its orders (and may move it to another room). */
    onHello: (screenId: string) => void;
  },
): void {
  nsp.on('connection', (socket) => {
    const address = socket.data.address ?? 'unknown';

    socket.on('screen:hello', (raw, ack) => {
      if (typeof ack !== 'function') return;
      const id = socket.data.screenId;
      if (id === undefined) return ack({ ok: false, error: 'this page is not an enrolled screen: pair it first' });
      const hello = ScreenHello.safeParse(raw);
      if (!hello.success) return ack({ ok: false, error: zodReason(hello.error) });
      const info = deps.screens.hello(socket.id, id, hello.data, socket.data.room ?? '', address);
      if (!info) {
        // Revoked between the handshake and the hello.
        ack({ ok: false, error: SCREEN_CREDENTIAL_REFUSED });
        socket.disconnect(true);
        return;
      }
      // Ack before the hook: the hook may move this socket to another room, and
      // the wall's clock offset should come from the quickest possible round trip.
      ack({ ok: true, data: { serverTime: deps.clock.now(), screen: deps.screens.identity(id)! } });
      deps.onHello(id);
    });

    socket.on('screen:state', (raw) => {
      if (socket.data.screenId === undefined) return;
      const s = ScreenState.safeParse(raw);
      if (s.success) deps.screens.state(socket.id, s.data.scene);
    });

    socket.on('screen:pair', (raw, ack) => {
      if (typeof ack !== 'function') return;
      if (socket.data.screenId !== undefined) return ack({ ok: false, error: 'this screen is already enrolled' });
      const req = PairRequest.safeParse(raw);
      if (!req.success) return ack({ ok: false, error: zodReason(req.error) });
      const p = deps.pairing.request(socket.id, address, req.data.layout);
      if (typeof p === 'string') return ack({ ok: false, error: p });
      ack({ ok: true, data: { code: p.code, expiresAt: p.expiresAt, openView: deps.openView() } });
    });

    socket.on('screen:enroll', (raw, ack) => {
      if (typeof ack !== 'function') return;
      if (socket.data.screenId !== undefined) return ack({ ok: false, error: 'this screen is already enrolled' });
      const req = EnrollRequest.safeParse(raw);
      if (!req.success) return ack({ ok: false, error: zodReason(req.error) });
      void deps.enrollment.redeem(req.data.token, address).then(
        (r) => ack(typeof r === 'string' ? { ok: false, error: r } : { ok: true, data: r }),
        () => ack({ ok: false, error: 'could not enroll this screen; try again' }),
      );
    });

    socket.on('disconnect', () => {
      deps.screens.leave(socket.id);
      deps.pairing.dropSocket(socket.id);
    });
  });
}
