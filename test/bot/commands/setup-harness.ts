import { createBot } from '../../../src/bot/bot.ts';
import type { CommandSpec } from '../../../src/bot/commands/command.ts';
import { helpCommand } from '../../../src/bot/commands/help.ts';
import { ideaCommands } from '../../../src/bot/commands/ideas.ts';
import { measureCommands } from '../../../src/bot/commands/measures.ts';
import { memberActions, memberCommands } from '../../../src/bot/commands/members.ts';
import { networkCommands } from '../../../src/bot/commands/network.ts';
import { siteCommands } from '../../../src/bot/commands/sites.ts';
import { buildHome } from '../../../src/bot/home.ts';
import type { Actor, InboundEvent } from '../../../src/bot/inbound.ts';
import type { HandlerResult } from '../../../src/bot/outbound.ts';
import type { Role } from '../../../src/core/domain.ts';
import { type Block, type Message, plainText } from '../../../src/core/message-model.ts';
import { defaultSettings } from '../../../src/core/settings.ts';
import type { Db } from '../../../src/db/connect.ts';
import { botServices, knownPlatforms } from '../../support/bot-deps.ts';

// A bot with only help and the network-setup commands, speaking as terminal
// users (or Slack users, for mentions) on a test database.

export const setupCommands: CommandSpec[] = [
  ...networkCommands,
  ...siteCommands,
  ...memberCommands,
  ...measureCommands,
  ...ideaCommands,
];

export function setupHarness(db: Db, options: { start?: Date; platform?: 'shell' | 'slack' } = {}) {
  let now = options.start ?? new Date('2026-11-30T15:00:00Z'); // Monday 09:00 in Chicago
  let counter = 0;
  const platform = options.platform ?? 'shell';
  const all: CommandSpec[] = [helpCommand(() => all), ...setupCommands];
  const bot = createBot({
    db,
    clock: () => now,
    settings: { ...defaultSettings, defaultTimeZone: 'America/Chicago' },
    platforms: knownPlatforms,
    services: botServices,
    commands: all,
    routes: { actions: memberActions, forms: [], replies: [] },
    home: buildHome,
  });
  const actor = (name: string, workspaceId = 'local'): Actor => {
    const userId = platform === 'slack' ? `U${name.toUpperCase()}` : name.toLowerCase();
    return {
      platform,
      workspaceId,
      userId,
      displayName: name,
      address: { platform, user: userId, name },
    };
  };
  type WithoutId<E> = E extends InboundEvent ? Omit<E, 'eventId'> & { eventId?: string } : never;
  const send = (event: WithoutId<InboundEvent>) =>
    bot.handle({ eventId: `e${++counter}`, ...event } as InboundEvent);
  return {
    all,
    bot,
    now: () => now,
    setNow(date: Date) {
      now = date;
    },
    actor,
    command: (name: string, text: string, workspaceId?: string) =>
      send({
        kind: 'command',
        actor: actor(name, workspaceId),
        text,
        conversation: { platform, channel: 'C-general', name: 'general' },
      }),
    press: (name: string, actionId: string, value: string) =>
      send({ kind: 'action', actor: actor(name), actionId, value }),
    send,
  };
}

/** Everything a result says, as plain text, for assertions. */
export function textOf(result: HandlerResult): string {
  return result.replies
    .flatMap((r) => r.message.blocks)
    .map(blockText)
    .join('\n');
}

export function blockText(b: Block): string {
  switch (b.type) {
    case 'heading':
    case 'text':
    case 'context':
      return plainText(b.text);
    case 'fields':
      return b.fields.map((f) => `${f.label}: ${plainText(f.value)}`).join('\n');
    case 'buttons':
      return b.buttons.map((x) => `[${x.label}]`).join(' ');
    default:
      return '';
  }
}

/** The text of a queued message (a delivery's payload). */
export function payloadText(payload: unknown): string {
  const m = (payload as { message: Message }).message;
  return m.blocks.map(blockText).join('\n');
}

/**
 * A network written directly: Literacy NIC (America/Chicago) with the sites
 * Lincoln and Washington, Fran its admin, Ana and Wes educators.
 */
export async function seedNetwork(db: Db, name = 'Literacy NIC', workspace = 'local') {
  const network = await db
    .insertInto('networks')
    .values({ name, aim: 'Every 3rd grader reads on grade level', time_zone: 'America/Chicago' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const site = (siteName: string) =>
    db
      .insertInto('sites')
      .values({ network_id: network.id, name: siteName })
      .returningAll()
      .executeTakeFirstOrThrow();
  const lincoln = await site('Lincoln');
  const washington = await site('Washington');
  const member = async (person: string, role: Role, siteId: number | null) => {
    const p = await db
      .insertInto('people')
      .values({
        platform: 'shell',
        workspace_id: workspace,
        platform_user_id: person.toLowerCase(),
        display_name: person,
        address: { platform: 'shell', user: person.toLowerCase(), name: person },
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return db
      .insertInto('members')
      .values({ network_id: network.id, person_id: p.id, site_id: siteId, role })
      .returningAll()
      .executeTakeFirstOrThrow();
  };
  const fran = await member('Fran', 'admin', null);
  const ana = await member('Ana', 'educator', lincoln.id);
  const wes = await member('Wes', 'educator', washington.id);
  return { network, lincoln, washington, fran, ana, wes };
}

/** A cycle at a site, with one check-in of `member` (so that the member has answers). */
export async function seedCycle(db: Db, networkId: number, siteId: number, memberId: number) {
  const measure = await db
    .insertInto('measures')
    .values({ network_id: networkId, name: `M${siteId}-${memberId}`, kind: 'value', better: 'higher' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const idea = await db
    .insertInto('change_ideas')
    .values({ network_id: networkId, text: `Idea ${siteId}-${memberId}` })
    .returningAll()
    .executeTakeFirstOrThrow();
  const cycle = await db
    .insertInto('cycles')
    .values({
      network_id: networkId,
      site_id: siteId,
      owner_member_id: memberId,
      change_idea_id: idea.id,
      measure_id: measure.id,
      starts_on: '2026-11-30',
      ends_on: '2026-12-11',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.insertInto('cycle_participants').values({ cycle_id: cycle.id, member_id: memberId }).execute();
  await db
    .insertInto('checkins')
    .values({ cycle_id: cycle.id, member_id: memberId, phase: 'plan', due_at: '2026-11-30T14:00:00Z' })
    .execute();
  return { cycle, measure, idea };
}
