import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { SHELL_PLATFORM, SHELL_WORKSPACE, SimulatedClock, shellAdapter } from '../adapters/shell/index.ts';
import { slackConfig } from '../adapters/slack/config.ts';
import { slackAdapter } from '../adapters/slack/index.ts';
import { teamsConfig } from '../adapters/teams/config.ts';
import { teamsAdapter } from '../adapters/teams/index.ts';
import type { ChatAdapterFactory } from './bot/chat-adapter.ts';
import { type ConfigResult, type CoreConfig, type PlatformConfigs, parseConfigWith } from './config.ts';
import type { BotSettings } from './core/settings.ts';
import { DatabaseOpenError, openDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { runDemoCli } from './demo/cli.ts';
import { runDigestCli } from './digest/cli.ts';
import { filesFolderFor } from './files/files-folder.ts';
import { createLogger } from './ops/logger.ts';
import { silentLog } from './platform/log.ts';
import { installShutdown } from './scheduler/shutdown.ts';
import { AdapterStartError, type RootLog, startBot } from './start-bot.ts';

// The composition root: the only file that knows every adapter and the core.

const usage = (command: string) => `Usage: ${command} [command]

Commands:
  start      run the bot (the default): Slack and/or Teams when configured,
             otherwise a terminal session on this machine
  migrate    apply database migrations and exit
  demo       create a sample network with twelve weeks of cycles [--name <name>]
  digest     print a network's weekly digest and write its chart:
             digest --network <name> [--week 2026-W47] [--json] [--out <dir>]
  help       show this text

Configuration comes from environment variables and a .env file; see .env.example.`;

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(1);
}

/** Each platform's settings, under the key its config has (the order in which problems are listed). */
const PLATFORM_CONFIGS = { slack: slackConfig, teams: teamsConfig };

export type Config = CoreConfig & PlatformConfigs<typeof PLATFORM_CONFIGS>;

/** The whole configuration, the core's and every platform's, from the environment given. */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult<Config> {
  return parseConfigWith(env, PLATFORM_CONFIGS);
}

function loadConfig(): Config {
  if (existsSync('.env')) {
    try {
      process.loadEnvFile('.env');
    } catch (error) {
      fail([`.env: could not be read (${(error as Error).message}); fix or remove it.`]);
    }
  }
  const result = parseConfig(process.env);
  if (!result.ok) {
    fail(['pdsa-bot cannot start; the configuration has problems:', ...result.problems.map((p) => `  ${p}`)]);
  }
  return result.config;
}

function settingsOf(config: Config): BotSettings {
  return {
    defaultTimeZone: config.defaultTimeZone,
    promptHour: config.promptHour,
    reminderDelayHours: config.reminderDelayHours,
    reminderMax: config.reminderMax,
    schoolDays: config.schoolDays,
    quietHours: config.quietHours,
    cliCommand: launchCommand(),
  };
}

async function openMigrated(config: Config) {
  try {
    const database = await openDatabase(config.database, { timeouts: config.databaseTimeouts });
    try {
      await migrateToLatest(database.db);
    } catch (error) {
      await database.close();
      fail([`The database (${database.describe}) could not be prepared: ${(error as Error).message}`]);
    }
    return database;
  } catch (error) {
    if (error instanceof DatabaseOpenError) fail([error.message]);
    const code = (error as { code?: string }).code;
    if (config.database.kind === 'postgres' && code) {
      fail([
        `Cannot connect to the database named by DATABASE_URL (${code}): ${(error as Error).message}. Check that PostgreSQL is running and the URL is right.`,
      ]);
    }
    throw error;
  }
}

/** Every platform this build has an adapter for, whether or not this process runs it. */
const PLATFORMS = ['slack', 'teams', 'shell'];

/** The chat platforms configured: Slack and/or Teams. */
function serverAdapters(config: Config): ChatAdapterFactory[] {
  return [
    ...(config.slack ? [slackAdapter(config.slack)] : []),
    ...(config.teams ? [teamsAdapter(config.teams)] : []),
  ];
}

/**
 * Runs the bot: Slack and/or Teams on a real clock when configured, with
 * JSON logs and a clean stop on a signal; otherwise the terminal, on a clock
 * `clock +1d` moves, until the end of its input. The same start-up either way.
 */
async function run(config: Config): Promise<void> {
  const adapters = serverAdapters(config);
  const terminal = adapters.length === 0;
  const log: RootLog = terminal ? silentLog : createLogger(config.logLevel);
  const database = await openMigrated(config);
  const simulated = new SimulatedClock(Date.now, config.clockStart);
  if (terminal) {
    adapters.push(
      shellAdapter({
        clock: simulated,
        timeZone: config.defaultTimeZone,
        input: process.stdin,
        write: (text) => process.stdout.write(text),
        style: { color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR },
        filesDir: filesFolderFor(config.database),
        interactive: Boolean(process.stdin.isTTY),
        initialUser: safeUserName(),
      }),
    );
  }
  let running: Awaited<ReturnType<typeof startBot>>;
  try {
    running = await startBot({
      config,
      database,
      settings: settingsOf(config),
      log,
      clock: terminal ? () => simulated.now() : () => new Date(),
      adapters,
      platforms: PLATFORMS,
      demoPlatform: SHELL_PLATFORM,
      // The terminal plans and sends after every line and every clock move, at the simulated time.
      ticks: terminal ? 'adapter' : 'timer',
    });
  } catch (error) {
    if (error instanceof AdapterStartError) fail([error.message]);
    throw error;
  }
  if (terminal) {
    await running.finished;
    await running.stop();
    return;
  }
  installShutdown([() => running.stop()], { log });
  log.info(
    { database: database.describe, platforms: running.adapters.map((a) => a.platform) },
    'pdsa-bot is running',
  );
}

/** Who speaks in the terminal until `as <name>`: the login name, or "Facilitator" (never "me", a word commands reserve). */
function safeUserName(): string {
  try {
    const name = userInfo().username.trim();
    return name && name !== 'root' && name.toLowerCase() !== 'me' ? name : 'Facilitator';
  } catch {
    return 'Facilitator';
  }
}

/**
 * How people start this program, for the hints it prints: \`pdsa-bot\` when
 * it is installed (a link of that name on the PATH), else \`npm start --\`,
 * which works in a clone.
 */
function launchCommand(): string {
  return basename(process.argv[1] ?? '') === 'pdsa-bot' ? 'pdsa-bot' : 'npm start --';
}

export async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'start';
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${usage(launchCommand())}\n`);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'migrate': {
      const database = await openMigrated(config);
      process.stdout.write(`Migrations are current on ${database.describe}.\n`);
      await database.close();
      return;
    }
    case 'demo':
    case 'digest': {
      const database = await openMigrated(config);
      const write = (text: string) => process.stdout.write(text);
      const run = command === 'demo' ? runDemoCli : runDigestCli;
      const code = await run(argv.slice(1), {
        db: database.db,
        write,
        command: launchCommand(),
        platform: SHELL_PLATFORM,
        terminalWorkspace: SHELL_WORKSPACE,
        filesDir: filesFolderFor(config.database),
      });
      await database.close();
      if (code !== 0) process.exitCode = code;
      return;
    }
    case 'start':
      await run(config);
      return;
    default:
      fail([`Unknown command "${command}".`, usage(launchCommand())]);
  }
}
