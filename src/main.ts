import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { hostname, userInfo } from 'node:os';
import { basename } from 'node:path';
import { runShell, SHELL_WORKSPACE } from '../adapters/shell/shell-adapter.ts';
import { ShellPort } from '../adapters/shell/shell-port.ts';
import { SimulatedClock } from '../adapters/shell/simulated-clock.ts';
import { createSlackAdapter, slackPacingKeys } from '../adapters/slack/index.ts';
import { createTeamsAdapter } from '../adapters/teams/index.ts';
import { createBot } from './bot/bot.ts';
import { composeCheckinPrompt } from './bot/checkins/compose-prompt.ts';
import { allCommands } from './bot/commands/index.ts';
import { buildHome } from './bot/home.ts';
import { interactionRoutes } from './bot/routes.ts';
import { networkTimeZoneOf } from './bot/speaker-time-zone.ts';
import { type Config, parseConfig } from './config.ts';
import type { Platform } from './core/domain.ts';
import type { BotSettings } from './core/settings.ts';
import { DatabaseOpenError, openDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { runDemoCli } from './demo/cli.ts';
import { runDigestCli } from './digest/cli.ts';
import { digestJob, postDueDigests } from './digest/post-digests.ts';
import { filesFolderFor } from './files/files-folder.ts';
import { applyRetention } from './maintenance/retention.ts';
import { createOpsServer, type ReadinessCheck } from './ops/http-server.ts';
import { instrumentBot } from './ops/instrument-bot.ts';
import { createLogger } from './ops/logger.ts';
import { createMetrics } from './ops/metrics.ts';
import type { PlatformPort } from './platform/platform-port.ts';
import { createDispatcher } from './scheduler/dispatcher.ts';
import { DEFAULT_PACING, type PacingConfig } from './scheduler/pacer.ts';
import { installShutdown } from './scheduler/shutdown.ts';
import { createScheduler } from './scheduler/tick.ts';

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

async function runTerminal(config: Config): Promise<void> {
  const database = await openMigrated(config);
  const clock = new SimulatedClock(Date.now, config.clockStart);
  const port = new ShellPort({
    write: (text) => process.stdout.write(text),
    style: { color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR },
    filesDir: filesFolderFor(config.database),
  });
  const settings = settingsOf(config);
  const bot = createBot({
    db: database.db,
    clock: () => clock.now(),
    settings,
    commands: allCommands(),
    routes: interactionRoutes(),
    home: buildHome,
  });
  // The terminal drives the same planner and dispatcher as a server, one
  // tick after every line and every clock move, at the simulated time.
  const dispatcher = createDispatcher({
    db: database.db,
    ports: new Map([['shell', port]]),
    clock: () => clock.now(),
    owner: `${hostname()}:${process.pid}`,
    leaseMs: 60_000,
    batchSize: 100,
    maxAttempts: 8,
  });
  const scheduler = createScheduler({
    db: database.db,
    clock: () => clock.now(),
    settings,
    dispatcher,
    composePrompt: composeCheckinPrompt,
    cron: config.tickCron,
    extraJobs: [digestJob({ db: database.db })],
  });
  await runShell({
    bot,
    port,
    clock,
    timeZone: config.defaultTimeZone,
    networkTimeZoneOf: (actor) => networkTimeZoneOf(database.db, actor),
    input: process.stdin,
    write: (text) => process.stdout.write(text),
    interactive: Boolean(process.stdin.isTTY),
    initialUser: safeUserName(),
    runDueWork: async () => {
      await scheduler.runOnce(clock.now());
    },
  });
  await scheduler.stop();
  await database.close();
}

/** Slack and/or Teams: the adapters, the scheduler on a real clock, the ops endpoints, a clean shutdown. */
async function runServer(config: Config): Promise<void> {
  const log = createLogger(config.logLevel);
  const database = await openMigrated(config);
  const db = database.db;
  const metrics = createMetrics(db);
  const settings = settingsOf(config);
  const clock = () => new Date();
  const bot = instrumentBot(
    createBot({ db, clock, settings, commands: allCommands(), routes: interactionRoutes(), home: buildHome }),
    metrics,
    log,
  );
  const ports = new Map<Platform, PlatformPort>();
  const checks: ReadinessCheck[] = [];
  const stops: Array<() => Promise<void>> = [];
  let slackPacing: PacingConfig = {};
  try {
    if (config.slack) {
      const slack = createSlackAdapter({
        config: config.slack,
        bot,
        db,
        log: log.child({ component: 'slack' }),
      });
      await slack.start();
      ports.set('slack', slack.port);
      slackPacing = { slack: { ...DEFAULT_PACING.slack, ...slackPacingKeys } };
      checks.push({ name: 'slack', check: () => true });
      stops.push(() => slack.stop());
      log.info({ mode: slack.mode, port: slack.listeningPort() }, 'Slack adapter started');
    }
    if (config.teams) {
      const teams = createTeamsAdapter({
        config: config.teams,
        bot,
        db,
        log: log.child({ component: 'teams' }),
      });
      await teams.start();
      ports.set('teams', teams.port);
      checks.push({ name: 'teams', check: () => teams.server.listening });
      stops.push(() => teams.stop());
      log.info({ port: config.teams.port }, 'Teams adapter started');
    }
  } catch (error) {
    await Promise.allSettled(stops.map((stop) => stop()));
    await database.close();
    fail([`A chat adapter could not start: ${(error as Error).message}`]);
  }
  const schedulerLog = log.child({ component: 'scheduler' });
  const dispatcher = createDispatcher({
    db,
    ports,
    clock,
    owner: `${hostname()}:${process.pid}`,
    leaseMs: 60_000,
    batchSize: 50,
    maxAttempts: 8,
    pacing: slackPacing,
    log: schedulerLog,
  });
  const scheduler = createScheduler({
    db,
    clock,
    settings,
    dispatcher,
    composePrompt: composeCheckinPrompt,
    cron: config.tickCron,
    extraJobs: [
      async function weeklyDigests(now: Date) {
        metrics.digestsPosted.inc(await postDueDigests({ db, now }));
      },
      async function retention(now: Date) {
        await applyRetention(db, now, config.retentionDays);
      },
    ],
    log: schedulerLog,
  });
  scheduler.start();
  let ops: Server | undefined;
  if (config.httpPort > 0) {
    ops = createOpsServer({ db, metrics, checks });
    ops.listen(config.httpPort);
    log.info({ port: config.httpPort }, 'health, readiness and metrics endpoints listening');
  }
  installShutdown(
    [
      () => scheduler.stop(),
      ...stops,
      () => new Promise<void>((resolve) => (ops ? ops.close(() => resolve()) : resolve())),
      () => database.close(),
    ],
    { log },
  );
  log.info({ database: database.describe, platforms: [...ports.keys()] }, 'pdsa-bot is running');
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
        terminalWorkspace: SHELL_WORKSPACE,
        filesDir: filesFolderFor(config.database),
      });
      await database.close();
      if (code !== 0) process.exitCode = code;
      return;
    }
    case 'start':
      if (config.slack || config.teams) await runServer(config);
      else await runTerminal(config);
      return;
    default:
      fail([`Unknown command "${command}".`, usage(launchCommand())]);
  }
}
