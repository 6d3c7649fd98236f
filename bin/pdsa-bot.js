#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so there is no build step
// between a clone and a running bot.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`pdsa-bot needs Node.js 22.12 or newer; this is ${process.version}. See .nvmrc.\n`);
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
