import { composeCheckinPrompt } from '../../src/bot/checkins/compose-prompt.ts';
import { openDatabase } from '../../src/db/connect.ts';
import type { Log } from '../../src/platform/log.ts';
import { createDispatcher } from '../../src/scheduler/dispatcher.ts';
import { installShutdown } from '../../src/scheduler/shutdown.ts';
import { createScheduler } from '../../src/scheduler/tick.ts';
import { httpPort } from './http-port.ts';
import { benchSettings, LEASE_MS, pacing } from './settings.ts';

// One bot process of the bench: the real scheduler (planner, then the outbox
// dispatcher) ticking every second against the shared database, sending to
// the stand-in platform. Started by run.ts; stopped by SIGTERM or SIGKILL.

const url = requireEnv('BENCH_DATABASE_URL');
const schema = requireEnv('BENCH_SCHEMA');
const platformUrl = requireEnv('BENCH_PLATFORM_URL');
const owner = requireEnv('BENCH_OWNER');

const stderr = (level: string) => (fields: Record<string, unknown>, msg: string) =>
  process.stderr.write(`${JSON.stringify({ level, owner, msg, ...fields })}\n`);
const log: Log = { debug: () => {}, info: () => {}, warn: stderr('warn'), error: stderr('error') };

const opened = await openDatabase({ kind: 'postgres', url }, { searchPath: schema, poolSize: 12 });
const dispatcher = createDispatcher({
  db: opened.db,
  ports: new Map([['slack', httpPort(platformUrl)]]),
  clock: () => new Date(),
  owner,
  leaseMs: LEASE_MS,
  batchSize: 100,
  concurrency: 16,
  maxAttempts: 8,
  pacing: { slack: pacing },
  log,
});
const scheduler = createScheduler({
  db: opened.db,
  clock: () => new Date(),
  settings: benchSettings,
  dispatcher,
  composePrompt: composeCheckinPrompt,
  cron: '* * * * * *',
  log,
});
installShutdown([() => scheduler.stop(), () => opened.close()], { log });
scheduler.start();
process.send?.({ ready: owner });
await scheduler.runOnce();

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (this file is started by bench/dispatch/run.ts)`);
  return value;
}
