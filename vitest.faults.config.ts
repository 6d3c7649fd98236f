import { defineConfig } from 'vitest/config';

// `npm run test:faults`: tests that stop and start a private PostgreSQL
// server of their own, so they run apart from the ordinary suite.
export default defineConfig({
  test: {
    include: ['test-faults/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
