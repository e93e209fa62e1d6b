import path from 'node:path';
import type { IdentityPolicy } from '@futian/shared';
import { DEFAULT_POLICY } from '../auth/policy.js';
import { policyFromEnv } from '../auth/policy-env.js';
import { AUDIT_RETENTION_MIN_MS, auditRetentionFromEnv } from '../store/audit-retention.js';
import { StartupError } from '../platform/startup-error.js';
import { loadTokens, type SourceToken } from './tokens.js';

export { MIN_TOKEN_LENGTH, TOKEN_SCOPES, type SourceToken, type TokenScope } from './tokens.js';

export interface Retention {
  rawMs: number;
  rollup1mMs: number;
  rollup1hMs: number;
}

/**
 * One typed configuration, read once from the environment at start-up. Tests build
 * it directly with `testConfig()` instead of touching process.env.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** ':memory:' is allowed for tests that do not need a file. */
  sqliteFile: string;
  /** DATABASE_URL: a PostgreSQL store shared by every node; null → the SQLite file above. */
  databaseUrl: string | null;
  /** REDIS_URL: cluster mode (fan-out, room leases, committed-batch stream); null → one process, nothing of Redis runs. */
  redisUrl: string | null;
  /** REDIS_PREFIX: every key and channel of this cluster starts with it, so clusters (and test runs) can share a Redis. */
  redisPrefix: string;
  /** NODE_ID: this node's name in the cluster (leases, health, MQTT client id); unset → host name and port. */
  nodeId: string | undefined;
  /** Every machine token with its scopes: upstream sources (ingest, stats) and integrators (read). */
  sources: SourceToken[];
  /** True when no upstream token was configured and one was generated for in-process feeds. */
  generatedToken: boolean;
  publishTickMs: number;
  sweepMs: number;
  seriesStepMs: number;
  historyFlushMs: number;
  retention: Retention;
  clientDist: string;
  /** Debian's Chromium for server-side pictures of the wall (WALL_CHROMIUM). */
  chromiumPath: string;
  geoFile: string;
  parksFile: string;
  boardsFile: string;
  enterprisesFile: string;
  tourFile: string;
  alarmsFile: string;
  /** WALL_ALARM_STARTUP_GRACE: cadences of each kind after start in which restart artefacts raise no alarm (0: none). */
  alarmStartupGraceCadences: number;
  logLevel: string;
  mqttUrl: string | null;
  mqttTopicPrefix: string;
  /** MQTT_CLIENT_ID: the broker keeps the intake's persistent session under it (unset: ingest/mqtt.ts defaultMqttClientId). */
  mqttClientId?: string | undefined;
  /** Whether MQTT telemetry is simulated (the mock feeds' `--via mqtt`). */
  mqttSimulated: boolean;
  /** First console admin's password; unset → a one-time password is generated and logged once. */
  adminPassword: string | undefined;
  /** Unenrolled pages may watch the live room read-only, and the read endpoints answer anyone. */
  openView: boolean;
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
  /** How long audit rows are kept (WALL_AUDIT_RETENTION_DAYS, at least 180 days); the database refuses earlier deletes. */
  auditRetentionMs: number;
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

function flag(name: string, v: string | undefined, fallback: boolean): boolean {
  if (v === undefined || v === '') return fallback;
  if (/^(1|true|on|yes)$/i.test(v)) return true;
  if (/^(0|false|off|no)$/i.test(v)) return false;
  throw new StartupError(`${name}: expected 1/0, true/false or on/off, got '${v.slice(0, 40)}'`);
}

function positiveInt(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new StartupError(`${name} must be a whole number ≥ 1, got '${v.slice(0, 40)}'`);
  return n;
}

function portNumber(v: string | undefined): number {
  if (v === undefined || v === '') return 8080;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new StartupError(`PORT must be a port number 0–65535, got '${v.slice(0, 40)}'`);
  return n;
}

/** WALL_TRUST_PROXY: unset or 0 → trust no proxy; a number → that many hops; else a comma list of addresses, subnets or names express knows (loopback, uniquelocal). */
export function parseTrustProxy(v: string | undefined): false | number | string[] {
  if (v === undefined || v.trim() === '' || v.trim() === '0' || /^false$/i.test(v.trim())) return false;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  if (/^true$/i.test(v.trim())) throw new StartupError("WALL_TRUST_PROXY=true would trust any X-Forwarded-For; name the proxy's address or a hop count");
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const DEFAULT_RETENTION: Retention = {
  rawMs: 48 * HOUR,
  rollup1mMs: 30 * DAY,
  rollup1hMs: 2 * 365 * DAY,
};

function parseDuration(name: string, v: string | undefined, fallback: number): number {
  if (!v) return fallback;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(v.trim());
  if (!m) throw new StartupError(`${name}: expected a duration such as 500ms, 10s, 5m, 48h or 30d, got '${v.slice(0, 40)}'`);
  const n = Number(m[1]);
  const unit = m[2] ?? 'ms';
  const mult = { ms: 1, s: 1000, m: 60_000, h: HOUR, d: DAY }[unit] ?? 1;
  return n * mult;
}

/** Alarm start-up grace in cadences (default 4: the 3-cadence silence window plus one). */
function graceCadences(v: string | undefined): number {
  if (v === undefined || v.trim() === '') return 4;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new StartupError(`WALL_ALARM_STARTUP_GRACE: expected a number of cadences 0–100, got '${v.slice(0, 40)}'`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config {
  const dataDir = path.resolve(root, env.WALL_DATA_DIR ?? 'data');
  const { sources, generated, metricsToken } = loadTokens(env);
  // Every node of a cluster must read and write the same history, sessions and
  // screens; an SQLite file is one machine's.
  if (env.REDIS_URL?.trim() && !env.DATABASE_URL?.trim()) {
    throw new StartupError('REDIS_URL is set but DATABASE_URL is not: a cluster needs a PostgreSQL store every node shares, not an SQLite file');
  }
  return {
    port: portNumber(env.PORT),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    sqliteFile: path.join(dataDir, 'wall.db'),
    databaseUrl: env.DATABASE_URL?.trim() || null,
    redisUrl: env.REDIS_URL?.trim() || null,
    redisPrefix: env.REDIS_PREFIX?.trim() || 'futian:',
    nodeId: env.NODE_ID?.trim() || undefined,
    sources,
    generatedToken: generated,
    publishTickMs: parseDuration('WALL_TICK', env.WALL_TICK, 100),
    sweepMs: 1000,
    seriesStepMs: parseDuration('WALL_SERIES_STEP', env.WALL_SERIES_STEP, 10_000),
    historyFlushMs: 1000,
    retention: {
      rawMs: parseDuration('WALL_RETAIN_RAW', env.WALL_RETAIN_RAW, DEFAULT_RETENTION.rawMs),
      rollup1mMs: parseDuration('WALL_RETAIN_1M', env.WALL_RETAIN_1M, DEFAULT_RETENTION.rollup1mMs),
      rollup1hMs: parseDuration('WALL_RETAIN_1H', env.WALL_RETAIN_1H, DEFAULT_RETENTION.rollup1hMs),
    },
    clientDist: path.resolve(root, env.WALL_CLIENT_DIST ?? 'client/dist'),
    chromiumPath: env.WALL_CHROMIUM ?? '/usr/bin/chromium',
    geoFile: path.resolve(root, env.WALL_GEO_FILE ?? 'config/geo/futian-subdistricts.wgs84.geojson'),
    parksFile: path.resolve(root, env.WALL_PARKS_FILE ?? 'config/geo/futian-parks.approx.geojson'),
    boardsFile: path.resolve(root, env.WALL_BOARDS_FILE ?? 'config/boards.json'),
    enterprisesFile: path.resolve(root, env.WALL_ENTERPRISES_FILE ?? 'config/enterprises.json'),
    tourFile: path.resolve(root, env.WALL_TOUR_FILE ?? 'config/tour.json'),
    alarmsFile: path.resolve(root, env.WALL_ALARMS_FILE ?? 'config/alarms.json'),
    alarmStartupGraceCadences: graceCadences(env.WALL_ALARM_STARTUP_GRACE),
    logLevel: env.LOG_LEVEL ?? 'info',
    mqttUrl: env.MQTT_URL ?? null,
    mqttTopicPrefix: env.MQTT_TOPIC_PREFIX ?? '',
    mqttClientId: env.MQTT_CLIENT_ID || undefined,
    mqttSimulated: env.MQTT_SIMULATED !== '0',
    adminPassword: env.WALL_ADMIN_PASSWORD || undefined,
    // On by default so `pnpm start` shows a live wall at once; production turns it off (docs/SECURITY.md).
    openView: flag('WALL_OPEN_VIEW', env.WALL_OPEN_VIEW, true),
    metricsToken,
    allowedOrigins: (env.WALL_ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    trustProxy: parseTrustProxy(env.WALL_TRUST_PROXY),
    limits: {
      socketsPerAddress: positiveInt('WALL_MAX_SOCKETS_PER_ADDRESS', env.WALL_MAX_SOCKETS_PER_ADDRESS, DEFAULT_LIMITS.socketsPerAddress),
      socketBufferBytes: positiveInt('WALL_SOCKET_BUFFER_BYTES', env.WALL_SOCKET_BUFFER_BYTES, DEFAULT_LIMITS.socketBufferBytes),
      wallEventBytes: DEFAULT_LIMITS.wallEventBytes,
      consoleEventBytes: DEFAULT_LIMITS.consoleEventBytes,
      eventsPerSecond: positiveInt('WALL_EVENTS_PER_SECOND', env.WALL_EVENTS_PER_SECOND, DEFAULT_LIMITS.eventsPerSecond),
      eventBurst: DEFAULT_LIMITS.eventBurst,
      resyncMinIntervalMs: parseDuration('WALL_RESYNC_MIN_INTERVAL', env.WALL_RESYNC_MIN_INTERVAL, DEFAULT_LIMITS.resyncMinIntervalMs),
    },
    pairing: DEFAULT_PAIRING,
    auditRefusalWindowMs: 60_000,
    identityPolicy: policyFromEnv(env),
    auditRetentionMs: auditRetentionFromEnv(env),
  };
}

/** A config for tests: in-memory-free paths are the caller's; fast ticks. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: '',
    sqliteFile: ':memory:',
    databaseUrl: null,
    redisUrl: null,
    redisPrefix: 'futian-test:',
    nodeId: undefined,
    // As the token `pnpm start` generates for its in-process feeds, which send
    // telemetry and their simulated statistics; tests of least privilege name their own.
    sources: [{ name: 'mock-feeds', token: 'test-token-0123456789abcdef', simulated: true, scopes: ['ingest', 'stats'] }],
    generatedToken: false,
    publishTickMs: 50,
    sweepMs: 200,
    seriesStepMs: 1000,
    historyFlushMs: 200,
    retention: DEFAULT_RETENTION,
    clientDist: path.resolve(import.meta.dirname, '../../../client/dist'),
    chromiumPath: '/usr/bin/chromium',
    geoFile: path.resolve(import.meta.dirname, '../../../config/geo/futian-subdistricts.wgs84.geojson'),
    parksFile: path.resolve(import.meta.dirname, '../../../config/geo/futian-parks.approx.geojson'),
    boardsFile: path.resolve(import.meta.dirname, '../../../config/boards.json'),
    enterprisesFile: path.resolve(import.meta.dirname, '../../../config/enterprises.json'),
    tourFile: path.resolve(import.meta.dirname, '../../../config/tour.json'),
    alarmsFile: path.resolve(import.meta.dirname, '../../../config/alarms.json'),
    // Contract tests raise alarms within seconds of start; the restart test sets it.
    alarmStartupGraceCadences: 0,
    logLevel: 'silent',
    mqttUrl: null,
    mqttTopicPrefix: '',
    mqttSimulated: true,
    adminPassword: 'Test-admin-pass-1',
    openView: true,
    metricsToken: null,
    allowedOrigins: [],
    trustProxy: false,
    limits: DEFAULT_LIMITS,
    pairing: DEFAULT_PAIRING,
    auditRefusalWindowMs: 60_000,
    identityPolicy: { ...DEFAULT_POLICY },
    auditRetentionMs: AUDIT_RETENTION_MIN_MS,
    ...overrides,
  };
}
