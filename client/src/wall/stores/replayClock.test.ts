import { describe, expect, it } from 'vitest';
import type { ReplayMeta } from '@futian/shared';
import { REPLAY_LEAD_MAX_MS, ReplayClock } from './replayClock';

const FROM = Date.UTC(2026, 11, 7, 6, 0, 0);
const meta = (cursor: number, over: Partial<ReplayMeta> = {}): ReplayMeta => ({
  id: 'replay:abc',
  from: FROM,
  to: FROM + 3_600_000,
  speed: 60,
  cursor,
  state: 'running',
  ...over,
});

describe('ReplayClock', () => {
  it('is null on a live room', () => {
    const c = new ReplayClock();
    expect(c.read(1_000, true)).toBeNull();
    c.observe(meta(FROM), 1_000);
    c.observe(null, 2_000);
    expect(c.read(2_000, true)).toBeNull();
  });

  it('reads the data time the server reached, and without lead exactly the cursor', () => {
    const c = new ReplayClock();
    c.observe(meta(FROM + 5_000), 10_000);
    expect(c.read(10_000, false)).toEqual({ id: 'replay:abc', at: FROM + 5_000, speed: 60, state: 'running' });
    expect(c.read(10_200, false)?.at).toBe(FROM + 5_000);
  });

  it('advances at the replay speed as the cursors arrive', () => {
    const c = new ReplayClock();
    // The server steps every 100 ms of real time by 100 ms × speed of data time.
    const seen: number[] = [];
    for (let i = 0; i <= 30; i++) {
      c.observe(meta(FROM + i * 100 * 60), 10_000 + i * 100);
      if (i % 10 === 0) seen.push(c.read(10_000 + i * 100 + 50, true)!.at);
    }
    const perSecond = seen.slice(1).map((t, i) => t - seen[i]!);
    for (const d of perSecond) expect(d).toBe(60_000);
  });

  it('leads the last cursor by at most a quarter second at its speed, never past the range end', () => {
    const c = new ReplayClock();
    c.observe(meta(FROM), 10_000);
    expect(c.read(10_100, true)?.at).toBe(FROM + 100 * 60);
    // A delta late by seconds does not let the header run on unboundedly ahead of the data.
    expect(c.read(15_000, true)?.at).toBe(FROM + REPLAY_LEAD_MAX_MS * 60);
    const end = new ReplayClock();
    end.observe(meta(FROM + 3_599_000), 10_000);
    expect(end.read(11_000, true)?.at).toBe(FROM + 3_600_000);
  });

  it('never runs backwards within one replay, but starts over for the next', () => {
    const c = new ReplayClock();
    c.observe(meta(FROM), 10_000);
    const ahead = c.read(10_250, true)!.at;
    // The server fell behind: the next cursor is earlier than what the header showed.
    c.observe(meta(FROM + 6_000), 10_300);
    expect(c.read(10_300, true)!.at).toBe(ahead);
    c.observe(meta(FROM - 60_000, { id: 'replay:other' }), 10_400);
    expect(c.read(10_400, true)!.at).toBe(FROM - 60_000);
  });

  it('stops at the cursor when the replay finishes or is stopped', () => {
    const c = new ReplayClock();
    c.observe(meta(FROM + 60_000, { state: 'finished' }), 10_000);
    expect(c.read(20_000, true)).toMatchObject({ at: FROM + 60_000, state: 'finished' });
  });
});
