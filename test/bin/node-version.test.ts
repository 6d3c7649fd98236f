import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../bin/node-version.js';

// On a Node.js older than 22.12, `npm start`, `npm test` and the test setup
// stop with one line that says what is needed; `npm install` refuses too
// (engine-strict), before installing anything.

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('the Node.js version check', () => {
  it('names the version needed and the one found, in one line, and says nothing on a recent Node', () => {
    expect(nodeVersionProblem('20.20.2')).toBe(
      'pdsa-bot needs Node.js 22.12 or newer; this is v20.20.2. See .nvmrc.',
    );
    expect(nodeVersionProblem('22.11.0')).toContain('this is v22.11.0');
    expect(nodeVersionProblem('22.12.0')).toBeUndefined();
    expect(nodeVersionProblem('23.0.0')).toBeUndefined();
    expect(nodeVersionProblem('24.21.0')).toBeUndefined();
    expect(nodeVersionProblem(process.versions.node)).toBeUndefined();
  });

  it('is what npm test runs first, and npm install refuses an older Node by the same minimum', () => {
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.scripts.test).toMatch(/^node bin\/node-version\.js && /);
    expect(pkg.engines.node).toBe('>=22.12');
    expect(read('.npmrc')).toMatch(/^engine-strict=true$/m);
  });
});
