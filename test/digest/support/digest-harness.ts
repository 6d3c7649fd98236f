import { createBot } from '../../../src/bot/bot.ts';
import { demoCommand } from '../../../src/bot/commands/demo.ts';
import { digestCommand } from '../../../src/bot/commands/digest.ts';
import { allCommands } from '../../../src/bot/commands/index.ts';
import { buildHome } from '../../../src/bot/home.ts';
import type { Actor } from '../../../src/bot/inbound.ts';
import { interactionRoutes } from '../../../src/bot/routes.ts';
import type { Address } from '../../../src/core/address.ts';
import { defaultSettings } from '../../../src/core/settings.ts';
import type { Db } from '../../../src/db/connect.ts';
import { botServices, knownPlatforms } from '../../support/bot-deps.ts';

/**
 * A bot with the digest and demo commands, speaking as terminal users, for
 * as long as those commands are not in the registry yet (a second copy of
 * a registered command is never reached).
 */
export function digestBot(db: Db, start: Date) {
  let now = start;
  let counter = 0;
  const bot = createBot({
    db,
    clock: () => now,
    settings: { ...defaultSettings, defaultTimeZone: 'America/Chicago' },
    platforms: knownPlatforms,
    services: botServices,
    commands: [...allCommands(), digestCommand, demoCommand],
    routes: interactionRoutes(),
    home: buildHome,
  });
  const actor = (name: string): Actor => ({
    platform: 'shell',
    workspaceId: 'local',
    userId: name.toLowerCase(),
    displayName: name,
    address: { platform: 'shell', user: name.toLowerCase(), name },
  });
  return {
    setNow(date: Date) {
      now = date;
    },
    command: (name: string, text: string, conversation?: Address) =>
      bot.handle({
        eventId: `e${++counter}`,
        kind: 'command',
        actor: actor(name),
        text,
        conversation: conversation ?? actor(name).address!,
      }),
  };
}
