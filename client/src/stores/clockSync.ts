/**
 * Estimates server time minus client time. The header clock and every "n 秒前" use
 * server time, because a wall PC's clock is whatever it was set to years ago.
 *
 * - A hello round trip gives a direct estimate (server time at the midpoint).
 * - Every snapshot/delta carries `at`, the server's send time, which is a lower
 *   bound: the server clock is at least `at` when the message lands.
 * Messages raise the estimate when they prove it too low, and lower it only when
 * every message for a whole window claims implausible latency: that is drift, not
 * a slow network.
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
    this.offsetMs = serverTime - (sentAt + receivedAt) / 2;
    this.known = true;
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
