import { defineConfig } from 'vitest/config';

// `npm run test:playground`: pdsa-bot in local Teams mode, driven through
// Microsoft 365 Agents Playground's own web UI in a headless Chromium, as a
// person would use it. Slow and needs a browser, so it runs apart from the
// ordinary suite (.ci/run installs Chromium and runs it).
export default defineConfig({
  test: {
    include: ['test-playground/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
