import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.ts';
import { allCommands } from '../../src/bot/commands/index.ts';
import { buildHome } from '../../src/bot/home.ts';
import type { Actor } from '../../src/bot/inbound.ts';
import { interactionRoutes } from '../../src/bot/routes.ts';
import { plainText } from '../../src/core/message-model.ts';
import { defaultSettings } from '../../src/core/settings.ts';
import { createDispatcher, type DispatchResult } from '../../src/scheduler/dispatcher.ts';
import { createSendSoon } from '../../src/scheduler/send-soon.ts';
import { seedNetwork } from '../bot/support/bot-harness.ts';
import { botServices, knownPlatforms } from '../support/bot-deps.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { FakePort } from './support/fixtures.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const NOW = new Date('2026-11-30T15:00:00Z');

function fran(): Actor {
  return {
    platform: 'shell',
    workspaceId: 'local',
    userId: 'fran',
    displayName: 'Fran',
    address: { platform: 'shell', user: 'fran', name: 'Fran' },
  };
}

describe('sending what a command queued at once', () => {
  it('delivers the welcome of a newly added member when the command commits, with no cron tick', async () => {
    await seedNetwork(t.db);
    const port = new FakePort('shell', () => NOW);
    const dispatcher = createDispatcher({
      db: t.db,
      ports: new Map([['shell', port]]),
      clock: () => NOW,
      owner: 'server-1',
      leaseMs: 60_000,
      batchSize: 10,
      maxAttempts: 3,
    });
    const soon = createSendSoon(dispatcher);
    const bot = createBot({
      db: t.db,
      clock: () => NOW,
      settings: { ...defaultSettings, defaultTimeZone: 'America/Chicago' },
      platforms: knownPlatforms,
      services: botServices,
      commands: allCommands(),
      routes: interactionRoutes(),
      home: buildHome,
      onCommitted: soon.request,
    });

    await bot.handle({
      eventId: 'e1',
      kind: 'command',
      actor: fran(),
      text: 'member add @Zoe to Lincoln',
      conversation: fran().address!,
    });
    await soon.idle();

    expect(port.sent).toHaveLength(1);
    expect(port.sent[0]!.address).toMatchObject({ platform: 'shell', user: 'zoe' });
    expect(plainText(port.sent[0]!.message.summary)).toContain('Welcome to Literacy NIC');
    const row = await t.db.selectFrom('deliveries').select(['kind', 'status']).executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: 'welcome', status: 'sent' });
  });

  it('runs one more pass for requests made while a pass is running, and one only', async () => {
    let passes = 0;
    let finish: () => void = () => {};
    const dispatcher = {
      dispatchDue: () =>
        new Promise<DispatchResult>((resolve) => {
          passes++;
          finish = () => resolve({ sent: 0, retried: 0, failed: 0 });
        }),
    };
    const soon = createSendSoon(dispatcher);
    soon.request();
    soon.request();
    soon.request();
    expect(passes).toBe(1);
    finish();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(passes).toBe(2);
    finish();
    await soon.idle();
    expect(passes).toBe(2);
  });

  it('leaves what a failed pass could not send to the next tick, and keeps answering requests', async () => {
    let passes = 0;
    const soon = createSendSoon({
      dispatchDue: async () => {
        passes++;
        throw new Error('database gone');
      },
    });
    soon.request();
    await soon.idle();
    soon.request();
    await soon.idle();
    expect(passes).toBe(2);
  });
});
