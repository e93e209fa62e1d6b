/**
 * The /wall contract at the type level: what a typed socket.io client may send
 * and what it gets back, and what a typed server handler receives. These run
 * in `pnpm test` (vitest typecheck): a change to the contract that breaks a
 * caller fails here, by name, before any socket is opened.
 */
import type { Socket as ClientSocket } from 'socket.io-client';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  EnrollRequest,
  Enrolled,
  PairingOffer,
  PairRequest,
  ScreenIdentity,
  ResyncRequest,
  ScreenHello,
  ScreenState,
  Ack,
  AckFn,
  ClientToServerEvents,
  ServerToClientEvents,
  WallControl,
  WallDelta,
  WallSnapshot,
} from '@futian/shared';
import type { WallNamespace } from '@futian/server';

type WallClient = ClientSocket<ServerToClientEvents, ClientToServerEvents>;
declare const wall: WallClient;
declare const nsp: WallNamespace;

describe('the /wall event map', () => {
  it('names exactly the events walls send and receive', () => {
    expectTypeOf<keyof ClientToServerEvents>().toEqualTypeOf<'wall:resync' | 'screen:hello' | 'screen:state' | 'screen:pair' | 'screen:enroll'>();
    expectTypeOf<keyof ServerToClientEvents>().toEqualTypeOf<
      'wall:snapshot' | 'wall:delta' | 'wall:control' | 'screen:enrolled' | 'screen:config' | 'screen:revoked'
    >();
  });

  it('types each payload as its schema proves it (the types are the schemas\' z.infer)', () => {
    expectTypeOf<Parameters<ClientToServerEvents['wall:resync']>>().toEqualTypeOf<[ResyncRequest, AckFn<WallSnapshot>]>();
    expectTypeOf<Parameters<ClientToServerEvents['screen:hello']>>().toEqualTypeOf<[ScreenHello, AckFn<{ serverTime: number; screen: ScreenIdentity }>]>();
    expectTypeOf<Parameters<ClientToServerEvents['screen:pair']>>().toEqualTypeOf<[PairRequest, AckFn<PairingOffer>]>();
    expectTypeOf<Parameters<ClientToServerEvents['screen:enroll']>>().toEqualTypeOf<[EnrollRequest, AckFn<Enrolled>]>();
    expectTypeOf<Parameters<ClientToServerEvents['screen:state']>>().toEqualTypeOf<[ScreenState]>();
    // A page says what it runs; who it is comes from its credential, and its mode from the console.
    expectTypeOf<keyof ScreenHello>().toEqualTypeOf<'layout' | 'screen' | 'scene'>();
    expectTypeOf<ScreenIdentity['mode']>().toEqualTypeOf<'live' | 'demo'>();
  });

  it('gives a client typed acks, and refuses what the contract does not allow', async () => {
    expectTypeOf(await wall.emitWithAck('wall:resync', { lastSeq: 4 })).toEqualTypeOf<Ack<WallSnapshot>>();
    expectTypeOf(await wall.emitWithAck('screen:hello', { layout: '4k', screen: 'auto' })).toEqualTypeOf<Ack<{ serverTime: number; screen: ScreenIdentity }>>();
    expectTypeOf(await wall.emitWithAck('screen:pair', { layout: '4k' })).toEqualTypeOf<Ack<PairingOffer>>();
    // @ts-expect-error lastSeq is a number
    void wall.emitWithAck('wall:resync', { lastSeq: '4' });
    // @ts-expect-error a page cannot claim an id or a mode: those come from its credential and the console
    void wall.emitWithAck('screen:hello', { id: 'left', layout: '4k', screen: 'auto', mode: 'demo' });
    wall.on('screen:enrolled', (e) => expectTypeOf(e.credential).toEqualTypeOf<string>());
    // @ts-expect-error no such event
    wall.emit('wall:takeover', {});
    wall.on('wall:delta', (d) => expectTypeOf(d).toEqualTypeOf<WallDelta>());
    wall.on('wall:control', (c) => expectTypeOf(c).toEqualTypeOf<WallControl>());
  });

  it('hands a server handler the typed payload and ack', () => {
    nsp.on('connection', (socket) => {
      socket.on('wall:resync', (req, ack) => {
        expectTypeOf(req).toEqualTypeOf<ResyncRequest>();
        expectTypeOf(ack).parameter(0).toEqualTypeOf<Ack<WallSnapshot>>();
      });
      socket.on('screen:hello', (hello) => expectTypeOf(hello).toEqualTypeOf<ScreenHello>());
      // @ts-expect-error the server sends only snapshot, delta and control
      socket.emit('console:state', {});
    });
  });
});
