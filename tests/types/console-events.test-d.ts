/**
 * The /console contract at the type level. The request types are derived from
 * the zod schemas the server validates with, and the ack types from one reply
 * map, so a client, the schemas and the server's handler table cannot drift
 * apart without failing here.
 */
import type { Socket as ClientSocket } from 'socket.io-client';
import { describe, expectTypeOf, it } from 'vitest';
import {
  CONSOLE_REQUESTS,
  CONSOLE_SCHEMAS,
  SceneRefSchema,
  type Ack,
  type AckFn,
  type AuditEntry,
  type ConsoleClientToServerEvents,
  type ConsoleEvent,
  type ConsoleParsed,
  type ConsoleReplies,
  type ConsoleRequest,
  type ConsoleServerToClientEvents,
  type ConsoleState,
  type EnrollLinkInfo,
  type ScreenInfo,
  type Notice,
  type ReplayMeta,
  type SceneRef,
  type TourState,
} from '@futian/shared';
import type { ConsoleNamespace } from '@futian/server';

type ConsoleClient = ClientSocket<ConsoleServerToClientEvents, ConsoleClientToServerEvents>;
declare const consoleSocket: ConsoleClient;
declare const nsp: ConsoleNamespace;

describe('the /console event map', () => {
  it('has one schema and one reply type per event, and nothing else', () => {
    expectTypeOf<keyof typeof CONSOLE_REQUESTS>().toEqualTypeOf<keyof ConsoleReplies>();
    expectTypeOf<keyof ConsoleClientToServerEvents>().toEqualTypeOf<ConsoleEvent>();
    expectTypeOf<keyof ConsoleServerToClientEvents>().toEqualTypeOf<'console:state' | 'console:ended'>();
  });

  it('derives each request from its schema and each ack from the reply map', () => {
    expectTypeOf<Parameters<ConsoleClientToServerEvents['scene:set']>>().toEqualTypeOf<
      [ConsoleRequest<'scene:set'>, AckFn<{ screens: string[] }>]
    >();
    expectTypeOf<Parameters<ConsoleClientToServerEvents['notice:send']>[1]>().toEqualTypeOf<AckFn<Notice>>();
    expectTypeOf<Parameters<ConsoleClientToServerEvents['replay:start']>[1]>().toEqualTypeOf<AckFn<ReplayMeta>>();
    expectTypeOf<Parameters<ConsoleClientToServerEvents['session:touch']>[1]>().toEqualTypeOf<AckFn<{ expiresAt: number }>>();
    expectTypeOf<Parameters<ConsoleClientToServerEvents['tour:start']>[1]>().toEqualTypeOf<AckFn<TourState>>();
    expectTypeOf<Parameters<ConsoleClientToServerEvents['screen:approve']>[1]>().toEqualTypeOf<AckFn<ScreenInfo>>();
    expectTypeOf<Parameters<ConsoleClientToServerEvents['enroll:create']>[1]>().toEqualTypeOf<AckFn<{ link: EnrollLinkInfo; token: string }>>();
  });

  it('indexes the per-event schemas by a generic event name without widening to a union', () => {
    const parse = <E extends ConsoleEvent>(e: E, raw: unknown) => CONSOLE_SCHEMAS[e].safeParse(raw);
    const r = parse('alarm:ack', {});
    if (r.success) expectTypeOf(r.data).toEqualTypeOf<ConsoleParsed<'alarm:ack'>>();
    expectTypeOf<ConsoleParsed<'alarm:ack'>>().toEqualTypeOf<{ id: number; comment: string }>();
  });

  it('normalises a scene to the SceneRef walls receive', () => {
    expectTypeOf(SceneRefSchema.parse).returns.toEqualTypeOf<SceneRef>();
    expectTypeOf<ConsoleParsed<'scene:set'>['scene']>().toEqualTypeOf<SceneRef | null>();
    expectTypeOf<ConsoleRequest<'scene:set'>['scene']>().not.toEqualTypeOf<SceneRef | null>();
  });

  it('gives a client typed acks, and refuses what no handler accepts', async () => {
    expectTypeOf(await consoleSocket.emitWithAck('tour:pause', {})).toEqualTypeOf<Ack<TourState>>();
    expectTypeOf(await consoleSocket.emitWithAck('scene:set', { screens: 'all', scene: null })).toEqualTypeOf<Ack<{ screens: string[] }>>();
    // @ts-expect-error the only layout a scene can ask for is "single"
    void consoleSocket.emitWithAck('scene:set', { screens: 'all', scene: { module: 'map', layout: 'wide' } });
    // @ts-expect-error an unknown module
    void consoleSocket.emitWithAck('scene:set', { screens: 'all', scene: { module: 'weather' } });
    // @ts-expect-error a notice needs a level
    void consoleSocket.emitWithAck('notice:send', { text: { zh: '测试' }, ttlS: 60, screens: 'all' });
    // @ts-expect-error acknowledging an alarm needs a comment
    void consoleSocket.emitWithAck('alarm:ack', { id: 3 });
    // @ts-expect-error a screen's layout is one of the presets
    void consoleSocket.emitWithAck('screen:approve', { code: 'ABC234', config: { name: 'x', layout: '8k', screen: 'auto', mode: 'live' } });
    // @ts-expect-error no such event
    consoleSocket.emit('user:delete', {});
    consoleSocket.on('console:state', (s) => expectTypeOf(s).toEqualTypeOf<ConsoleState>());
  });

  it('hands a server listener the typed request and ack', () => {
    nsp.on('connection', (socket) => {
      socket.on('replay:stop', (req, ack) => {
        expectTypeOf(req).toEqualTypeOf<{ id: string }>();
        expectTypeOf(ack).parameter(0).toEqualTypeOf<Ack<ReplayMeta>>();
      });
    });
  });
});
