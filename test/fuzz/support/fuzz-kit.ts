import { sql } from 'kysely';
import { expect } from 'vitest';
import { type Bot, createBot } from '../../../src/bot/bot.ts';
import { allCommands } from '../../../src/bot/commands/index.ts';
import { buildHome } from '../../../src/bot/home.ts';
import type { InboundEvent } from '../../../src/bot/inbound.ts';
import type { HandlerResult } from '../../../src/bot/outbound.ts';
import { interactionRoutes } from '../../../src/bot/routes.ts';
import { DatabaseUnavailableError } from '../../../src/bot/user-error.ts';
import { addressSchema } from '../../../src/core/address.ts';
import { defaultSettings } from '../../../src/core/settings.ts';
import type { Db } from '../../../src/db/connect.ts';
import { deliveryPayloadSchema } from '../../../src/scheduler/payload-schema.ts';
import { textOf } from '../../bot/support/bot-harness.ts';
import { botServices, knownPlatforms } from '../../support/bot-deps.ts';

// What every fuzz test checks after every event: the bot answered in words
// (it did not throw), its words are whole (no "undefined", "NaN",
// "[object Object]"), and the event's transaction was all or nothing.
//
// "All or nothing" is shown three ways:
// - a probe bot handles the same event on the same database, but the
//   transaction of every event is rolled back after its handler has run in
//   full; if anything the handler wrote is still there afterwards, it was
//   written outside the event's transaction;
// - when the real event was not committed (its id is not among the handled
//   events: a refusal, or nothing to do), the database is exactly as before;
// - after every committed event, the invariants below hold across tables.

const settings = { ...defaultSettings, defaultTimeZone: 'America/Chicago' };

export function realBot(db: Db, clock: () => Date): Bot {
  return createBot({
    db,
    clock,
    settings,
    platforms: knownPlatforms,
    services: botServices,
    commands: allCommands(),
    routes: interactionRoutes(),
    home: buildHome,
  });
}

class RolledBack extends Error {
  readonly result: unknown;
  constructor(result: unknown) {
    super('rolled back by the probe');
    this.result = result;
  }
}

/** The same bot, but every transaction it opens is rolled back once its work is done. */
export function probeBot(db: Db, clock: () => Date): Bot {
  const rollingBack = new Proxy(db, {
    get(target, property, receiver) {
      if (property !== 'transaction') return Reflect.get(target, property, receiver);
      return () => ({
        execute: async <T>(work: (trx: unknown) => Promise<T>): Promise<T> => {
          try {
            await target.transaction().execute(async (trx) => {
              throw new RolledBack(await work(trx));
            });
          } catch (error) {
            if (error instanceof RolledBack) return error.result as T;
            throw error;
          }
          throw new Error('unreachable');
        },
      });
    },
  });
  return realBot(rollingBack, clock);
}

/** One hash per table, in one statement: cheap enough to take around every event. */
export async function fingerprint(db: Db): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r' and c.relname not like 'kysely_%'
    order by c.relname`.execute(db);
  const parts = tables.rows.map(
    (t) =>
      sql`${t.name}::text, (select md5(coalesce(string_agg(r::text, '|' order by r::text), '')) from ${sql.table(t.name)} r)`,
  );
  const result = await sql<{
    f: Record<string, string>;
  }>`select json_build_object(${sql.join(parts)}) as f`.execute(db);
  return result.rows[0]!.f;
}

export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

// Rules that hold across tables whatever happened, each a query for the rows that break it.
const INVARIANTS: [string, string][] = [
  [
    'a running cycle has a check-in of its phase',
    `select c.id from cycles c where c.phase <> 'closed'
      and not exists (select 1 from checkins k where k.cycle_id = c.id and k.phase = c.phase)`,
  ],
  [
    "a cycle's site, measure and idea are its network's",
    `select c.id from cycles c join sites s on s.id = c.site_id join measures m on m.id = c.measure_id
      join change_ideas i on i.id = c.change_idea_id
      where s.network_id <> c.network_id or m.network_id <> c.network_id or i.network_id <> c.network_id`,
  ],
  [
    "a cycle's owner and participants are members of its network",
    `select c.id from cycles c
      where exists (select 1 from members m where m.id = c.owner_member_id and m.network_id <> c.network_id)
         or exists (select 1 from cycle_participants p join members m on m.id = p.member_id
                    where p.cycle_id = c.id and m.network_id <> c.network_id)`,
  ],
  [
    "a check-in's member is in its cycle's network",
    `select k.id from checkins k join cycles c on c.id = k.cycle_id join members m on m.id = k.member_id
      where m.network_id <> c.network_id`,
  ],
  [
    'a decided cycle is closed, and a closed cycle has no open check-in',
    `select c.id from cycles c where (c.decision is not null and c.phase <> 'closed')
      or (c.phase = 'closed' and exists (select 1 from checkins k where k.cycle_id = c.id and k.status = 'open'))`,
  ],
  [
    'an answered check-in has its answer and when it was given',
    `select id from checkins where status = 'answered' and (answer is null or answered_at is null)`,
  ],
  [
    'numbers are finite',
    `select id from checkins where value in ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)
      or numerator::float8 in ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)
      or denominator::float8 in ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)`,
  ],
  [
    'every network has an active admin',
    `select n.id from networks n where not exists
      (select 1 from members m where m.network_id = n.id and m.role = 'admin' and m.status = 'active')`,
  ],
];

// One statement for all of them: (rule number, offending id).
const INVARIANTS_SQL = INVARIANTS.map(
  ([, query], i) => `select ${i} as rule, id from (${query}) as x${i}`,
).join('\nunion all\n');

/** Broken rules across tables, one sentence each; empty when the data is whole. */
export async function brokenInvariants(db: Db): Promise<string[]> {
  const problems: string[] = [];
  const broken = await sql<{ rule: number; id: number }>`${sql.raw(INVARIANTS_SQL)}`.execute(db);
  for (const row of broken.rows) problems.push(`${INVARIANTS[row.rule]![0]}: row ${row.id}`);
  const pending = await db
    .selectFrom('deliveries')
    .select(['id', 'payload', 'address'])
    .where('status', '=', 'pending')
    .execute();
  for (const d of pending) {
    if (!deliveryPayloadSchema.safeParse(d.payload).success || !addressSchema.safeParse(d.address).success) {
      problems.push(`a queued delivery the dispatcher can send: delivery ${d.id} is not`);
    }
  }
  return problems;
}

const BROKEN_WORDS = /\bundefined\b|\bNaN\b|\[object Object\]|\bInfinity\b|Invalid Date|\bnull\b/;

/** Inputs that would make a reply look broken by echoing them; generators leave them out. */
export const looksBroken = (text: string) => BROKEN_WORDS.test(text);

export type Checked = { result: HandlerResult; text: string; committed: boolean };

/**
 * Handles one event with the probe bot and then with the real one, and
 * checks everything above. Fails the test with a message naming the event.
 */
export async function handleChecked(
  db: Db,
  bots: { real: Bot; probe: Bot },
  event: InboundEvent,
): Promise<Checked> {
  const label = JSON.stringify({ ...event, actor: event.actor.userId }).slice(0, 400);
  const before = await fingerprint(db);
  try {
    await bots.probe.handle({ ...event, eventId: `probe-${event.eventId}` });
  } catch (error) {
    throw new Error(`the probe threw on ${label}: ${String(error)}`, { cause: error });
  }
  const leftBehind = changedTables(before, await fingerprint(db));
  expect(leftBehind, `written outside the event's transaction by ${label}`).toEqual([]);

  let result: HandlerResult;
  try {
    result = await bots.real.handle(event);
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) throw error;
    throw new Error(`bot.handle threw instead of answering ${label}: ${(error as Error)?.stack ?? error}`, {
      cause: error,
    });
  }
  const text = textOf(result);
  expect(result.replies.length + (result.openForm ? 1 : 0), `no answer at all to ${label}`).toBeGreaterThan(
    0,
  );
  expect(looksBroken(text), `a broken word in the answer to ${label}: ${text}`).toBe(false);
  for (const reply of result.replies) {
    expect(
      looksBroken(reply.message.summary),
      `a broken summary for ${label}: ${reply.message.summary}`,
    ).toBe(false);
  }

  const committed =
    (await db
      .selectFrom('inbound_events')
      .select('event_id')
      .where('event_id', '=', event.eventId)
      .executeTakeFirst()) !== undefined;
  if (!committed) {
    expect(changedTables(before, await fingerprint(db)), `not committed, yet changed: ${label}`).toEqual([]);
  } else {
    expect(await brokenInvariants(db), `after ${label}`).toEqual([]);
  }
  return { result, text, committed };
}
