/**
 * `pnpm start`: the composition root, and the only place that wires the server
 * and the mock feeds together (the packages themselves never import each other).
 * Builds the client if it is missing or older than its sources, starts the
 * server on PORT (8080), and runs the mock feeds in-process against the
 * server's public ingest API with the token generated at start-up.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createFeedRunner, type FeedRunner } from '@futian/mock-feeds';
import { checkPortFree, createApp, createLogger, exitOnStartFailure, loadConfig, loadConfigFiles, openStore, StartupError, type SourceToken } from '@futian/server';
import { createDemoSource } from './demo-source.js';

const root = path.resolve(import.meta.dirname, '..');

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const e of readdirSync(p)) {
    if (e === 'node_modules' || e === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(p, e)));
  }
  return newest;
}

function clientIsStale(dist: string): boolean {
  const built = path.join(dist, 'wall.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(newestMtime(path.join(root, 'client')), newestMtime(path.join(root, 'shared/src')));
  return sources > statSync(built).mtimeMs;
}

// Settings and configuration files first, the database next, accounts last: a
// start that fails prints one line naming what to fix (server/src/startup.ts).
let config: ReturnType<typeof loadConfig>;
let files: ReturnType<typeof loadConfigFiles>;
try {
  config = loadConfig(process.env, root);
  files = loadConfigFiles(config);
} catch (err) {
  exitOnStartFailure(err);
}
const log = createLogger(config.logLevel);

if (process.env.WALL_SKIP_BUILD !== '1' && clientIsStale(config.clientDist)) {
  log.info('building the client (vite)…');
  const r = spawnSync('pnpm', ['--filter', '@futian/client', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    log.error({ status: r.status }, 'client build failed');
    process.exit(1);
  }
}

const { store, app, addr } = await (async () => {
  try {
    const store = await openStore(config);
    await checkPortFree(config.port, config.host);
    const app = await createApp({ config, store, logger: log, demoSource: createDemoSource(), files });
    return { store, app, addr: await app.listen() };
  } catch (err) {
    return exitOnStartFailure(err, config.databaseUrl ? {} : { sqliteFile: config.sqliteFile });
  }
})();
log.info(
  { url: `http://localhost:${addr.port}/wall`, store: store.kind, dataDir: config.dataDir, sources: config.sources.map((s) => s.name) },
  'wall server listening',
);

// Mock feeds: on by default only when no real source token was configured.
const mode = process.env.WALL_FEEDS ?? 'auto';
let feeds: FeedRunner | null = null;
if (mode === 'on' || (mode === 'auto' && config.generatedToken)) {
  // The feeds send telemetry and statistics on one token: it needs the ingest
  // scope; a simulated source is preferred (its data is marked 模拟), then one
  // that also has the stats scope (otherwise their statistics are refused).
  const rank = (s: SourceToken): number => (s.simulated ? 2 : 0) + (s.scopes.includes('stats') ? 1 : 0);
  const source = config.sources.filter((s) => s.scopes.includes('ingest')).sort((a, b) => rank(b) - rank(a))[0];
  if (!source) exitOnStartFailure(new StartupError('WALL_FEEDS=on needs a token with the ingest scope (WALL_INGEST_TOKEN or WALL_TOKENS)'));
  feeds = createFeedRunner({
    baseUrl: `http://127.0.0.1:${addr.port}`,
    token: source.token,
    seed: process.env.WALL_FEEDS_SEED ?? undefined,
    rate: Number(process.env.WALL_FEEDS_RATE ?? 1),
    via: process.env.WALL_FEEDS_VIA === 'mqtt' ? 'mqtt' : 'http',
    mqttUrl: config.mqttUrl ?? undefined,
    topicPrefix: config.mqttTopicPrefix,
    logger: log.child({ mod: 'mock-feeds' }),
  });
  await feeds.start();
  log.info({ source: source.name, devices: app.registry.size }, 'in-process mock feeds running (simulated data, marked 模拟)');
}

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    if (stopping) return;
    stopping = true;
    log.info({ sig }, 'shutting down');
    void (async () => {
      await feeds?.stop();
      await app.close();
      await store.close();
      process.exit(0);
    })();
  });
}
