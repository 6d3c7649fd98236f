// The one line that every way into the project (npm start, npm test, the
// bin itself) gives on a Node.js too old for it, before anything else runs.
// Plain JavaScript that any Node can parse: it must speak before the
// TypeScript loader, which needs the newer Node, is even imported.
import { fileURLToPath } from 'node:url';

const MINIMUM = [22, 12];

/** Why this Node.js cannot run pdsa-bot, or undefined when it can. */
export function nodeVersionProblem(version = process.versions.node) {
  const [major, minor] = version.split('.').map(Number);
  if (major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1])) return undefined;
  return `pdsa-bot needs Node.js ${MINIMUM.join('.')} or newer; this is v${version}. See .nvmrc.`;
}

// Run as a script (`node bin/node-version.js`, as `npm test` does): print the
// line and fail, or say nothing.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const problem = nodeVersionProblem();
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
}
