import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { IdentityPolicy } from '@futian/shared';
import { DEFAULT_POLICY } from '../auth/policy.js';
import { policyFromEnv } from '../auth/policy-env.js';

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
  /** Unenrolled pages may watch the live room read-only, and the read endpoints answer anyone. */
  openView: boolean;
  /** Integrators' read-only tokens (WALL_READ_TOKENS `name:token,…`). */
  readTokens: Array<{ name: string; token: string }>;
  /** Bearer token for /metrics; null → /metrics answers this host only. */
  metricsToken: string | null;
  /** Origins besides the server's own that may drive the console (a reverse proxy's public name). */
  allowedOrigins: string[];
  /** Proxies trusted to say who the client is: false, a hop count, or addresses/subnets. */
  trustProxy: false | number | string[];
  limits: {
    socketsPerAddress: number;
    socketBufferBytes: number;
    wallEventBytes: number;
    consoleEventBytes: number;
    eventsPerSecond: number;
    eventBurst: number;
    resyncMinIntervalMs: number;
  };
  pairing: { ttlMs: number; perAddress: number; total: number };
  /** Refusals are audited as one row per actor, action, address and window of this length. */
  auditRefusalWindowMs: number;
  /** The identity policy's defaults (WALL_PASSWORD_*, WALL_SESSION_*, WALL_REQUIRE_2FA); the security admin may change them within floors. */
  identityPolicy: IdentityPolicy;
}

/** Defaults of the abuse limits (docs/SECURITY.md explains each). */
export const DEFAULT_LIMITS: Config['limits'] = {
  socketsPerAddress: 64,
  socketBufferBytes: 4 * 1024 * 1024,
  wallEventBytes: 4 * 1024,
  consoleEventBytes: 16 * 1024,
  eventsPerSecond: 20,
  eventBurst: 40,
  resyncMinIntervalMs: 2_000,
};
export const DEFAULT_PAIRING: Config['pairing'] = { ttlMs: 10 * 60_000, perAddress: 3, total: 200 };

function flag(v: string | undefined, fallback: boolean): boolean {
  if (v === undefined || v === '') return fallback;
  if (/^(1|true|on|yes)$/i.test(v)) return true;
  if (/^(0|false|off|no)$/i.test(v)) return false;
  throw new Error(`expected 1/0, true/false or on/off, got '${v}'`);
}

function positiveInt(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, got '${v}'`);
  return n;
}

/** WALL_TRUST_PROXY: unset or 0 → trust no proxy; a number → that many hops; else a comma list of addresses, subnets or names express knows (loopback, uniquelocal). */
export function parseTrustProxy(v: string | undefined): false | number | string[] {
  if (v === undefined || v.trim() === '' || v.trim() === '0' || /^false$/i.test(v.trim())) return false;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  if (/^true$/i.test(v.trim())) throw new Error("WALL_TRUST_PROXY=true would trust any X-Forwarded-For; name the proxy's address or a hop count");
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

function parseReadTokens(v: string | undefined): Array<{ name: string; token: string }> {
  if (!v) return [];
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const i = entry.indexOf(':');
      const name = entry.slice(0, i);
      const token = entry.slice(i + 1);
      if (i < 1 || token.length < 16) throw new Error(`WALL_READ_TOKENS entry '${name || entry.slice(0, 8)}' needs name:token (token ≥ 16 chars)`);
      return { name, token };
    });
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
    // On by default so `pnpm start` shows a live wall at once; production turns it off (docs/SECURITY.md).
    openView: flag(env.WALL_OPEN_VIEW, true),
    readTokens: parseReadTokens(env.WALL_READ_TOKENS),
    metricsToken: env.WALL_METRICS_TOKEN || null,
    allowedOrigins: (env.WALL_ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    trustProxy: parseTrustProxy(env.WALL_TRUST_PROXY),
    limits: {
      socketsPerAddress: positiveInt('WALL_MAX_SOCKETS_PER_ADDRESS', env.WALL_MAX_SOCKETS_PER_ADDRESS, DEFAULT_LIMITS.socketsPerAddress),
      socketBufferBytes: positiveInt('WALL_SOCKET_BUFFER_BYTES', env.WALL_SOCKET_BUFFER_BYTES, DEFAULT_LIMITS.socketBufferBytes),
      wallEventBytes: DEFAULT_LIMITS.wallEventBytes,
      consoleEventBytes: DEFAULT_LIMITS.consoleEventBytes,
      eventsPerSecond: positiveInt('WALL_EVENTS_PER_SECOND', env.WALL_EVENTS_PER_SECOND, DEFAULT_LIMITS.eventsPerSecond),
      eventBurst: DEFAULT_LIMITS.eventBurst,
      resyncMinIntervalMs: parseDuration(env.WALL_RESYNC_MIN_INTERVAL, DEFAULT_LIMITS.resyncMinIntervalMs),
    },
    pairing: DEFAULT_PAIRING,
    auditRefusalWindowMs: 60_000,
    identityPolicy: policyFromEnv(env),
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
    adminPassword: 'Test-admin-pass-1',
    openView: true,
    readTokens: [],
    metricsToken: null,
    allowedOrigins: [],
    trustProxy: false,
    limits: DEFAULT_LIMITS,
    pairing: DEFAULT_PAIRING,
    auditRefusalWindowMs: 60_000,
    identityPolicy: { ...DEFAULT_POLICY },
    ...overrides,
  };
}
