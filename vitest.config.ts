import { globSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const TESTS = 'test/**/*.test.ts';

// Test files share their worker process, and the modules it loaded, instead
// of each starting a new one: most of a file's time used to go into
// starting Node and importing the same modules again. A file that replaces
// a module (vi.mock) needs a fresh module graph of its own, so such files,
// found by reading them, run isolated as before.
const mocking = globSync(TESTS).filter((file) => /\bvi\.(do)?[mM]ock\(/.test(readFileSync(file, 'utf8')));

export default defineConfig({
  test: {
    // Once per run: the Node.js check, and one migrated PGlite image that
    // every file loads instead of running initdb and the migrations itself.
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/fuzz-seed.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'shared', include: [TESTS], exclude: mocking, isolate: false } },
      { extends: true, test: { name: 'isolated', include: mocking.length ? mocking : ['no-such-file'] } },
    ],
  },
});
