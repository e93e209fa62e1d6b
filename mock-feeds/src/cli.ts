import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isFeedName, type FeedName } from './feed.js';
import { DEFAULT_SEED } from './feeds.js';
import { jsonLineLogger, type Logger } from './logger.js';
import { createFeedRunner, type FeedRunner, type FeedRunnerOptions } from './runner.js';

const USAGE = `Usage: tsx mock-feeds/src/cli.ts --url http://localhost:8080 --token T [options]

  --url URL            wall server (env WALL_URL)
  --token T            ingest token (env WALL_INGEST_TOKEN)
  --via http|mqtt      telemetry path (default http; registration and statistics always use HTTP)
  --mqtt-url URL       broker for --via mqtt (env MQTT_URL, default mqtt://127.0.0.1:1883)
  --topic-prefix P     prefix for MQTT topics (default none)
  --mqtt-max-rate N    MQTT publishes per second (default max(5000, 1.5 × fleet rate))
  --seed N             behaviour seed (default ${DEFAULT_SEED})
  --layout-seed N      fleet layout seed (default fixed; changing it changes device ids)
  --rate R             heartbeat rate multiplier (default 1)
  --only a,b           feeds to run: bs5g,pole,pile,stats (default all)
  --tick-ms MS         tick interval (default 1000)
  --revision-minutes M statistics revision interval; 0 = none (default 10)
  --stats-every S      log delivery counters every S seconds; 0 = never (default 60)
`;

export class UsageError extends Error {}

export interface CliConfig {
  runner: Omit<FeedRunnerOptions, 'logger' | 'clock'>;
  statsEveryMs: number;
}

function num(name: string, v: string | undefined, fallback: number, min = 0): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new UsageError(`--${name} must be a number >= ${min}, got '${v}'`);
  return n;
}

export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv): CliConfig | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        url: { type: 'string' }, token: { type: 'string' }, via: { type: 'string' },
        'mqtt-url': { type: 'string' }, 'topic-prefix': { type: 'string' }, 'mqtt-max-rate': { type: 'string' },
        seed: { type: 'string' },
        'layout-seed': { type: 'string' }, rate: { type: 'string' }, only: { type: 'string' },
        'tick-ms': { type: 'string' }, 'revision-minutes': { type: 'string' }, 'stats-every': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (values.help) return 'help';
  const baseUrl = values.url ?? env.WALL_URL;
  const token = values.token ?? env.WALL_INGEST_TOKEN;
  if (!baseUrl) throw new UsageError('--url (or WALL_URL) is required');
  if (!token) throw new UsageError('--token (or WALL_INGEST_TOKEN) is required');
  const via = values.via ?? 'http';
  if (via !== 'http' && via !== 'mqtt') throw new UsageError(`--via must be http or mqtt, got '${via}'`);
  let only: FeedName[] | undefined;
  if (values.only !== undefined) {
    const names = values.only.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = names.filter((n) => !isFeedName(n));
    if (bad.length > 0 || names.length === 0) throw new UsageError(`--only takes bs5g,pole,pile,stats; got '${values.only}'`);
    only = names.filter(isFeedName);
  }
  const rate = num('rate', values.rate, 1);
  if (rate <= 0) throw new UsageError('--rate must be > 0');
  const runner: CliConfig['runner'] = {
    baseUrl,
    token,
    via,
    seed: values.seed ?? DEFAULT_SEED,
    rate,
    tickMs: num('tick-ms', values['tick-ms'], 1000, 10),
    revisionIntervalMs: num('revision-minutes', values['revision-minutes'], 10) * 60_000,
  };
  if (values['layout-seed'] !== undefined) runner.layoutSeed = num('layout-seed', values['layout-seed'], 0);
  if (only) runner.only = only;
  if (via === 'mqtt') runner.mqttUrl = values['mqtt-url'] ?? env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';
  if (values['topic-prefix'] !== undefined) runner.topicPrefix = values['topic-prefix'];
  if (values['mqtt-max-rate'] !== undefined) runner.mqttMaxPerSecond = num('mqtt-max-rate', values['mqtt-max-rate'], 0, 1);
  return { runner, statsEveryMs: num('stats-every', values['stats-every'], 60) * 1000 };
}

/** Runs until SIGINT or SIGTERM; resolves with the process exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, logger: Logger): Promise<number> {
  let cfg: CliConfig | 'help';
  try {
    cfg = parseCliArgs(argv, env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (cfg === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const runner: FeedRunner = createFeedRunner({ ...cfg.runner, logger });
  let statsTimer: ReturnType<typeof setInterval> | null = null;
  const stopped = new Promise<number>((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      logger.info({ signal }, 'stopping feeds');
      if (statsTimer) clearInterval(statsTimer);
      void runner.stop().then(() => {
        logger.info({ ...summary(runner) }, 'feeds stopped');
        resolve(0);
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  try {
    await runner.start();
  } catch (err) {
    logger.error({ error: err instanceof Error ? err.message : String(err) }, 'feeds could not start');
    await runner.stop();
    return 1;
  }
  if (cfg.statsEveryMs > 0) statsTimer = setInterval(() => logger.info(summary(runner), 'feed counters'), cfg.statsEveryMs);
  return stopped;
}

function summary(runner: FeedRunner): object {
  const { http: _http, mqtt: _mqtt, ...flat } = runner.stats();
  return flat;
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const logger = jsonLineLogger((line) => process.stderr.write(line), { name: 'mock-feeds' });
  main(process.argv.slice(2), process.env, logger).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      logger.error({ error: err instanceof Error ? err.stack : String(err) }, 'mock-feeds crashed');
      process.exitCode = 1;
    },
  );
}
