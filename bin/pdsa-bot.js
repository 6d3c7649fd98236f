#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so there is no build step
// between a clone and a running bot.
import { nodeVersionProblem } from './node-version.js';

const problem = nodeVersionProblem();
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/main.ts');
try {
  await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`pdsa-bot stopped on an unexpected error: ${error?.stack ?? error}\n`);
  process.exit(1);
}
