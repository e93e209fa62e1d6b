import { defineConfig } from 'vitest/config';

/**
 * One `pnpm test` runs every project: unit tests beside the code, contract tests
 * against a real server on port 0, and browser tests in Debian's Chromium.
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
