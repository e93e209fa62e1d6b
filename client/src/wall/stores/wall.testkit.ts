/**
 * Test-only: a scripted WallLink and snapshot/delta builders for unit tests that drive
 * the real wall store (stores/wall.test.ts, overlays/useDirector.test.ts). Imported by tests
 * only, so it never reaches a bundle.
 */
import {
  emptyCell,
  emptyInfra,
  emptySeries,
  type Ack,
  type Enrolled,
  type PairingOffer,
  type ResyncRequest,
  type ScreenIdentity,
  type WallDelta,
  type WallSnapshot,
} from '@futian/shared';
import type { HelloAck, LinkFactory, LinkHandlers, WallLink } from './link';
import { useWallStore } from './wall';

/** A snapshot at `seq` with the district's piles `online` of 10, sent at server time `at`. */
export function snap(seq: number, online = 0, at = 1_000 + seq): WallSnapshot {
  const infra = emptyInfra();
  infra.pile.district = { ...emptyCell(), total: 10, online };
  return {
    seq,
    at,
    room: 'live',
    replay: null,
    infra,
    sites: {},
    feeds: {
      bs5g: { lastReportAt: null, simulated: true },
      pole: { lastReportAt: null, simulated: true },
      pile: { lastReportAt: null, simulated: true },
    },
    series: emptySeries(),
    stats: {},
    faults: [],
    ext: {},
  };
}

export function delta(seq: number, online: number, room = 'live'): WallDelta {
  return { seq, at: 1_000 + seq, room, infra: [{ kind: 'pile', scope: 'district', cell: { ...emptyCell(), total: 10, online } }] };
}

export class TestLink implements WallLink {
  connected = true;
  closed = false;
  handlers!: LinkHandlers;
  resyncs: ResyncRequest[] = [];
  /** Each resync call takes the next answer; a pending promise simulates a slow server. */
  answers: Array<() => Promise<Ack<WallSnapshot>>> = [];
  states: string[] = [];
  /** `serverTime` reads the server's clock when it answers a hello. */
  constructor(private readonly serverTime: () => number = () => Date.now() + 60_000) {}
  resync(req: ResyncRequest, timeoutMs: number): Promise<Ack<WallSnapshot>> {
    this.resyncs.push(req);
    const next = this.answers.shift();
    if (next) return next();
    return new Promise((resolve) => setTimeout(() => resolve({ ok: false, error: 'timeout' }), timeoutMs));
  }
  /** The identity a hello ack carries. */
  identity: ScreenIdentity = { id: 't', name: 'test', layout: 'auto', screen: 'auto', mode: 'live' };
  /** What a hello is answered with; null answers with the identity above. */
  helloAnswer: Ack<HelloAck> | null = null;
  pairs: string[] = [];
  pairAnswer: Ack<PairingOffer> = { ok: true, data: { code: 'ABCDEF', expiresAt: Date.now() + 600_000, openView: false } };
  enrollAnswer: Ack<Enrolled> = { ok: false, error: 'this enrollment link is unknown, used or expired' };
  hello(): Promise<Ack<HelloAck>> {
    return Promise.resolve(this.helloAnswer ?? { ok: true, data: { serverTime: this.serverTime(), screen: this.identity } });
  }
  pair(req: { layout: string }): Promise<Ack<PairingOffer>> {
    this.pairs.push(req.layout);
    return Promise.resolve(this.pairAnswer);
  }
  enroll(): Promise<Ack<Enrolled>> {
    return Promise.resolve(this.enrollAnswer);
  }
  reportState(scene: string): void {
    this.states.push(scene);
  }
  close(): void {
    this.closed = true;
  }
}

/** The real wall store (active Pinia) connected through `link`. */
export async function connectTestWall(link = new TestLink()): Promise<{ store: ReturnType<typeof useWallStore>; link: TestLink }> {
  const factory: LinkFactory = (_p, h) => {
    link.handlers = h;
    return link;
  };
  const store = useWallStore();
  await store.connect({ link: factory, room: 'live', hello: { layout: '1080p', screen: 'all' } });
  return { store, link };
}
