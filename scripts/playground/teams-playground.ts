import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort, ROOT, startBot, startPlayground, TRY_IT_SETTINGS } from './launch.ts';

// npm run teams:playground: pdsa-bot in local Teams mode (no Microsoft
// credentials; the embedded database unless DATABASE_URL is set) and
// Microsoft 365 Agents Playground pointed at it, a Teams-like window in the
// browser. Ctrl-C stops both.

const envFile = resolve(ROOT, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);
const settings = Object.fromEntries(
  Object.entries(TRY_IT_SETTINGS).filter(([name]) => process.env[name] === undefined),
);
const botPort = Number(process.env.TEAMS_PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
const logDir = resolve(ROOT, '.data/playground');

const say = (text: string) => process.stdout.write(`${text}\n`);

if ((await freePort(botPort)) !== botPort) {
  say(
    `Port ${botPort} is in use: set TEAMS_PORT to a free port, e.g. TEAMS_PORT=3979 npm run teams:playground`,
  );
  process.exit(1);
}
say(`Starting pdsa-bot in local Teams mode on http://127.0.0.1:${botPort} ...`);
let bot: Awaited<ReturnType<typeof startBot>>;
try {
  bot = await startBot({ port: botPort, env: settings, logFile: resolve(logDir, 'bot.log') });
} catch (error) {
  say(`pdsa-bot did not start:\n${(error as Error).message}`);
  process.exit(1);
}
say('Starting Microsoft 365 Agents Playground ...');
let playground: Awaited<ReturnType<typeof startPlayground>>;
try {
  playground = await startPlayground({
    port: playgroundPort,
    botEndpoint: bot.endpoint,
    logFile: resolve(logDir, 'playground.log'),
  });
} catch (error) {
  await bot.stop();
  say(`The Agents Playground did not start:\n${(error as Error).message}`);
  process.exit(1);
}

say(`
Open ${playground.url} in your browser: a Teams-like window where you chat with pdsa-bot.

  • Personal Chat: type  help  or  demo  (a sample network with twelve weeks of cycles)
  • Teams Channel › General: mention the bot (type @ and pick Test Bot), then  network channel here
  • ${
    Object.keys(settings).length > 0
      ? 'Check-ins go out as soon as they are due, on any day and at any hour, to try a cycle in minutes'
      : 'Check-ins follow your own PDSA_* settings'
  }

Logs: .data/playground/bot.log (pdsa-bot, JSON) and .data/playground/playground.log.
Requests are not authenticated in this mode; it listens on this machine only. Ctrl-C stops both.
`);

let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await Promise.allSettled([playground.stop(), bot.stop()]);
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
void bot.exited.then(async (code) => {
  if (stopping) return;
  say(`pdsa-bot stopped (exit ${code}); its last lines:\n${bot.output.slice(-10).join('\n')}`);
  await stop(1);
});
void playground.exited.then(async (code) => {
  if (stopping) return;
  say(`The Agents Playground stopped (exit ${code}).`);
  await stop(1);
});
