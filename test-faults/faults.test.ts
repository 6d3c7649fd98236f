import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBot } from '../src/bot/bot.ts';
import { composeCheckinPrompt } from '../src/bot/checkins/compose-prompt.ts';
import { allCommands } from '../src/bot/commands/index.ts';
import { buildHome } from '../src/bot/home.ts';
import type { InboundEvent } from '../src/bot/inbound.ts';
import { interactionRoutes } from '../src/bot/routes.ts';
import { DatabaseUnavailableError } from '../src/bot/user-error.ts';
import type { Address } from '../src/core/address.ts';
import type { Message } from '../src/core/message-model.ts';
import { defaultSettings } from '../src/core/settings.ts';
import { type OpenDatabase, openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createOpsServer } from '../src/ops/http-server.ts';
import { createMetrics } from '../src/ops/metrics.ts';
import { DeliveryError, type MessageRef, type PlatformPort } from '../src/platform/platform-port.ts';
import { createDispatcher } from '../src/scheduler/dispatcher.ts';
import { createScheduler } from '../src/scheduler/tick.ts';
import { botHarness, seedNetwork, textOf } from '../test/bot/support/bot-harness.ts';
import { botServices, knownPlatforms } from '../test/support/bot-deps.ts';
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

  it('database frozen for 30 s under a stream of answers and due prompts: nothing lost, nothing twice, /readyz always answers within 2 s', async () => {
    // The bot's own pool, with the production time limits and pool size.
    const bots = await openDatabase({ kind: 'postgres', url: pg.url });
    const db = bots.db;
    const seeded = await seedNetwork(db);
    // Ten people answer their Plan check-in, one question at a time; ten
    // others have a Plan check-in that comes due before, during and after
    // the freeze, for the planner and the dispatcher.
    const answering = Array.from({ length: 10 }, (_, i) => `Ans${i}`);
    const awaiting = Array.from({ length: 10 }, (_, i) => `Due${i}`);
    for (const name of [...answering, ...awaiting]) {
      const person = await db
        .insertInto('people')
        .values({
          platform: 'shell',
          workspace_id: 'local',
          platform_user_id: name.toLowerCase(),
          display_name: name,
          address: { platform: 'shell', user: name.toLowerCase(), name },
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('members')
        .values({
          network_id: seeded.network.id,
          person_id: person.id,
          site_id: seeded.lincoln.id,
          role: 'educator',
        })
        .execute();
    }
    // Monday 09:00 in Chicago, running at the speed of the wall clock.
    const base = new Date('2026-11-30T15:00:00Z').getTime();
    const startedAt = Date.now();
    const clock = () => new Date(base + (Date.now() - startedAt));
    const h = botHarness(db, clock());
    for (const name of [...answering, ...awaiting]) {
      const started = await h.command('Fran', `/pdsa start Lincoln owner @${name}`);
      expect(textOf(started)).not.toMatch(/went wrong|no member/i);
    }
    const memberOf = (names: string[]) =>
      db
        .selectFrom('members')
        .innerJoin('people', 'people.id', 'members.person_id')
        .select('members.id')
        .where('people.display_name', 'in', names);
    await db
      .updateTable('checkins')
      .set({ prompted_at: clock() })
      .where('member_id', 'in', memberOf(answering))
      .execute();
    const dueIds = await db
      .selectFrom('checkins')
      .select('id')
      .where('member_id', 'in', memberOf(awaiting))
      .orderBy('id')
      .execute();
    for (const [i, { id }] of dueIds.entries()) {
      await db
        .updateTable('checkins')
        .set({ due_at: new Date(base + i * 5_000) })
        .where('id', '=', id)
        .execute();
    }

    const settings = { ...defaultSettings, defaultTimeZone: 'America/Chicago' };
    const bot = createBot({
      db,
      clock,
      settings,
      platforms: knownPlatforms,
      services: botServices,
      commands: allCommands(),
      routes: interactionRoutes(),
      home: buildHome,
    });
    const prompts = new Map<string, number>();
    const port: PlatformPort = {
      platform: 'shell',
      async send(address: Address, message: Message): Promise<MessageRef> {
        await sleep(20);
        const key = `${(address as { user?: string }).user}: ${message.summary}`;
        prompts.set(key, (prompts.get(key) ?? 0) + 1);
        return { id: key };
      },
      async update() {},
    };
    const dispatcher = createDispatcher({
      db,
      ports: new Map([['shell', port]]),
      clock,
      owner: 'frozen',
      leaseMs: 60_000,
      batchSize: 50,
      maxAttempts: 8,
    });
    const scheduler = createScheduler({
      db,
      clock,
      settings,
      dispatcher,
      composePrompt: composeCheckinPrompt,
      cron: '* * * * *',
    });

    // /readyz asked every 250 ms from start to end, as an orchestrator would.
    const ops = createOpsServer({ db, metrics: createMetrics(db), checks: [] });
    await new Promise<void>((resolve) => ops.listen(0, '127.0.0.1', resolve));
    const readyzUrl = `http://127.0.0.1:${(ops.address() as AddressInfo).port}/readyz`;
    const readyz: { ms: number; status: number }[] = [];
    let running = true;
    const polling = (async () => {
      while (running) {
        const t = performance.now();
        const status = await fetch(readyzUrl, { signal: AbortSignal.timeout(20_000) }).then(
          (r) => r.status,
          () => 0,
        );
        readyz.push({ ms: performance.now() - t, status });
        await sleep(250);
      }
    })();
    // The scheduler ticks every second (cron does every minute; more ticks, more chances to go wrong).
    const ticking = (async () => {
      while (running) {
        await scheduler.runOnce(clock());
        await sleep(1_000);
      }
    })();

    // The platform's side, as Slack does it: an event the bot refuses, or
    // does not acknowledge within 3 s, is sent again with the same id; and
    // now and then one already acknowledged comes again.
    let deliveries = 0;
    let refused = 0;
    let slowestEvent = 0;
    const unexpected: unknown[] = [];
    const pending: Promise<unknown>[] = [];
    const deliver = async (event: InboundEvent) => {
      let acknowledged = false;
      const giveUpAt = Date.now() + 150_000;
      while (!acknowledged && Date.now() < giveUpAt) {
        deliveries++;
        let settled = false;
        const attempt = bot.handle(event).then(
          (result) => {
            acknowledged = true;
            if (!result.duplicate && /went wrong/.test(textOf(result))) unexpected.push(textOf(result));
          },
          (error: unknown) => {
            if (error instanceof DatabaseUnavailableError) refused++;
            else unexpected.push(error);
          },
        );
        const began = performance.now();
        pending.push(
          attempt.finally(() => {
            settled = true;
            slowestEvent = Math.max(slowestEvent, performance.now() - began);
          }),
        );
        await Promise.race([attempt, sleep(3_000)]);
        if (!acknowledged && settled) await sleep(1_000);
      }
      return acknowledged;
    };
    const answers = [
      'Does a greeting help?',
      'Greet by name',
      '18/24',
      'They feel seen',
      'At the door',
      'A tally at the bell',
    ];
    const sent: string[] = [];
    const unacknowledged: string[] = [];
    let redelivered = 0;
    const person = async (name: string, index: number) => {
      await sleep(index * 300);
      for (const [n, answer] of answers.entries()) {
        const event: InboundEvent = {
          kind: 'reply',
          eventId: `${name}-${n}`,
          actor: h.actor(name),
          text: `${answer} (${name})`,
        };
        sent.push(event.text);
        if (!(await deliver(event))) unacknowledged.push(event.eventId);
        if (n % 3 === 1) {
          redelivered++;
          await deliver(event);
        }
        await sleep(2_000);
      }
    };
    const answering$ = Promise.all(answering.map(person));

    try {
      await sleep(5_000);
      pg.freeze();
      await sleep(30_000);
    } finally {
      pg.thaw();
    }
    const thawedAt = Date.now();
    await answering$;
    // Prompts claimed when the freeze came wait for their lease (60 s) to run out.
    while (prompts.size < awaiting.length && Date.now() - thawedAt < 90_000) await sleep(500);
    running = false;
    await Promise.all([polling, ticking]);
    await Promise.allSettled(pending);
    await scheduler.stop();
    await new Promise((resolve) => ops.close(resolve));

    const raw = await db.selectFrom('raw_replies').select(['text', 'event_id']).execute();
    await bots.close();
    const storedTimes = new Map<string, number>();
    for (const { text } of raw) storedTimes.set(text ?? '', (storedTimes.get(text ?? '') ?? 0) + 1);
    const duplicateAnswers = [...storedTimes.values()].filter((n) => n > 1).length;
    const duplicatePrompts = [...prompts.values()].filter((n) => n > 1).length;
    const lostAnswers = sent.filter((text) => !storedTimes.has(text)).length;
    const lostPrompts = awaiting.length - prompts.size;
    const slowest = Math.max(...readyz.map((r) => r.ms));
    const duringFreeze = readyz.filter((r) => r.status === 503).length;

    expect(unexpected).toEqual([]);
    expect(unacknowledged).toEqual([]);
    expect(refused).toBeGreaterThan(0);
    expect(duringFreeze).toBeGreaterThan(0);
    expect(readyz.at(-1)?.status).toBe(200);
    expect(lostAnswers + lostPrompts).toBe(0);
    expect(duplicateAnswers + duplicatePrompts).toBe(0);
    expect(slowest).toBeLessThan(2_000);
    // At most a wait for a free connection (5 s) and one query timeout (15 s): never the whole freeze.
    expect(slowestEvent).toBeLessThan(25_000);
    summary.push(
      `database frozen 30 s: events sent ${sent.length} (deliveries ${deliveries}, refused ${refused}, acknowledged ones sent again ${redelivered}), answers stored ${raw.length}, prompts due ${awaiting.length}, prompts sent ${prompts.size}, duplicates ${duplicateAnswers + duplicatePrompts}, lost ${lostAnswers + lostPrompts}, /readyz asked ${readyz.length} times (503 ${duringFreeze}), longest /readyz ${Math.round(slowest)} ms, longest wait for an answer or a refusal ${(slowestEvent / 1000).toFixed(1)} s`,
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
