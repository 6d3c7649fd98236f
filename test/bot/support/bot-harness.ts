import { createBot } from '../../../src/bot/bot.ts';
import { allCommands } from '../../../src/bot/commands/index.ts';
import { buildHome } from '../../../src/bot/home.ts';
import type { Actor, InboundEvent } from '../../../src/bot/inbound.ts';
import type { HandlerResult } from '../../../src/bot/outbound.ts';
import { interactionRoutes } from '../../../src/bot/routes.ts';
import type { Platform } from '../../../src/core/domain.ts';
import { plainText } from '../../../src/core/message-model.ts';
import { defaultSettings } from '../../../src/core/settings.ts';
import type { Db } from '../../../src/db/connect.ts';
import { botServices, knownPlatforms } from '../../support/bot-deps.ts';

/**
 * A bot on a test database with a clock the test moves, speaking as
 * terminal users (or, with `platform`, as users of a platform with forms).
 */
export function botHarness(
  db: Db,
  start = new Date('2026-11-30T15:00:00Z'),
  options: { platform?: Platform } = {},
) {
  const platform = options.platform ?? 'shell';
  let now = start;
  let counter = 0;
  const bot = createBot({
    db,
    clock: () => now,
    settings: { ...defaultSettings, defaultTimeZone: 'America/Chicago' },
    platforms: knownPlatforms,
    services: botServices,
    commands: allCommands(),
    routes: interactionRoutes(),
    home: buildHome,
  });
  const actor = (name: string): Actor => {
    const userId = name.toLowerCase();
    return {
      platform,
      workspaceId: 'local',
      userId,
      displayName: name,
      address: { platform, user: userId, name },
    };
  };
  type WithoutId<E> = E extends InboundEvent ? Omit<E, 'eventId'> & { eventId?: string } : never;
  const send = (event: WithoutId<InboundEvent>) =>
    bot.handle({ eventId: `e${++counter}`, ...event } as InboundEvent);
  return {
    bot,
    now: () => now,
    setNow(date: Date) {
      now = date;
    },
    actor,
    command: (name: string, text: string) =>
      send({ kind: 'command', actor: actor(name), text, conversation: actor(name).address }),
    reply: (name: string, text: string) => send({ kind: 'reply', actor: actor(name), text }),
    press: (name: string, actionId: string, value: string) =>
      send({ kind: 'action', actor: actor(name), actionId, value }),
    submit: (name: string, formId: string, values: Record<string, string>) =>
      send({ kind: 'formSubmit', actor: actor(name), formId, values }),
    send,
  };
}

/** Everything a result says, as plain text, for assertions. */
export function textOf(result: HandlerResult): string {
  return result.replies
    .flatMap((r) => r.message.blocks)
    .map((b) => {
      switch (b.type) {
        case 'heading':
        case 'text':
        case 'context':
          return plainText(b.text);
        case 'fields':
          return b.fields.map((f) => `${f.label}: ${plainText(f.value)}`).join('\n');
        case 'buttons':
          return b.buttons.map((x) => `[${x.label}]`).join(' ');
        case 'form':
          return b.form.inputs.map((i) => i.label).join('\n');
        case 'file':
          return `file ${b.fileName}`;
        default:
          return '';
      }
    })
    .join('\n');
}

/** A network with two sites, a facilitator, two educators, a measure and a change idea, written directly. */
export async function seedNetwork(db: Db, options: { platform?: Platform } = {}) {
  const platform = options.platform ?? 'shell';
  const network = await db
    .insertInto('networks')
    .values({
      name: 'Literacy NIC',
      aim: 'Every 3rd grader reads on grade level',
      time_zone: 'America/Chicago',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const lincoln = await db
    .insertInto('sites')
    .values({ network_id: network.id, name: 'Lincoln' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const washington = await db
    .insertInto('sites')
    .values({ network_id: network.id, name: 'Washington' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const person = async (name: string) =>
    db
      .insertInto('people')
      .values({
        platform,
        workspace_id: 'local',
        platform_user_id: name.toLowerCase(),
        display_name: name,
        address: { platform, user: name.toLowerCase(), name },
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  const member = async (name: string, role: 'educator' | 'facilitator' | 'admin', siteId: number | null) =>
    db
      .insertInto('members')
      .values({ network_id: network.id, person_id: (await person(name)).id, site_id: siteId, role })
      .returningAll()
      .executeTakeFirstOrThrow();
  const fran = await member('Fran', 'admin', null);
  const ana = await member('Ana', 'educator', lincoln.id);
  const ben = await member('Ben', 'educator', lincoln.id);
  const wes = await member('Wes', 'educator', washington.id);
  const measure = await db
    .insertInto('measures')
    .values({
      network_id: network.id,
      name: 'On-time arrival',
      kind: 'proportion',
      better: 'higher',
      unit: 'students',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const idea = await db
    .insertInto('change_ideas')
    .values({ network_id: network.id, text: 'Greet every student at the door' })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { network, lincoln, washington, fran, ana, ben, wes, measure, idea };
}

/** Marks the open check-ins as prompted, as the scheduler does once it has sent them. */
export async function promptOpenCheckins(db: Db, now: Date) {
  await db
    .updateTable('checkins')
    .set({ prompted_at: now })
    .where('status', '=', 'open')
    .where('prompted_at', 'is', null)
    .execute();
}
