import { globSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const TESTS = 'test/**/*.test.ts';

// Test files share their worker process, and the modules it loaded, instead
// of each starting a new one: most of a file's time used to go into
// starting Node and importing the same modules again. A file that replaces
// a module (vi.mock) needs a fresh module graph of its own, and one that
// watches what the process prints (a spy on console or stderr) would see
// the late log lines of the file before it; such files, found by reading
// them, run isolated as before.
const ISOLATE = /\bvi\.(do)?[mM]ock\(|spyOn\((console|process\.std(err|out))\b/;
const ownProcess = globSync(TESTS).filter((file) => ISOLATE.test(readFileSync(file, 'utf8')));

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
      { extends: true, test: { name: 'shared', include: [TESTS], exclude: ownProcess, isolate: false } },
      {
        extends: true,
        test: { name: 'isolated', include: ownProcess.length ? ownProcess : ['no-such-file'] },
      },
    ],
  },
});
