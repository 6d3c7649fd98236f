import type { Server } from 'node:http';
import { hostname } from 'node:os';
import { createBot } from './bot/bot.ts';
import type { ChatAdapter, ChatAdapterFactory } from './bot/chat-adapter.ts';
import { composeCheckinPrompt } from './bot/checkins/compose-prompt.ts';
import { allCommands } from './bot/commands/index.ts';
import { buildHome } from './bot/home.ts';
import { platformRegistry } from './bot/platform-features.ts';
import { interactionRoutes } from './bot/routes.ts';
import type { CoreConfig } from './config.ts';
import type { Platform } from './core/domain.ts';
import type { BotSettings } from './core/settings.ts';
import type { OpenDatabase } from './db/connect.ts';
import { demoService } from './demo/demo-service.ts';
import { digestService } from './digest/digest-service.ts';
import { postDueDigests } from './digest/post-digests.ts';
import { applyRetention } from './maintenance/retention.ts';
import { createOpsServer } from './ops/http-server.ts';
import { instrumentBot } from './ops/instrument-bot.ts';
import { createMetrics } from './ops/metrics.ts';
import type { Log } from './platform/log.ts';
import type { PlatformPacing } from './platform/pacing.ts';
import type { PlatformPort } from './platform/platform-port.ts';
import { createDispatcher } from './scheduler/dispatcher.ts';
import { createSendSoon, type SendSoon } from './scheduler/send-soon.ts';
import { createScheduler } from './scheduler/tick.ts';

// The one start-up path, for a server and for the terminal alike: the same
// bot, dispatcher, scheduler and housekeeping (digests, retention), with
// what differs passed in: the clock, the adapters, and whether the
// scheduler runs on its timer or when an adapter asks.

/** A logger that can name the component a line comes from (pino's child); any Log will do. */
export type RootLog = Log & { child?(bindings: Record<string, unknown>): Log };

export type StartOptions = {
  config: Pick<CoreConfig, 'tickCron' | 'retentionDays' | 'httpPort'>;
  database: OpenDatabase;
  settings: BotSettings;
  log: RootLog;
  clock: () => Date;
  /** The adapters to run. */
  adapters: readonly ChatAdapterFactory[];
  /**
   * The platform `/pdsa demo` records the sample network's fictional people
   * on, from wherever it is asked (main.ts gives the terminal's, so that
   * they can be spoken as there, and no server ever writes to them).
   */
  demoPlatform: Platform;
  /** Every platform this build has an adapter for, run here or not (for the outbox's notes). */
  platforms: readonly Platform[];
  /** 'timer': on PDSA_TICK_CRON (servers); 'adapter': only when an adapter runs the due work (the terminal). */
  ticks: 'timer' | 'adapter';
};

export type RunningBot = {
  adapters: readonly ChatAdapter[];
  /** Resolves when an adapter ends the program by itself (the terminal); never for servers. */
  finished: Promise<void>;
  /** Stops the scheduler, the adapters and the ops endpoints, then closes the database, each step even if one before failed. */
  stop(): Promise<void>;
};

/** Thrown when an adapter could not start; whatever had started is stopped again and the database closed. */
export class AdapterStartError extends Error {
  override name = 'AdapterStartError';
}

export async function startBot(options: StartOptions): Promise<RunningBot> {
  const { database, settings, clock, config } = options;
  const db = database.db;
  const logOf = (component: string): Log => options.log.child?.({ component }) ?? options.log;
  const metrics = createMetrics(db);
  // What an event queues goes out as soon as it commits, not at the next
  // tick (servers; the terminal runs the due work after every line itself).
  // The dispatcher comes after the adapters, which need the bot.
  let sendSoon: SendSoon | undefined;
  const bot = instrumentBot(
    createBot({
      db,
      clock,
      settings,
      platforms: platformRegistry(options.adapters),
      services: { digest: digestService, demo: demoService({ platform: options.demoPlatform }) },
      commands: allCommands(),
      routes: interactionRoutes(),
      home: buildHome,
      onCommitted: () => sendSoon?.request(),
    }),
    metrics,
    options.log,
  );

  let runDue: () => Promise<void> = async () => {};
  const adapters = options.adapters.map((factory) =>
    factory.create({ bot, db, clock, log: logOf(factory.platform), runDueWork: () => runDue() }),
  );
  const started: ChatAdapter[] = [];
  try {
    for (const adapter of adapters) {
      await adapter.start();
      started.push(adapter);
    }
  } catch (error) {
    await Promise.allSettled(started.map((adapter) => adapter.stop()));
    await database.close();
    throw new AdapterStartError(`A chat adapter could not start: ${(error as Error).message}`, {
      cause: error,
    });
  }

  const ports = new Map<Platform, PlatformPort>(adapters.map((a) => [a.platform, a.port]));
  const pacing: Record<Platform, PlatformPacing | null> = Object.fromEntries(
    adapters.map((a) => [a.platform, a.pacing]),
  );
  const schedulerLog = logOf('scheduler');
  const dispatcher = createDispatcher({
    db,
    ports,
    platforms: [...new Set([...options.platforms, ...ports.keys()])],
    clock,
    owner: `${hostname()}:${process.pid}`,
    leaseMs: 60_000,
    batchSize: 50,
    maxAttempts: 8,
    pacing,
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
  runDue = async () => {
    await scheduler.runOnce(clock());
  };
  if (options.ticks === 'timer') {
    scheduler.start();
    sendSoon = createSendSoon(dispatcher, schedulerLog);
  }

  let ops: Server | undefined;
  if (config.httpPort > 0) {
    const checks = adapters.map((a) => ({ name: a.platform, check: () => a.ready() }));
    ops = createOpsServer({ db, metrics, checks });
    ops.listen(config.httpPort);
    options.log.info({ port: config.httpPort }, 'health, readiness and metrics endpoints listening');
  }

  const ending = adapters.flatMap((a) => (a.finished ? [a.finished] : []));
  const steps: Array<() => Promise<void>> = [
    () => scheduler.stop(),
    ...adapters.map((a) => () => a.stop()),
    () => new Promise<void>((resolve) => (ops ? ops.close(() => resolve()) : resolve())),
    () => database.close(),
  ];
  return {
    adapters,
    finished: ending.length > 0 ? Promise.race(ending) : new Promise<void>(() => {}),
    async stop() {
      for (const step of steps) {
        try {
          await step();
        } catch (error) {
          options.log.error({ error: (error as Error).message }, 'a shutdown step failed; carrying on');
        }
      }
    },
  };
}
