import { type Activity, type ChannelAccount, type CloudAdapter, TurnContext } from 'botbuilder';
import type { TeamsConversationAddress } from './address.ts';
import { postNew } from './outgoing.ts';
import { createIn } from './proactive.ts';

// Opening a 1:1 chat with someone (POST /v3/conversations): Teams allows it
// when the person has the app, or belongs to a team that has it. Calling it
// again for the same person gives the same chat.

/** The token audience of the public Bot Framework cloud (AuthenticationConstants.ToChannelFromBotOAuthScope). */
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

export type OpenChat = {
  adapter: CloudAdapter;
  appId: string;
  serviceUrl: string;
  tenantId: string;
  bot: ChannelAccount;
  /** The person: Teams id (29:…) as `id`, Azure AD object id as `aadObjectId`. */
  user: ChannelAccount;
  send: Partial<Activity>;
};

export async function openPersonalChat(
  chat: OpenChat,
): Promise<{ address: TeamsConversationAddress; activityId: string }> {
  let result: { address: TeamsConversationAddress; activityId: string } | undefined;
  await createIn(
    chat.adapter,
    chat.appId,
    {
      serviceUrl: chat.serviceUrl,
      audience: BOT_FRAMEWORK_AUDIENCE,
      parameters: {
        isGroup: false,
        bot: chat.bot,
        members: [{ id: chat.user.id, name: chat.user.name }],
        tenantId: chat.tenantId,
        channelData: { tenant: { id: chat.tenantId } },
      },
    },
    async (ctx) => {
      const reference = TurnContext.getConversationReference(ctx.activity);
      delete reference.activityId;
      reference.user = chat.user;
      reference.bot = chat.bot;
      reference.conversation = {
        ...reference.conversation!,
        conversationType: 'personal',
        tenantId: chat.tenantId,
      };
      const sent = await postNew(ctx, chat.send);
      result = { address: { platform: 'teams', scope: 'personal', reference }, activityId: sent.id };
    },
  );
  if (!result) throw new Error('Teams opened no chat');
  return result;
}
