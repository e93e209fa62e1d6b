import { defineConfig } from 'vitest/config';

/**
 * One `pnpm test` runs every project: unit tests beside the code, contract tests
 * against a real server on port 0 (on SQLite, and the storage ones again on
 * PostgreSQL), and browser tests in Debian's Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      // Option builders, store logic and layout run in node; see client/vitest.config.ts.
      'client/vitest.config.ts',
      {
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'mock-feeds/src/**/*.test.ts', 'tests/bench/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // Type tests: the socket contracts checked by tsc, not run (see tests/types).
        test: {
          name: 'types',
          include: [],
          typecheck: { enabled: true, only: true, include: ['tests/types/**/*.test-d.ts'], tsconfig: 'tests/tsconfig.json' },
        },
      },
      {
        test: {
          name: 'contract',
          include: ['tests/contract/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The contract files that exercise storage, again over PostgreSQL: each
        // server gets a database of its own on the machine's server (see
        // tests/support/server.ts). The rest (pages, start-up, MQTT restarts,
        // socket abuse) do not touch the store's SQL and run once, above.
        test: {
          name: 'contract-pg',
          include: [
            'tests/contract/{accounts,audit,console,history-stats,industry-import,ingest-hostile,replay-mqtt,screens,stats-import,tokens,wall}.test.ts',
          ],
          environment: 'node',
          env: { WALL_TEST_STORE: 'pg' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Cluster mode (REDIS_URL) against the machine's PostgreSQL and Redis: each
        // file gets a database and a Redis key prefix of its own, and nodes that
        // are real processes where a test kills one (see tests/cluster/support.ts).
        test: {
          name: 'cluster',
          include: ['tests/cluster/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          // One Chromium at a time: these machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
