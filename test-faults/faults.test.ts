import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { composeCheckinPrompt } from '../src/bot/checkins/compose-prompt.ts';
import { DeliveryError, type MessageRef, type PlatformPort } from '../src/bot/platform-port.ts';
import { defaultSettings } from '../src/bot/settings.ts';
import { DatabaseUnavailableError } from '../src/bot/user-error.ts';
import type { Address } from '../src/core/address.ts';
import type { Message } from '../src/core/message-model.ts';
import { type OpenDatabase, openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createDispatcher } from '../src/scheduler/dispatcher.ts';
import { createScheduler } from '../src/scheduler/tick.ts';
import { botHarness, seedNetwork, textOf } from '../test/bot/support/bot-harness.ts';
import { type PrivatePostgres, startPrivatePostgres } from './private-postgres.ts';

// Each scenario states what must hold, checks it, and prints its figures.

let pg: PrivatePostgres;
let database: OpenDatabase;
const summary: string[] = [];

beforeAll(async () => {
  pg = await startPrivatePostgres();
  database = await openDatabase({ kind: 'postgres', url: pg.url }, { poolSize: 4 });
  await migrateToLatest(database.db);
});
afterAll(async () => {
  await database?.close();
  pg?.destroy();
  console.log(`\nFault tests\n${summary.join('\n')}\n`);
});

async function emptyTables() {
  const { sql } = await import('kysely');
  const tables = await sql<{
    tablename: string;
  }>`select tablename from pg_tables where schemaname = 'public' and tablename not like 'kysely_%'`.execute(
    database.db,
  );
  await sql
    .raw(`truncate ${tables.rows.map((t) => `"${t.tablename}"`).join(', ')} restart identity cascade`)
    .execute(database.db);
}
beforeEach(() => emptyTables());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A platform that records each message it accepts and can be told to fail. */
function recordingPlatform(fail: (n: number) => DeliveryError | undefined) {
  const accepted = new Map<string, number>();
  let calls = 0;
  const port: PlatformPort = {
    platform: 'shell',
    async send(_address: Address, message: Message): Promise<MessageRef> {
      const error = fail(++calls);
      if (error) throw error;
      accepted.set(message.summary, (accepted.get(message.summary) ?? 0) + 1);
      return { id: calls };
    },
    async update() {},
  };
  return { port, accepted, calls: () => calls };
}

describe('faults', () => {
  it('database stopped for 30 s while answers arrive: no acknowledged answer is lost, refused ones come back by retry and are stored once', async () => {
    await seedNetwork(database.db);
    const h = botHarness(database.db);
    await h.command('Fran', '/pdsa start Lincoln owner @Ana');
    await database.db.updateTable('checkins').set({ prompted_at: h.now() }).execute();
    const answers = [
      'Does a greeting help?',
      'Greet by name',
      '18/24',
      'They feel seen',
      'Ana at the door',
      'A tally at the bell',
    ];
    const actor = h.actor('Ana');
    const acknowledged = new Set<string>();
    const refused: string[] = [];
    let sent = 0;
    const send = async (i: number) => {
      sent++;
      try {
        const result = await h.bot.handle({
          kind: 'reply',
          eventId: `answer-${i}`,
          actor,
          text: answers[i]!,
        });
        if (!result.duplicate) expect(textOf(result)).not.toMatch(/went wrong/);
        acknowledged.add(`answer-${i}`);
      } catch (error) {
        expect(error).toBeInstanceOf(DatabaseUnavailableError);
        refused.push(`answer-${i}`);
      }
    };
    await send(0);
    await send(1);
    pg.stop();
    const stoppedAt = Date.now();
    for (let i = 2; i < answers.length; i++) {
      await send(i);
      await sleep(5_000);
    }
    await sleep(Math.max(0, 30_000 - (Date.now() - stoppedAt)));
    pg.start();
    // The platform retries what was refused, with the same event ids; and retries one it had already been answered for.
    for (const id of [...refused, 'answer-1']) await send(Number(id.split('-')[1]));
    const raw = await database.db.selectFrom('raw_replies').select(['event_id']).execute();
    const plan = await database.db
      .selectFrom('checkins')
      .selectAll()
      .where('phase', '=', 'plan')
      .executeTakeFirstOrThrow();
    const duplicates = raw.length - new Set(raw.map((r) => r.event_id)).size;
    const lost = [...acknowledged].filter((id) => !raw.some((r) => r.event_id === id)).length;
    expect(refused.length).toBe(answers.length - 2);
    expect(lost).toBe(0);
    expect(duplicates).toBe(0);
    expect(plan).toMatchObject({ status: 'answered', numerator: 18, denominator: 24 });
    summary.push(
      `database outage 30 s: events sent ${sent}, refused during outage ${refused.length}, answers stored ${raw.length}, duplicates ${duplicates}, lost ${lost}`,
    );
  });

  it('platform answering 500 and 429 for a while: every message is delivered once, and Retry-After is honoured', async () => {
    await seedNetwork(database.db);
    const people = await database.db.selectFrom('people').select(['id', 'address']).execute();
    for (let i = 0; i < 20; i++) {
      await database.db
        .insertInto('deliveries')
        .values({
          kind: 'notice',
          dedupe_key: `n${i}`,
          platform: 'shell',
          address: people[i % people.length]!.address!,
          person_id: people[i % people.length]!.id,
          payload: { type: 'message', message: { summary: `m${i}`, blocks: [] } },
          due_at: new Date(),
        })
        .execute();
    }
    // The first five calls fail with 500, the next three with 429 (Retry-After 1.5 s).
    const limitedAt = new Map<string, number>();
    const retriedAfter: number[] = [];
    let n = 0;
    const accepted = new Map<string, number>();
    const platform = {
      accepted,
      calls: () => n,
      port: {
        platform: 'shell',
        async send(_address: Address, message: Message): Promise<MessageRef> {
          n++;
          const since = limitedAt.get(message.summary);
          if (since !== undefined) {
            retriedAfter.push(Date.now() - since);
            limitedAt.delete(message.summary);
          }
          if (n <= 5) throw new DeliveryError('transient', 'HTTP 500');
          if (n <= 8) {
            limitedAt.set(message.summary, Date.now());
            throw new DeliveryError('rate_limited', 'HTTP 429', 1_500);
          }
          accepted.set(message.summary, (accepted.get(message.summary) ?? 0) + 1);
          return { id: n };
        },
        async update() {},
      } satisfies PlatformPort,
    };
    const dispatcher = createDispatcher({
      db: database.db,
      ports: new Map([['shell', platform.port]]),
      clock: () => new Date(),
      owner: 'faults',
      leaseMs: 30_000,
      batchSize: 10,
      maxAttempts: 20,
      backoff: { baseMs: 200, capMs: 1_000 },
    });
    const deadline = Date.now() + 60_000;
    while (platform.accepted.size < 20 && Date.now() < deadline) {
      await dispatcher.dispatchDue();
      await sleep(100);
    }
    await dispatcher.stop();
    const duplicates = [...platform.accepted.values()].filter((n) => n > 1).length;
    expect(platform.accepted.size).toBe(20);
    expect(duplicates).toBe(0);
    expect(retriedAfter.length).toBe(3);
    for (const wait of retriedAfter) expect(wait).toBeGreaterThanOrEqual(1_400);
    const sent = await database.db
      .selectFrom('deliveries')
      .select('status')
      .where('status', '=', 'sent')
      .execute();
    expect(sent).toHaveLength(20);
    summary.push(
      `platform 500 ×5 then 429 ×3: messages 20, delivered ${platform.accepted.size}, duplicates ${duplicates}, lost ${20 - platform.accepted.size}, platform calls ${platform.calls()}`,
    );
  });

  it('a dispatcher that dies holding leases: another delivers everything after the lease runs out', async () => {
    await seedNetwork(database.db);
    const people = await database.db.selectFrom('people').select(['id', 'address']).execute();
    for (let i = 0; i < 30; i++) {
      await database.db
        .insertInto('deliveries')
        .values({
          kind: 'notice',
          dedupe_key: `k${i}`,
          platform: 'shell',
          address: people[i % people.length]!.address!,
          person_id: people[i % people.length]!.id,
          payload: { type: 'message', message: { summary: `k${i}`, blocks: [] } },
          due_at: new Date(),
        })
        .execute();
    }
    // A dispatcher process claims a batch, hangs in its sends, and is killed with SIGKILL.
    const child = fork(fileURLToPath(new URL('./doomed-dispatcher.ts', import.meta.url)), [pg.url], {
      execArgv: ['--import', 'tsx'],
      stdio: 'ignore',
    });
    await new Promise<void>((resolve) => child.once('message', () => resolve()));
    await sleep(1_000);
    const leased = await database.db
      .selectFrom('deliveries')
      .select('id')
      .where('lease_owner', '=', 'doomed')
      .execute();
    child.kill('SIGKILL');
    const survivor = recordingPlatform(() => undefined);
    const rescuer = createDispatcher({
      db: database.db,
      ports: new Map([['shell', survivor.port]]),
      clock: () => new Date(),
      owner: 'rescuer',
      leaseMs: 2_000,
      batchSize: 50,
      maxAttempts: 8,
    });
    const deadline = Date.now() + 30_000;
    while (survivor.accepted.size < 30 && Date.now() < deadline) {
      await rescuer.dispatchDue();
      await sleep(200);
    }
    await rescuer.stop();
    const duplicates = [...survivor.accepted.values()].filter((n) => n > 1).length;
    expect(leased.length).toBeGreaterThan(0);
    expect(survivor.accepted.size).toBe(30);
    expect(duplicates).toBe(0);
    summary.push(
      `dispatcher dead with ${leased.length} leased rows: messages 30, delivered ${survivor.accepted.size}, duplicates ${duplicates}, lost ${30 - survivor.accepted.size}`,
    );
  });

  it('the clock jumps three days: each prompt due in the gap is sent once, and reminders do not burst', async () => {
    await seedNetwork(database.db);
    let now = new Date('2026-11-30T13:00:00Z'); // Monday 07:00 in Chicago
    const h = botHarness(database.db, now);
    await h.command('Fran', '/pdsa start Lincoln owner @Ana with @Ben for 1 week');
    const platform = recordingPlatform(() => undefined);
    const dispatcher = createDispatcher({
      db: database.db,
      ports: new Map([['shell', platform.port]]),
      clock: () => now,
      owner: 'clock',
      leaseMs: 60_000,
      batchSize: 50,
      maxAttempts: 8,
    });
    const scheduler = createScheduler({
      db: database.db,
      clock: () => now,
      settings: { ...defaultSettings, reminderMax: 2 },
      dispatcher,
      composePrompt: composeCheckinPrompt,
      cron: '* * * * *',
    });
    await scheduler.runOnce(now);
    now = new Date(now.getTime() + 3 * 86_400_000); // Thursday 07:00: Plan due since Monday, reminders too
    await scheduler.runOnce(now);
    await scheduler.runOnce(new Date(now.getTime() + 60_000));
    now = new Date(now.getTime() + 2 * 3_600_000);
    await scheduler.runOnce(now);
    await scheduler.stop();
    const rows = await database.db
      .selectFrom('deliveries')
      .select(['dedupe_key', 'kind', 'status'])
      .execute();
    const prompts = rows.filter((r) => r.kind === 'prompt');
    const reminders = rows.filter((r) => r.kind === 'reminder');
    const duplicates = [...platform.accepted.values()].filter((n) => n > 1).length;
    expect(prompts).toHaveLength(1);
    expect(reminders.length).toBeLessThanOrEqual(1);
    expect(duplicates).toBe(0);
    summary.push(
      `clock jump of 3 days: prompts sent ${prompts.length}, reminders sent ${reminders.length} (not one per missed tick), duplicates ${duplicates}, lost 0`,
    );
  });
});
