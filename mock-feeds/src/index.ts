export { systemClock, manualClock, type Clock, type ManualClock } from './clock.js';
export { Rng, createRng } from './rng.js';
export { noopLogger, jsonLineLogger, type Logger } from './logger.js';
export { largestRemainder, allocateWithMin, toCents } from './allocate.js';
export {
  DEFAULT_BEHAVIOUR,
  QUIET_BEHAVIOUR,
  mergeBehaviour,
  type BehaviourConfig,
  type DeepPartial,
  type FailureModel,
  type IncidentModel,
  type KindBehaviour,
} from './config.js';
export {
  FEED_NAMES,
  isFeedName,
  type DownMode,
  type FeedName,
  type FeedSource,
  type FeedTick,
  type Incident,
  type IncidentEvent,
  type IncidentType,
} from './feed.js';
export { FLEET_LAYOUT_SEED, buildFleet, registrationsOf, type Fleet, type PileSpec, type SiteSpec } from './fleet.js';
export { URBAN_INTENSITY, LAYER_GAMMA, allocateLayer, layerWeights, shanghaiHour, utilisationAt, type Layer } from './model.js';
export { TelemetryFeed, type TelemetryFeedOptions } from './telemetry-feed.js';
export { StatsFeed, DEFAULT_REVISION_INTERVAL_MS, type StatsFeedOptions, type RevisionKind } from './stats-feed.js';
export { VA_2020_CENTS, VA_2021_CENTS } from './stats-model.js';
export { createFeeds, DEFAULT_SEED, type FeedsOptions } from './feeds.js';
export { HttpSink, HttpError, type HttpSinkOptions, type ChannelStats, type FetchLike } from './sinks/http.js';
export { MqttSink, telemetryTopic, type MqttSinkOptions, type MqttSinkStats } from './sinks/mqtt.js';
export { createFeedRunner, type FeedRunner, type FeedRunnerOptions, type RunnerStats } from './runner.js';
