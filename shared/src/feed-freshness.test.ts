import { describe, expect, it } from 'vitest';
import { FEED_STALE_MIN_MS, feedFreshness, feedStaleAfterMs, KINDS } from './devices.js';

describe('feed freshness', () => {
  it('gives each fleet three of its own cadences, and never less than the floor', () => {
    expect(feedStaleAfterMs(KINDS.pile.cadenceMs)).toBe(30_000);
    expect(feedStaleAfterMs(KINDS.bs5g.cadenceMs)).toBe(90_000);
    expect(feedStaleAfterMs(100)).toBe(FEED_STALE_MIN_MS);
  });

  it('ages from the last report, and a fleet that never reported is stale', () => {
    expect(feedFreshness(1_000, 10_000, 31_000)).toEqual({ ageMs: 30_000, stale: false });
    expect(feedFreshness(1_000, 10_000, 31_001)).toEqual({ ageMs: 30_001, stale: true });
    expect(feedFreshness(null, 10_000, 5)).toEqual({ ageMs: Number.POSITIVE_INFINITY, stale: true });
    // A report stamped after `now` (clock skew) is fresh, not negative.
    expect(feedFreshness(2_000, 10_000, 1_000).ageMs).toBe(0);
  });
});
