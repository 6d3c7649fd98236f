import type { Kysely } from 'kysely';
import cron, { type ScheduledTask } from 'node-cron';
import type { BotSettings } from '../core/settings.ts';
import type { Database } from '../db/schema.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { describeError, type Log, silentLog } from '../platform/log.ts';
import type { Dispatcher, DispatchResult } from './dispatcher.ts';
import { type ComposePrompt, type PlanResult, planDue } from './planner.ts';

// The heartbeat: on every cron tick, plan what has come due into the outbox,
// run the other timed jobs (the weekly digest), then send what is due. A
// tick that comes while the previous one is still sending is skipped, not
// queued: the running one is already doing that work. A tick that finds the
// database not answering gives up at once rather than waiting out a time
// limit for each part; the next tick does it all.

export type TimedJob = (now: Date) => Promise<void>;

export type SchedulerOptions = {
  db: Kysely<Database>;
  clock: () => Date;
  settings: BotSettings;
  dispatcher: Dispatcher;
  composePrompt: ComposePrompt;
  /** A node-cron expression, e.g. '* * * * *' for every minute. */
  cron: string;
  extraJobs?: TimedJob[];
  log?: Log;
};

export type TickResult = {
  at: Date;
  /** Null when planning failed (logged); sending still ran. */
  planned: PlanResult | null;
  dispatched: DispatchResult | null;
  /** Parts of the tick that threw. */
  errors: number;
};

export type Scheduler = {
  /** Starts the cron ticks. */
  start(): void;
  /**
   * One tick now, at `now` (default: the clock): what the terminal's
   * `clock +1d` and tests use. Waits for a tick in progress, then runs.
   * Null once stopped.
   */
  runOnce(now?: Date): Promise<TickResult | null>;
  /** No more ticks; the dispatcher finishes its sends in flight and gives back the rest. */
  stop(): Promise<void>;
};

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { db, clock, settings, dispatcher, composePrompt } = options;
  const log = options.log ?? silentLog;
  const extraJobs = options.extraJobs ?? [];
  if (!cron.validate(options.cron)) throw new RangeError(`not a cron expression: "${options.cron}"`);

  let stopped = false;
  let current: Promise<TickResult> | undefined;
  let task: ScheduledTask | undefined;

  async function tick(now: Date): Promise<TickResult> {
    const result: TickResult = { at: now, planned: null, dispatched: null, errors: 0 };
    let databaseDown = false;
    const failed = (error: unknown, fields: Record<string, unknown>, what: string) => {
      result.errors++;
      databaseDown = isDatabaseUnavailable(error);
      if (databaseDown) {
        log.warn(
          { ...fields, error: describeError(error) },
          'the database is not answering; this tick gives up and the next one tries again',
        );
      } else {
        log.error({ ...fields, error: describeError(error) }, what);
      }
    };
    try {
      result.planned = await planDue({ db, now, settings, composePrompt, log });
    } catch (error) {
      failed(error, {}, 'planning check-in prompts failed');
    }
    for (const job of extraJobs) {
      if (stopped || databaseDown) break;
      try {
        await job(now);
      } catch (error) {
        failed(error, { job: job.name || 'anonymous' }, 'a scheduled job failed');
      }
    }
    if (!stopped && !databaseDown) {
      try {
        result.dispatched = await dispatcher.dispatchDue();
      } catch (error) {
        failed(error, {}, 'sending due deliveries failed');
      }
    }
    const { planned, dispatched } = result;
    if (
      (planned && planned.prompts + planned.reminders + planned.cancelled > 0) ||
      (dispatched && dispatched.sent + dispatched.retried + dispatched.failed > 0)
    ) {
      log.info({ at: now.toISOString(), ...planned, ...dispatched }, 'scheduler tick');
    }
    return result;
  }

  function run(now: Date): Promise<TickResult> {
    const running = tick(now).finally(() => {
      if (current === running) current = undefined;
    });
    current = running;
    return running;
  }

  return {
    start() {
      if (stopped || task) return;
      task = cron.schedule(
        options.cron,
        () => {
          if (stopped || current) return; // the previous tick is still at work
          void run(clock());
        },
        { name: 'pdsa-scheduler', logger: cronLogger(log) },
      );
    },
    async runOnce(now) {
      while (current) await current.catch(() => {});
      if (stopped) return null;
      return run(now ?? clock());
    },
    async stop() {
      stopped = true;
      if (task) {
        await task.destroy();
        task = undefined;
      }
      await dispatcher.stop();
      await current?.catch(() => {});
    },
  };
}

// node-cron logs to the console unless told otherwise.
function cronLogger(log: Log) {
  const text = (m: string | Error) => (m instanceof Error ? describeError(m) : m);
  return {
    info: (m: string) => log.info({ source: 'node-cron' }, m),
    warn: (m: string) => log.warn({ source: 'node-cron' }, m),
    error: (m: string | Error, err?: Error) =>
      log.error({ source: 'node-cron', error: err && describeError(err) }, text(m)),
    debug: () => {},
  };
}
