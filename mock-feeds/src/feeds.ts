import { DEFAULT_BEHAVIOUR, mergeBehaviour, type BehaviourConfig, type DeepPartial } from './config.js';
import { FEED_NAMES, type FeedName, type FeedSource } from './feed.js';
import { StatsFeed } from './stats-feed.js';
import { TelemetryFeed } from './telemetry-feed.js';

/** The default seed: the first day of the year the documented figures describe. */
export const DEFAULT_SEED = 20210101;

export interface FeedsOptions {
  seed?: number | string;
  /** Fleet layout seed; leave it alone to keep device ids stable across runs. */
  layoutSeed?: number;
  /** Heartbeat rate multiplier (10 = ten times the documented cadence). */
  rate?: number;
  behaviour?: DeepPartial<BehaviourConfig>;
  /** Statistics revision interval; 0 turns revisions off. */
  revisionIntervalMs?: number;
  /** Subset of feeds; all four by default. */
  only?: readonly FeedName[];
}

export function createFeeds(opts: FeedsOptions = {}): FeedSource[] {
  const seed = opts.seed ?? DEFAULT_SEED;
  const behaviour = mergeBehaviour(DEFAULT_BEHAVIOUR, opts.behaviour);
  const names = opts.only ?? FEED_NAMES;
  return FEED_NAMES.filter((n) => names.includes(n)).map((name): FeedSource => {
    if (name === 'stats') {
      const o: { seed: number | string; revisionIntervalMs?: number } = { seed };
      if (opts.revisionIntervalMs !== undefined) o.revisionIntervalMs = opts.revisionIntervalMs;
      return new StatsFeed(o);
    }
    const t: ConstructorParameters<typeof TelemetryFeed>[1] = { seed, rate: opts.rate ?? 1, behaviour };
    if (opts.layoutSeed !== undefined) t.layoutSeed = opts.layoutSeed;
    return new TelemetryFeed(name, t);
  });
}
