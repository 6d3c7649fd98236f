import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Address } from '../../src/core/address.ts';
import type { Message } from '../../src/core/message-model.ts';
import type { Db } from '../../src/db/connect.ts';
import { DeliveryError, type MessageRef, type PlatformPort } from '../../src/platform/platform-port.ts';
import {
  baseConversationId,
  isConversationAddress,
  isMessageRef,
  isUserAddress,
  referenceOfMessage,
  type TeamsMessageRef,
} from './address.ts';
import type { Publisher } from './card-links.ts';
import { toDeliveryError } from './errors.ts';
import { postNew, publishedActivity } from './outgoing.ts';
import { openPersonalChat } from './personal-chat.ts';
import { continueIn } from './proactive.ts';
import { readInstallation, savePersonalAddress } from './store.ts';

export type TeamsPortDeps = {
  adapter: CloudAdapter;
  appId: string;
  db: Db;
  clock: () => Date;
  /** Serves charts and files the cards link to; without it a chart too large for a card is described. */
  publisher?: Publisher;
};

/**
 * The outbound port: prompts, reminders and digests go out through the
 * stored conversation references (`continueConversationAsync`); someone
 * known only by an @mention gets a 1:1 chat opened first. Every failure is
 * a DeliveryError; botbuilder does not retry (see authentication.ts).
 */
export function createTeamsPort(deps: TeamsPortDeps): PlatformPort {
  return {
    platform: 'teams',
    async send(address: Address, message: Message, options?: { threadOf?: MessageRef }) {
      try {
        if (isConversationAddress(address)) {
          const thread = options?.threadOf && isMessageRef(options.threadOf) ? options.threadOf : undefined;
          const reference =
            thread && address.scope === 'channel'
              ? { ...referenceOfMessage(thread, true), bot: address.reference.bot }
              : address.reference;
          return await postTo(deps, reference, message);
        }
        if (isUserAddress(address)) return await sendToUser(deps, address, message);
      } catch (error) {
        throw toDeliveryError(error);
      }
      throw new DeliveryError('permanent', 'not a Teams address: nothing to send to');
    },
    async update(ref: MessageRef, message: Message) {
      if (!isMessageRef(ref)) throw new DeliveryError('permanent', 'not a Teams message reference');
      try {
        const activity = await publishedActivity(deps.publisher, message);
        await continueIn(deps.adapter, deps.appId, referenceOfMessage(ref, false), async (ctx) => {
          await ctx.updateActivity({ ...activity, id: ref.activityId });
        });
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
  };
}

async function postTo(
  deps: TeamsPortDeps,
  reference: Partial<ConversationReference>,
  message: Message,
): Promise<TeamsMessageRef> {
  const activity = await publishedActivity(deps.publisher, message);
  let activityId = '';
  await continueIn(deps.adapter, deps.appId, reference, async (ctx) => {
    activityId = (await postNew(ctx, activity)).id;
  });
  return refOf(reference, activityId);
}

function refOf(reference: Partial<ConversationReference>, activityId: string): TeamsMessageRef {
  const tenantId = reference.conversation?.tenantId;
  const botId = reference.bot?.id;
  return {
    conversationId: baseConversationId(reference.conversation?.id ?? ''),
    activityId,
    serviceUrl: reference.serviceUrl ?? '',
    ...(tenantId ? { tenantId } : {}),
    ...(botId ? { botId } : {}),
  };
}

/** Someone the bot has no chat with yet: a 1:1 chat is opened when their Teams id is known. */
async function sendToUser(
  deps: TeamsPortDeps,
  address: { user: string; workspace: string; memberId?: string },
  message: Message,
): Promise<TeamsMessageRef> {
  const installation = await readInstallation(deps.db, address.workspace);
  if (!address.memberId || !installation) {
    throw new DeliveryError(
      'permanent',
      'no Teams chat with this person yet: they need to add pdsa-bot in Teams (or be @mentioned in a team that has it)',
    );
  }
  const opened = await openPersonalChat({
    adapter: deps.adapter,
    appId: deps.appId,
    serviceUrl: installation.serviceUrl,
    tenantId: address.workspace,
    bot: { id: installation.bot.id, name: installation.bot.name ?? '' },
    user: { id: address.memberId, name: '', aadObjectId: address.user },
    send: await publishedActivity(deps.publisher, message),
  });
  // The message is out; failing to keep the chat only means opening it again next time.
  await savePersonalAddress(deps.db, address.workspace, address.user, opened.address, deps.clock()).catch(
    () => {},
  );
  return refOf(opened.address.reference, opened.activityId);
}
