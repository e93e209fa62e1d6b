import { createApp } from './app.js';
import { loadConfig } from './config/config.js';
import { createLogger } from './platform/logger.js';
import { checkPortFree, exitOnStartFailure, loadConfigFiles, openStore } from './startup.js';

/**
 * Server-only entry: serves the wall and waits for upstream feeds. `pnpm start`
 * uses scripts/start.ts instead, which also runs the mock feeds in-process.
 *
 * The order is the point: the environment and every configuration file are
 * checked before the database is opened, the database and the port before any
 * account is created. A start that fails prints one line naming what to fix,
 * and never after the first admin's one-time password.
 */
let sqliteFile: string | undefined;
try {
  const config = loadConfig();
  sqliteFile = config.databaseUrl ? undefined : config.sqliteFile;
  const files = loadConfigFiles(config);
  const log = createLogger(config.logLevel);
  const store = await openStore(config);
  await checkPortFree(config.port, config.host);
  const app = await createApp({ config, store, logger: log, files });
  const addr = await app.listen();
  log.info({ port: addr.port, store: store.kind, sources: config.sources.map((s) => s.name) }, 'wall server listening');

  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      log.info({ sig }, 'shutting down');
      void app.close().then(() => store.close()).then(() => process.exit(0));
    });
  }
} catch (err) {
  exitOnStartFailure(err, { sqliteFile });
}
