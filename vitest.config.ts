import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Once per run: the Node.js check, and one migrated PGlite image that
    // every file loads instead of running initdb and the migrations itself.
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/fuzz-seed.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Files share their worker process (and its loaded modules) instead of
    // each starting a new one: no file changes global state that another
    // reads, and vitest still restores mocks between files.
    isolate: false,
  },
});
