import { createApp } from './app.js';
import { loadConfig } from './config/config.js';
import { createLogger } from './platform/logger.js';
import { SqliteStore } from './store/sqlite.js';

/**
 * Server-only entry: serves the wall and waits for upstream feeds. `pnpm start`
 * uses scripts/start.ts instead, which also runs the mock feeds in-process.
 */
const config = loadConfig();
const log = createLogger(config.logLevel);
const store = new SqliteStore(config.sqliteFile);
const app = await createApp({ config, store, logger: log });
const addr = await app.listen();
log.info({ port: addr.port, store: store.kind, sources: config.sources.map((s) => s.name) }, 'wall server listening');

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    log.info({ sig }, 'shutting down');
    void app.close().then(() => store.close()).then(() => process.exit(0));
  });
}
