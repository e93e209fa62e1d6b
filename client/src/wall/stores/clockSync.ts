/**
 * Estimates server time minus client time. The header clock, every "n 秒前" and the
 * tour's scene boundaries use server time, because a wall PC's clock is whatever it
 * was set to years ago, and the PCs of one spliced wall must turn together.
 *
 * The estimate is the largest lower bound seen, never a round-trip midpoint:
 * - Every snapshot/delta/control carries the server's send time, and the server
 *   clock is at least that when the message lands: `at - receivedAt ≤ offset`.
 * - A hello reply is one more such bound. It also gives an upper bound, because the
 *   server stamped it after the request left: `offset ≤ serverTime - sentAt`.
 * A midpoint assumes the two legs took equally long. When a server busy with a
 * reconnect storm answers late, the midpoint lands too high, and nothing pushed
 * afterwards can show that, so the PC would run early for the rest of the session
 * (one PC of a spliced wall turning before its neighbour). A lower bound errs only
 * low, by the fastest message's latency, and every later message can raise it.
 * The estimate comes down when a hello proves it above the upper bound (the client
 * clock stepped forward), or when every message for a whole window claims
 * implausible latency: that is drift, not a slow network.
 */
const WINDOW_MS = 5 * 60_000;
const BUCKETS = 5;
/** Latency a wall can plausibly see before we call it drift. */
const MAX_PLAUSIBLE_LATENCY_MS = 2_000;

export class ClockSync {
  offsetMs = 0;
  private known = false;
  private bucketMax: number[] = [];
  private bucketStart = 0;

  hello(serverTime: number, sentAt: number, receivedAt: number): void {
    if (this.known && this.offsetMs > serverTime - sentAt) this.known = false;
    this.observe(serverTime, receivedAt);
  }

  observe(serverAt: number, receivedAt: number): void {
    const lower = serverAt - receivedAt;
    if (!this.known) {
      this.offsetMs = lower;
      this.known = true;
    } else if (lower > this.offsetMs) {
      this.offsetMs = lower;
    }
    this.track(lower, receivedAt);
  }

  private track(lower: number, at: number): void {
    const width = WINDOW_MS / BUCKETS;
    if (this.bucketMax.length === 0 || at - this.bucketStart >= width) {
      this.bucketMax.push(lower);
      this.bucketStart = at;
      if (this.bucketMax.length > BUCKETS) this.bucketMax.shift();
      if (this.bucketMax.length === BUCKETS) {
        const best = Math.max(...this.bucketMax);
        if (this.offsetMs - best > MAX_PLAUSIBLE_LATENCY_MS) this.offsetMs = best;
      }
    } else {
      const last = this.bucketMax.length - 1;
      this.bucketMax[last] = Math.max(this.bucketMax[last] ?? lower, lower);
    }
  }
}
