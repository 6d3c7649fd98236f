import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { composeCheckinPrompt } from '../../src/bot/checkins/compose-prompt.ts';
import { openDatabase } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { planDue } from '../../src/scheduler/planner.ts';
import { insertFixture } from './fixture.ts';
import { benchSettings, LEASE_MS, limits, MEMBERS, PROMPTS_PER_MEMBER, WORKSPACES } from './settings.ts';
import { startStandIn } from './stand-in.ts';

// The dispatch bench: 10,000 prompts due at once for 2,000 members, planned
// by the real planner and sent by two real bot processes sharing one
// PostgreSQL database, to a stand-in platform that enforces Slack-like rate
// limits. One process is killed with SIGKILL half way through. Prints one
// JSON line: how many were delivered, lost and duplicated, how many 429s the
// platform gave, and how close the sending came to the platform's limit.

const url = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_dispatch_${process.pid}_${randomBytes(3).toString('hex')}`;
const TIMEOUT_MS = 10 * 60_000;
const worker = fileURLToPath(new URL('./worker.ts', import.meta.url));

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function startWorker(owner: string, platformUrl: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', worker], {
    env: {
      ...process.env,
      BENCH_DATABASE_URL: url,
      BENCH_SCHEMA: schema,
      BENCH_PLATFORM_URL: platformUrl,
      BENCH_OWNER: owner,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function exited(child: ChildProcess): Promise<number | string | null> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  await admin(`create schema ${schema}`);
  const opened = await openDatabase({ kind: 'postgres', url }, { searchPath: schema, poolSize: 4 });
  const standIn = await startStandIn(limits);
  const children: ChildProcess[] = [];
  try {
    const { db } = opened;
    await migrateToLatest(db, schema);
    await insertFixture(db, new Date(Date.now() - 60_000));

    const planStarted = performance.now();
    const planned = await planDue({
      db,
      now: new Date(),
      settings: benchSettings,
      composePrompt: composeCheckinPrompt,
      chunkSize: 200,
    });
    const planSeconds = (performance.now() - planStarted) / 1000;
    const due = planned.prompts;
    const expected = await sql<{ key: string }>`
      select (address->>'channel') || '|' || (payload->'message'->>'summary') as key
      from deliveries where kind = 'prompt'`.execute(db);

    const started = performance.now();
    children.push(startWorker('bench-a', standIn.url), startWorker('bench-b', standIn.url));
    const [victim, survivor] = children as [ChildProcess, ChildProcess];
    let killedAt: number | null = null;
    let done = false;
    while (performance.now() - started < TIMEOUT_MS) {
      await sleep(100);
      const stats = standIn.stats();
      if (killedAt === null && stats.unique >= due / 2) {
        victim.kill('SIGKILL');
        killedAt = stats.unique;
      }
      if (stats.unique >= due) {
        const pending = await db
          .selectFrom('deliveries')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'pending')
          .executeTakeFirstOrThrow();
        if (Number(pending.n) === 0) {
          done = true;
          break;
        }
      }
    }
    const elapsedSeconds = (performance.now() - started) / 1000;
    survivor.kill('SIGTERM');
    const survivorExit = await exited(survivor);
    await exited(victim);

    const stats = standIn.stats();
    const lost = expected.rows.filter((r) => !standIn.accepted.has(r.key)).length;
    const statuses = await db
      .selectFrom('deliveries')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const permittedPerSecond = WORKSPACES * limits.workspacePerSecond;
    const sendSeconds = ((stats.lastAcceptedAt ?? 0) - (stats.firstAcceptedAt ?? 0)) / 1000;
    const achievedPerSecond = sendSeconds > 0 ? stats.unique / sendSeconds : 0;
    process.stdout.write(
      `${JSON.stringify({
        promptsDue: due,
        members: MEMBERS,
        promptsPerMember: PROMPTS_PER_MEMBER,
        delivered: stats.unique,
        duplicates: stats.duplicates,
        lost,
        http429: stats.rejected429,
        elapsedSeconds: round(elapsedSeconds),
        sendSeconds: round(sendSeconds),
        planSeconds: round(planSeconds),
        permittedPerSecond,
        achievedPerSecond: round(achievedPerSecond),
        rateRatio: round(achievedPerSecond / permittedPerSecond, 3),
        killedAfterDelivered: killedAt,
        leaseMs: LEASE_MS,
        finished: done,
        survivorExit,
        outbox: Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])),
      })}\n`,
    );
  } finally {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await standIn.close();
    await opened.close();
    await admin(`drop schema if exists ${schema} cascade`);
  }
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

await main();
