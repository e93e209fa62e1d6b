import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * One typed configuration, read once from the environment at start-up. Tests build
 * it directly with `testConfig()` instead of touching process.env.
 */
export interface SourceToken {
  /** Named in logs, metrics and the audit trail; never the token itself. */
  name: string;
  token: string;
  /** Reports from this source are simulated: the wall marks them 模拟. */
  simulated: boolean;
}

export interface Retention {
  rawMs: number;
  rollup1mMs: number;
  rollup1hMs: number;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** ':memory:' is allowed for tests that do not need a file. */
  sqliteFile: string;
  sources: SourceToken[];
  /** True when no token was configured and one was generated for in-process feeds. */
  generatedToken: boolean;
  publishTickMs: number;
  sweepMs: number;
  seriesStepMs: number;
  historyFlushMs: number;
  retention: Retention;
  clientDist: string;
  geoFile: string;
  parksFile: string;
  boardsFile: string;
  enterprisesFile: string;
  tourFile: string;
  alarmsFile: string;
  logLevel: string;
  mqttUrl: string | null;
  mqttTopicPrefix: string;
  /** Whether MQTT telemetry is simulated (the mock feeds' `--via mqtt`). */
  mqttSimulated: boolean;
  /** First console admin's password; unset → a one-time password is generated and logged once. */
  adminPassword: string | undefined;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const DEFAULT_RETENTION: Retention = {
  rawMs: 48 * HOUR,
  rollup1mMs: 30 * DAY,
  rollup1hMs: 2 * 365 * DAY,
};

const TokenFile = z.array(
  z.object({ name: z.string().min(1).max(64), token: z.string().min(16), simulated: z.boolean().default(false) }),
);

function parseDuration(v: string | undefined, fallback: number): number {
  if (!v) return fallback;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(v.trim());
  if (!m) throw new Error(`bad duration: ${v}`);
  const n = Number(m[1]);
  const unit = m[2] ?? 'ms';
  const mult = { ms: 1, s: 1000, m: 60_000, h: HOUR, d: DAY }[unit] ?? 1;
  return n * mult;
}

/**
 * Source tokens, in order of precedence:
 * - WALL_INGEST_TOKENS_FILE: JSON `[{name, token, simulated}]`, one per upstream;
 * - WALL_INGEST_TOKENS: `name:token[:sim],name:token`;
 * - WALL_INGEST_TOKEN: a single token, source name `default`;
 * - none: a random token for the in-process mock feeds, marked simulated.
 */
export function loadSources(env: NodeJS.ProcessEnv): { sources: SourceToken[]; generated: boolean } {
  if (env.WALL_INGEST_TOKENS_FILE) {
    const parsed = TokenFile.parse(JSON.parse(readFileSync(env.WALL_INGEST_TOKENS_FILE, 'utf8')));
    return { sources: parsed, generated: false };
  }
  if (env.WALL_INGEST_TOKENS) {
    const sources = env.WALL_INGEST_TOKENS.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((entry) => {
        const [name, token, flag] = entry.split(':');
        if (!name || !token || token.length < 16) throw new Error(`WALL_INGEST_TOKENS entry '${name}' needs name:token (token ≥ 16 chars)`);
        return { name, token, simulated: flag === 'sim' };
      });
    return { sources, generated: false };
  }
  if (env.WALL_INGEST_TOKEN) {
    return {
      sources: [{ name: 'default', token: env.WALL_INGEST_TOKEN, simulated: env.WALL_SOURCE_SIMULATED !== '0' }],
      generated: false,
    };
  }
  return {
    sources: [{ name: 'mock-feeds', token: randomBytes(24).toString('base64url'), simulated: true }],
    generated: true,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config {
  const dataDir = path.resolve(root, env.WALL_DATA_DIR ?? 'data');
  const { sources, generated } = loadSources(env);
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    sqliteFile: path.join(dataDir, 'wall.db'),
    sources,
    generatedToken: generated,
    publishTickMs: parseDuration(env.WALL_TICK, 100),
    sweepMs: 1000,
    seriesStepMs: parseDuration(env.WALL_SERIES_STEP, 10_000),
    historyFlushMs: 1000,
    retention: {
      rawMs: parseDuration(env.WALL_RETAIN_RAW, DEFAULT_RETENTION.rawMs),
      rollup1mMs: parseDuration(env.WALL_RETAIN_1M, DEFAULT_RETENTION.rollup1mMs),
      rollup1hMs: parseDuration(env.WALL_RETAIN_1H, DEFAULT_RETENTION.rollup1hMs),
    },
    clientDist: path.resolve(root, env.WALL_CLIENT_DIST ?? 'client/dist'),
    geoFile: path.resolve(root, env.WALL_GEO_FILE ?? 'config/geo/futian-subdistricts.wgs84.geojson'),
    parksFile: path.resolve(root, env.WALL_PARKS_FILE ?? 'config/geo/futian-parks.approx.geojson'),
    boardsFile: path.resolve(root, env.WALL_BOARDS_FILE ?? 'config/boards.json'),
    enterprisesFile: path.resolve(root, env.WALL_ENTERPRISES_FILE ?? 'config/enterprises.json'),
    tourFile: path.resolve(root, env.WALL_TOUR_FILE ?? 'config/tour.json'),
    alarmsFile: path.resolve(root, env.WALL_ALARMS_FILE ?? 'config/alarms.json'),
    logLevel: env.LOG_LEVEL ?? 'info',
    mqttUrl: env.MQTT_URL ?? null,
    mqttTopicPrefix: env.MQTT_TOPIC_PREFIX ?? '',
    mqttSimulated: env.MQTT_SIMULATED !== '0',
    adminPassword: env.WALL_ADMIN_PASSWORD || undefined,
  };
}

/** A config for tests: in-memory-free paths are the caller's; fast ticks. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: '',
    sqliteFile: ':memory:',
    sources: [{ name: 'mock-feeds', token: 'test-token-0123456789abcdef', simulated: true }],
    generatedToken: false,
    publishTickMs: 50,
    sweepMs: 200,
    seriesStepMs: 1000,
    historyFlushMs: 200,
    retention: DEFAULT_RETENTION,
    clientDist: path.resolve(import.meta.dirname, '../../../client/dist'),
    geoFile: path.resolve(import.meta.dirname, '../../../config/geo/futian-subdistricts.wgs84.geojson'),
    parksFile: path.resolve(import.meta.dirname, '../../../config/geo/futian-parks.approx.geojson'),
    boardsFile: path.resolve(import.meta.dirname, '../../../config/boards.json'),
    enterprisesFile: path.resolve(import.meta.dirname, '../../../config/enterprises.json'),
    tourFile: path.resolve(import.meta.dirname, '../../../config/tour.json'),
    alarmsFile: path.resolve(import.meta.dirname, '../../../config/alarms.json'),
    logLevel: 'silent',
    mqttUrl: null,
    mqttTopicPrefix: '',
    mqttSimulated: true,
    adminPassword: 'test-admin-password',
    ...overrides,
  };
}
