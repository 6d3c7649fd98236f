import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAdapterFactory } from '../../src/bot/chat-adapter.ts';
import type { InboundEvent } from '../../src/bot/inbound.ts';
import type { HandlerResult } from '../../src/bot/outbound.ts';
import type { PlatformFeatures } from '../../src/bot/platform-features.ts';
import type { Address } from '../../src/core/address.ts';
import type { Message } from '../../src/core/message-model.ts';
import { defaultSettings } from '../../src/core/settings.ts';
import type { MessageRef, PlatformPort } from '../../src/platform/platform-port.ts';
import { type RunningBot, startBot } from '../../src/start-bot.ts';
import { seedNetwork, textOf } from '../bot/support/bot-harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

// Adding a platform is a folder under adapters/ that implements the adapter
// contract (src/bot/chat-adapter.ts), and a line in src/main.ts. These live
// in the test alone: no file of src/ names them, yet they take commands,
// reply as what they declare they can do (forms or typed commands), and get
// their members' scheduled check-in prompts from the outbox.

const PLATFORM = 'fakechat';
const WITH_FORMS = 'fakeforms';

/** A platform like a plain chat: no forms, people named by mention. */
const plainChat: PlatformFeatures = {
  forms: false,
  namesArePeople: false,
  suggestMentions: false,
  addressForNewPerson: ({ workspaceId, userId }) => ({
    platform: PLATFORM,
    user: userId,
    workspace: workspaceId,
  }),
};

type Sent = { address: Address; message: Message };

/** The smallest adapter there is: events go in through `say`, sends land in `sent`. */
function fakeChat(PLATFORM: string, features: PlatformFeatures) {
  const sent: Sent[] = [];
  let hear: ((event: InboundEvent) => Promise<HandlerResult>) | undefined;
  let counter = 0;
  const port: PlatformPort = {
    platform: PLATFORM,
    async send(address, message): Promise<MessageRef> {
      sent.push({ address, message });
      return { id: sent.length };
    },
    async update() {},
  };
  const factory: ChatAdapterFactory = {
    platform: PLATFORM,
    features,
    create({ bot, runDueWork }) {
      hear = async (event) => {
        const result = await bot.handle(event);
        await runDueWork();
        return result;
      };
      return {
        platform: PLATFORM,
        port,
        pacing: null,
        start: async () => {},
        stop: async () => {},
        ready: () => true,
      };
    },
  };
  const say = (user: string, text: string) => {
    const address = { platform: PLATFORM, user: user.toLowerCase(), name: user };
    return hear!({
      kind: 'command',
      eventId: `fake-${++counter}`,
      actor: {
        platform: PLATFORM,
        workspaceId: 'local',
        userId: user.toLowerCase(),
        displayName: user,
        address,
      },
      text,
      conversation: address,
    });
  };
  return { factory, sent, say };
}

/** A bot on its own test database, listening to one fake platform. */
async function startFake(chat: ReturnType<typeof fakeChat>, clock: () => Date) {
  const t = await createTestDatabase();
  const running = await startBot({
    config: { tickCron: '* * * * *', retentionDays: 365, httpPort: 0 },
    database: { db: t.db, kind: 'pglite', describe: 'test', close: async () => {} },
    settings: { ...defaultSettings, defaultTimeZone: 'America/Chicago' },
    log: { debug() {}, info() {}, warn() {}, error() {} },
    clock,
    adapters: [chat.factory],
    platforms: [],
    demoPlatform: 'shell',
    ticks: 'adapter',
  });
  return { t, running };
}

let t: TestDatabase;
let running: RunningBot;
let now = new Date('2026-11-30T13:00:00Z'); // a Monday, 07:00 in Chicago
const chat = fakeChat(PLATFORM, plainChat);

beforeAll(async () => {
  ({ t, running } = await startFake(chat, () => now));
});
afterAll(async () => {
  await running?.stop();
  await t?.close();
});

describe('a platform plugged in through the adapter contract alone', () => {
  it('is unknown to every file of src/', () => {
    const files = (readdirSync('src', { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(100);
    const naming = files.filter((f) => {
      const text = readFileSync(join('src', f), 'utf8');
      return text.includes(PLATFORM) || text.includes(WITH_FORMS);
    });
    expect(naming).toEqual([]);
  });

  it('runs a /pdsa command, then delivers the check-in prompt the scheduler plans', async () => {
    await seedNetwork(t.db, { platform: PLATFORM });
    const started = await chat.say('Fran', '/pdsa start Lincoln idea 1 owner @Ana from today for 2 weeks');
    expect(textOf(started)).toContain('Cycle #1 started');

    const toAna = () => chat.sent.filter((s) => s.address.user === 'ana');
    for (let day = 0; day < 14 && toAna().length === 0; day++) {
      now = new Date(now.getTime() + 24 * 3600_000);
      await chat.say('Fran', '/pdsa help');
    }
    expect(toAna().length).toBeGreaterThan(0);
    expect(toAna()[0]!.address).toMatchObject({ platform: PLATFORM, user: 'ana' });
    const delivery = await t.db
      .selectFrom('deliveries')
      .select(['platform', 'status'])
      .where('kind', '=', 'prompt')
      .executeTakeFirstOrThrow();
    expect(delivery).toEqual({ platform: PLATFORM, status: 'sent' });
  });
});

describe('what a platform declares decides how the bot answers its people', () => {
  it('asks for the typed command where the platform declares no forms', async () => {
    const result = await chat.say('Fran', '/pdsa start');
    expect(result.openForm).toBeUndefined();
    expect(textOf(result)).toContain('To start a cycle, type the whole command');
  });

  it('opens the start form where the platform declares forms', async () => {
    const withForms = fakeChat(WITH_FORMS, { ...plainChat, forms: true });
    const other = await startFake(withForms, () => now);
    try {
      await seedNetwork(other.t.db, { platform: WITH_FORMS });
      const result = await withForms.say('Fran', '/pdsa start');
      expect(result.openForm?.title).toBeDefined();
      expect(textOf(result)).not.toContain('To start a cycle, type the whole command');
      expect(textOf(result)).toContain('Fill in the form');
    } finally {
      await other.running.stop();
      await other.t.close();
    }
  });

  it('takes a bare name for someone new only where the platform declares that names are people', async () => {
    const unknown = await chat.say('Fran', '/pdsa member add Zoe to Lincoln');
    expect(textOf(unknown)).toContain("I don't know anyone called");

    const byName = fakeChat(WITH_FORMS, { ...plainChat, namesArePeople: true });
    const other = await startFake(byName, () => now);
    try {
      await seedNetwork(other.t.db, { platform: WITH_FORMS });
      const added = await byName.say('Fran', '/pdsa member add Zoe to Lincoln');
      expect(textOf(added)).toContain('Zoe');
      expect(textOf(added)).not.toContain("don't know");
      const zoe = await other.t.db
        .selectFrom('people')
        .select(['platform', 'platform_user_id', 'address'])
        .where('display_name', '=', 'Zoe')
        .executeTakeFirstOrThrow();
      expect(zoe).toEqual({
        platform: WITH_FORMS,
        platform_user_id: 'zoe',
        address: { platform: PLATFORM, user: 'zoe', workspace: 'local' },
      });
    } finally {
      await other.running.stop();
      await other.t.close();
    }
  });
});
