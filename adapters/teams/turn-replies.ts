import type { Activity, CloudAdapter, ResourceResponse, TurnContext } from 'botbuilder';
import type { HandlerResult } from '../../src/bot/outbound.ts';
import type { Message } from '../../src/core/message-model.ts';
import type { Db } from '../../src/db/connect.ts';
import { describeError, type Log } from '../../src/platform/log.ts';
import { isConversationAddress, scopeOf, type TeamsConversationAddress, tenantOf } from './address.ts';
import type { Publisher } from './card-links.ts';
import { postNew, publishedActivity } from './outgoing.ts';
import { openPersonalChat } from './personal-chat.ts';
import { continueIn } from './proactive.ts';
import { withReplyRetries } from './reply-retries.ts';
import { personAddress, savePersonalAddress } from './store.ts';

export type ReplyDeps = {
  adapter: CloudAdapter;
  appId: string;
  db: Db;
  log: Log;
  clock: () => Date;
  publisher?: Publisher;
};

export type TurnReplies = {
  /** In the conversation of the activity: the 1:1 chat, the group chat, or the channel thread. */
  inPlace(message: Message): Promise<ResourceResponse | undefined>;
  /** Only for the person who acted: here in a 1:1 chat; from a channel or group chat, in their 1:1 chat. */
  toPerson(message: Message): Promise<void>;
  /** The same for a card made here; false when the person's 1:1 chat cannot be reached (nothing is posted). */
  onlyToPerson(card: Partial<Activity>): Promise<boolean>;
  /** The core's answer: public replies in place, private ones and a form to open to the person. */
  deliver(result: HandlerResult): Promise<void>;
};

/**
 * Teams has no messages that only one person in a channel sees (Slack's
 * ephemeral messages). A private answer to something typed in a channel
 * goes to the person's 1:1 chat with the bot, which is opened when needed
 * and kept as their address; if even that fails it is posted in the thread.
 */
export function turnReplies(deps: ReplyDeps, context: TurnContext): TurnReplies {
  const activity = context.activity;
  let personal: TeamsConversationAddress | undefined;

  const inPlace = async (message: Message) => {
    const reply = await publishedActivity(deps.publisher, message);
    return withReplyRetries(() => context.sendActivity(reply));
  };

  async function personalChat(activityToSend: Partial<Activity>): Promise<boolean> {
    const tenantId = tenantOf(activity);
    const userId = activity.from?.aadObjectId;
    if (!tenantId || !userId || !activity.from?.id || !activity.recipient || !activity.serviceUrl)
      return false;
    if (!personal) {
      const stored = await personAddress(deps.db, tenantId, userId).catch(() => null);
      if (stored && isConversationAddress(stored) && stored.scope === 'personal') personal = stored;
    }
    if (personal) {
      const reference = personal.reference;
      try {
        await withReplyRetries(() =>
          continueIn(deps.adapter, deps.appId, reference, async (ctx) => {
            await postNew(ctx, activityToSend);
          }),
        );
        return true;
      } catch (error) {
        deps.log.warn({ error: describeError(error) }, 'Teams: the stored 1:1 chat failed; opening it again');
        personal = undefined;
      }
    }
    try {
      const chat = {
        adapter: deps.adapter,
        appId: deps.appId,
        serviceUrl: activity.serviceUrl,
        tenantId,
        bot: activity.recipient,
        user: { id: activity.from.id, name: activity.from.name ?? '', aadObjectId: userId },
        send: activityToSend,
      };
      // Opening the same person's chat again gives the same chat.
      const opened = await withReplyRetries(() => openPersonalChat(chat));
      personal = opened.address;
      await savePersonalAddress(deps.db, tenantId, userId, opened.address, deps.clock()).catch((error) =>
        deps.log.warn({ error: describeError(error) }, 'Teams: could not keep the 1:1 chat'),
      );
      return true;
    } catch (error) {
      deps.log.warn({ error: describeError(error) }, 'Teams: could not open a 1:1 chat');
      return false;
    }
  }

  async function toPerson(message: Message): Promise<void> {
    if (scopeOf(activity) === 'personal') {
      await inPlace(message);
      return;
    }
    if (await personalChat(await publishedActivity(deps.publisher, message))) return;
    await inPlace({
      ...message,
      blocks: [
        ...message.blocks,
        {
          type: 'context',
          text: 'I could not reach you in a 1:1 chat, so this is posted here. Add pdsa-bot for yourself (Apps › pdsa-bot › Add) to get such answers privately.',
        },
      ],
    });
  }

  return {
    inPlace,
    toPerson,
    async onlyToPerson(card) {
      if (scopeOf(activity) !== 'personal') return personalChat(card);
      await withReplyRetries(() => context.sendActivity(card));
      return true;
    },
    async deliver(result) {
      for (const reply of result.replies) {
        if (reply.visibility === 'public') await inPlace(reply.message);
        else await toPerson(reply.message);
      }
      if (result.openForm) {
        await toPerson({ summary: result.openForm.title, blocks: [{ type: 'form', form: result.openForm }] });
      }
    },
  };
}
