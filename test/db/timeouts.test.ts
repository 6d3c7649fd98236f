import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.ts';
import type { CommandSpec } from '../../src/bot/commands/command.ts';
import { buildHome } from '../../src/bot/home.ts';
import { privately } from '../../src/bot/outbound.ts';
import { interactionRoutes } from '../../src/bot/routes.ts';
import { DatabaseUnavailableError } from '../../src/bot/user-error.ts';
import { textMessage } from '../../src/core/message-model.ts';
import { defaultSettings } from '../../src/core/settings.ts';
import { type OpenDatabase, openDatabase } from '../../src/db/connect.ts';
import { isDatabaseUnavailable } from '../../src/db/unavailable.ts';
import { botServices, knownPlatforms } from '../support/bot-deps.ts';
import { createTestDatabase, serverUrl, type TestDatabase } from '../support/test-db.ts';
import { type StallingProxy, startStallingProxy } from './support/stalling-proxy.ts';

// Time limits on PostgreSQL: every wait on the server ends, with an error
// that says "unavailable", and a connection that timed out is never handed
// to the next caller. PGlite runs in-process and has no such limits.

const failureOf = (work: Promise<unknown>) =>
  work.then(
    () => {
      throw new Error('expected the database call to fail');
    },
    (error: unknown) => error as Error & { code?: string },
  );

describe.skipIf(!serverUrl)('time limits on a PostgreSQL server', () => {
  let t: TestDatabase;
  let proxy: StallingProxy;
  const opened: OpenDatabase[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    proxy = await startStallingProxy(serverUrl!);
  });
  afterEach(async () => {
    proxy.resume();
    await Promise.all(opened.splice(0).map((d) => d.close()));
  });
  afterAll(async () => {
    await proxy?.close();
    await t?.close();
  });

  async function open(url: string, timeouts: { statementMs: number; queryMs: number; connectMs: number }) {
    const database = await openDatabase(
      { kind: 'postgres', url },
      { searchPath: t.schema!, poolSize: 1, timeouts },
    );
    opened.push(database);
    return database.db;
  }

  it('the server cancels a statement that runs past the statement timeout, and the connection stays usable', async () => {
    const db = await open(serverUrl!, { statementMs: 200, queryMs: 5_000, connectMs: 5_000 });
    const error = await failureOf(sql`select pg_sleep(3)`.execute(db));
    expect(error.code).toBe('57014');
    expect(isDatabaseUnavailable(error)).toBe(true);
    const after = await sql<{ one: number }>`select 1 as one`.execute(db);
    expect(after.rows).toEqual([{ one: 1 }]);
  });

  it('a server that stops answering: the query gives up, and its stuck connection is not handed out again', async () => {
    // One connection in the pool: without closing the stuck one, the next
    // query would queue behind the frozen one on that same connection.
    const db = await open(proxy.url, { statementMs: 5_000, queryMs: 300, connectMs: 2_000 });
    await sql`select 1`.execute(db);
    proxy.stall();
    const error = await failureOf(sql`select 1`.execute(db));
    expect(isDatabaseUnavailable(error)).toBe(true);
    // The old connection is still frozen; new ones get through.
    const after = await sql<{ one: number }>`select 1 as one`.execute(db);
    expect(after.rows).toEqual([{ one: 1 }]);
  });

  it('a transaction cut off half-way saves nothing', async () => {
    const db = await open(proxy.url, { statementMs: 5_000, queryMs: 300, connectMs: 2_000 });
    const error = await failureOf(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('inbound_events')
          .values({ platform: 'shell', event_id: 'half-saved', received_at: new Date() })
          .execute();
        proxy.stall();
        await sql`select 1`.execute(trx);
      }),
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
    proxy.resume();
    const rows = await t.db.selectFrom('inbound_events').select('event_id').execute();
    expect(rows).toEqual([]);
  });

  it('an event cut off half-way by a database that stops answering is refused as unavailable and saves nothing; its retry is handled once', async () => {
    const db = await open(proxy.url, { statementMs: 5_000, queryMs: 300, connectMs: 300 });
    let runs = 0;
    // A command that writes, and the first time freezes the database before its last query.
    const note: CommandSpec = {
      name: 'note',
      group: 'Start here',
      summary: 'writes a note',
      who: 'anyone',
      usage: ['note'],
      examples: ['/pdsa note'],
      async run(ctx) {
        if (++runs === 1) proxy.stall({ newConnections: true });
        await ctx.trx.selectFrom('people').select('id').execute();
        return { replies: [privately(textMessage('noted'))] };
      },
    };
    const bot = createBot({
      db,
      clock: () => new Date('2026-11-30T15:00:00Z'),
      settings: defaultSettings,
      platforms: knownPlatforms,
      services: botServices,
      commands: [note],
      routes: interactionRoutes(),
      home: buildHome,
    });
    const event = {
      kind: 'command' as const,
      eventId: 'Ev1',
      actor: { platform: 'shell' as const, workspaceId: 'local', userId: 'ana', displayName: 'Ana' },
      text: '/pdsa note',
    };
    await expect(bot.handle(event)).rejects.toBeInstanceOf(DatabaseUnavailableError);
    proxy.resume();
    expect(await t.db.selectFrom('inbound_events').select('event_id').execute()).toEqual([]);
    expect(await t.db.selectFrom('people').select('id').execute()).toEqual([]);
    // The platform sends it again, and once more.
    const retried = await bot.handle(event);
    expect(retried.duplicate).toBeFalsy();
    expect(retried.replies.map((r) => r.message.summary)).toEqual(['noted']);
    expect((await bot.handle(event)).duplicate).toBe(true);
    expect(await t.db.selectFrom('people').select('id').execute()).toHaveLength(1);
  });

  it('a server that accepts connections but never answers them: connecting gives up after the connect timeout', async () => {
    const db = await open(proxy.url, { statementMs: 5_000, queryMs: 5_000, connectMs: 300 });
    proxy.stall({ newConnections: true });
    const error = await failureOf(sql`select 1`.execute(db));
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
});
