import { type Activity, TeamsInfo, type TurnContext } from 'botbuilder';
import type { Actor } from '../../../src/bot/inbound.ts';
import { type Message, message } from '../../../src/core/message-model.ts';
import { describeError } from '../../../src/platform/log.ts';
import { scopeOf, tenantOf } from '../address.ts';
import { actorOf, whereOf } from '../inbound-actor.ts';
import { messageActivity } from '../outgoing.ts';
import { withReplyRetries } from '../reply-retries.ts';
import { recordInstallation } from '../store.ts';
import { channelWelcome, personalWelcome } from '../welcome.ts';
import type { TurnDeps } from './message.ts';

/** Someone else joining a team or chat is not our business; only the bot's own arrival is. */
export function isBotAdded(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return Boolean(botId && activity.membersAdded?.some((m) => m.id === botId));
}

/**
 * The app was added: in a 1:1 chat, to a team, or to a group chat. The
 * tenant's service URL is kept (to open chats later); in a 1:1 chat the
 * person is recorded with the conversation reference as their address
 * (through the core's `home`, which records whoever it is asked about) and
 * welcomed with their overview; in a team or group chat the conversation is
 * kept with the installation, and the welcome says how to use it.
 */
export async function onInstall(deps: TurnDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  if (!isBotAdded(activity)) return;
  const tenantId = tenantOf(activity);
  const scope = scopeOf(activity);
  if (tenantId && activity.serviceUrl && activity.recipient) {
    await recordInstallation(
      deps.db,
      tenantId,
      {
        serviceUrl: activity.serviceUrl,
        bot: {
          id: activity.recipient.id,
          ...(activity.recipient.name ? { name: activity.recipient.name } : {}),
        },
        ...(scope === 'personal' ? {} : { conversation: whereOf(activity) }),
      },
      deps.clock(),
    ).catch((error) =>
      deps.log.error({ error: describeError(error) }, 'Teams: could not record the installation'),
    );
  }
  if (scope !== 'personal') {
    await withReplyRetries(() => context.sendActivity(messageActivity(channelWelcome(scope))));
    return;
  }
  const actor = await withName(context, actorOf(activity));
  let home: Message;
  try {
    home = await deps.bot.home(actor);
  } catch (error) {
    // The person is recorded when they first write; the welcome goes out anyway.
    deps.log.error({ error: describeError(error) }, 'Teams: could not record the person who added the app');
    home = message('pdsa-bot', { type: 'text', text: 'Type `help` to see what I can do.' });
  }
  await withReplyRetries(() => context.sendActivity(messageActivity(personalWelcome(home))));
}

/** The installation event in a 1:1 chat may not carry the person's name: ask the roster. */
async function withName(context: TurnContext, actor: Actor): Promise<Actor> {
  if (actor.displayName || !context.activity.from?.id) return actor;
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    return member.name ? { ...actor, displayName: member.name } : actor;
  } catch {
    return actor;
  }
}
