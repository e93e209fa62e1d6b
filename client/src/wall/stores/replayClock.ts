import type { ReplayMeta } from '@futian/shared';

/**
 * How far past the last cursor the header may run while the next delta is on
 * its way, in real ms. The server moves a replay every 100 ms, so a wall reading
 * the cursor once a second would step unevenly (0.9–1.1 s × speed); leading by up
 * to a quarter second evens that out, and never gets further ahead of the data
 * than 0.25 s × speed.
 */
export const REPLAY_LEAD_MAX_MS = 250;

export interface ReplayReading {
  id: string;
  /** Data time, epoch ms. */
  at: number;
  speed: number;
  state: ReplayMeta['state'];
}

/**
 * The replay's clock as a wall sees it: the data time the server's replay has
 * reached (`ReplayMeta.cursor`, sent with every step). It is not the message's
 * `at` fed to the wall clock: a replay room's `at` is its virtual time, and the
 * header's real clock must not follow it.
 */
export class ReplayClock {
  private meta: ReplayMeta | null = null;
  private receivedAt = 0;
  /** Highest time handed out for this replay: the header never runs backwards. */
  private shown = Number.NEGATIVE_INFINITY;

  /** A snapshot's or delta's `replay` (null: the room is live). */
  observe(meta: ReplayMeta | null, receivedAt: number): void {
    if (meta === null || this.meta === null || meta.id !== this.meta.id) this.shown = Number.NEGATIVE_INFINITY;
    this.meta = meta;
    this.receivedAt = receivedAt;
  }

  /**
   * The replayed time at client time `now`. With `lead`, a running replay moves
   * on at its speed since the last cursor (bounded, see REPLAY_LEAD_MAX_MS); without,
   * exactly the cursor: what the figures on screen have been computed up to.
   */
  read(now: number, lead: boolean): ReplayReading | null {
    const m = this.meta;
    if (!m) return null;
    let at = m.cursor;
    if (lead) {
      if (m.state === 'running') {
        const ahead = Math.min(Math.max(0, now - this.receivedAt), REPLAY_LEAD_MAX_MS) * m.speed;
        at = Math.min(m.to, m.cursor + ahead);
      }
      at = Math.max(at, this.shown);
      this.shown = at;
    }
    return { id: m.id, at, speed: m.speed, state: m.state };
  }
}
