import { defineConfig } from 'vitest/config';

// Option builders, stores and view models are pure TypeScript; no DOM needed.
export default defineConfig({
  test: {
    name: 'client',
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
