import { App, LogLevel } from '@slack/bolt';
import { createSlackAdapter } from '../../adapters/slack/index.ts';
import { createBot } from '../../src/bot/bot.ts';
import { allCommands } from '../../src/bot/commands/index.ts';
import { buildHome } from '../../src/bot/home.ts';
import { interactionRoutes } from '../../src/bot/routes.ts';
import { defaultSettings } from '../../src/core/settings.ts';
import { openDatabase } from '../../src/db/connect.ts';
import { silentLog } from '../../src/platform/log.ts';
import { botServices, knownPlatforms } from '../../test/support/bot-deps.ts';

// One app under test, in a process of its own (as it would run): either
// pdsa-bot's Slack adapter on the real core and PostgreSQL, or a bare Bolt
// app whose listeners only ack. Prints "READY <port>" once it listens.

const mode = process.env.BENCH_MODE;
const apiUrl = requireEnv('BENCH_SLACK_API_URL');
const signingSecret = requireEnv('BENCH_SIGNING_SECRET');
const botToken = 'xoxb-bench-token';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function startOurs(): Promise<number> {
  const opened = await openDatabase(
    { kind: 'postgres', url: requireEnv('BENCH_DATABASE_URL') },
    { searchPath: requireEnv('BENCH_SCHEMA'), poolSize: 10 },
  );
  const bot = createBot({
    db: opened.db,
    clock: () => new Date(),
    settings: { ...defaultSettings, defaultTimeZone: 'America/Chicago' },
    platforms: knownPlatforms,
    services: botServices,
    commands: allCommands(),
    routes: interactionRoutes(),
    home: buildHome,
  });
  const adapter = createSlackAdapter({
    config: { botToken, signingSecret, apiUrl, port: 0 },
    bot,
    db: opened.db,
    log: { ...silentLog, error: (_fields, msg) => process.stderr.write(`${msg}\n`) },
  });
  await adapter.start();
  process.once('SIGTERM', () => {
    void adapter
      .stop()
      .then(() => opened.close())
      .finally(() => process.exit(0));
  });
  return adapter.listeningPort()!;
}

async function startBare(): Promise<number> {
  const app = new App({
    token: botToken,
    signingSecret,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: apiUrl },
  });
  app.command('/pdsa', async ({ ack }) => {
    await ack();
  });
  app.action({ type: 'block_actions' }, async ({ ack }) => {
    await ack();
  });
  app.event('message', async () => {});
  const server = (await app.start(0)) as unknown as { address(): { port: number } };
  process.once('SIGTERM', () => {
    void app.stop().finally(() => process.exit(0));
  });
  return server.address().port;
}

const port = mode === 'ours' ? await startOurs() : mode === 'bare' ? await startBare() : undefined;
if (port === undefined) throw new Error('BENCH_MODE must be "ours" or "bare"');
process.stdout.write(`READY ${port}\n`);
