import { readFileSync } from 'node:fs';

// Activities as Teams sends them, built from the recorded and documented
// samples in ../fixtures/activities: the sample's shape and fields are kept;
// ids, tenant, people and text are set by the test, and the service URL
// points at the loopback Bot Connector stand-in.

export type ActivityJson = Record<string, unknown> & {
  id: string;
  serviceUrl: string;
  conversation: { id: string; tenantId?: string; conversationType?: string };
};

export type TeamsUser = { id: string; aadObjectId: string; name: string };

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const ANA: TeamsUser = {
  id: '29:1kbOecyrymSn1FtrbJlQNF_BvhIpb7CLGbmjaTldT8A8tXXphjq4BcA2KfWGwoI-ahbEJ_Og1syGOt68MsLId1Q',
  aadObjectId: '00000000-0000-0000-0000-00000000a0a0',
  name: 'Ana Lopez',
};
export const FRAN: TeamsUser = {
  id: '29:1CFIxRJBLjT_io3iNsDZxMk_4YPWQmr3DZUM1I6ihf5L2ocCDqg9S1vkHK6kRdGfK1P_2LFE2nQqFIvdu-GBOZA',
  aadObjectId: '00000000-0000-0000-0000-00000000f4a2',
  name: 'Fran Okafor',
};
export const CHANNEL_ID = '19:097e6717fd7245bdbeba6baa13840db8@thread.skype';
export const TEAM_ID = '19:097e6717fd7245bdbeba6baa13840db8@thread.skype';

let counter = 0;
const nextId = () => `${1_700_000_000_000 + ++counter}`;

export function sample(name: string): ActivityJson {
  return JSON.parse(readFileSync(new URL(`../fixtures/activities/${name}.json`, import.meta.url), 'utf8'));
}

export type Env = { serviceUrl: string; botId: string; botName?: string; tenantId?: string };

const bot = (env: Env) => ({ id: env.botId, name: env.botName ?? 'pdsa-bot' });
const personalConversationId = (user: TeamsUser) => `a:1VF4K2uXl-personal-${user.aadObjectId}`;

/** The app added in a 1:1 chat (docs sample: membersAdded = the bot and the user). */
export function personalInstall(env: Env, user: TeamsUser): ActivityJson {
  const a = sample('conversationUpdate.personal.bot-added.docs-placeholders');
  return {
    ...a,
    id: `f:${nextId()}`,
    serviceUrl: env.serviceUrl,
    membersAdded: [{ id: env.botId }, { id: user.id, aadObjectId: user.aadObjectId }],
    from: { id: user.id, aadObjectId: user.aadObjectId },
    conversation: { conversationType: 'personal', id: personalConversationId(user) },
    recipient: bot(env),
    channelData: { tenant: { id: env.tenantId ?? TENANT } },
  };
}

/** The app added to a team (docs sample: eventType teamMemberAdded, membersAdded = the bot). */
export function teamInstall(env: Env, by: TeamsUser): ActivityJson {
  const a = sample('conversationUpdate.channel.bot-added-to-team.docs');
  const tenant = env.tenantId ?? TENANT;
  return {
    ...a,
    id: `f:${nextId()}`,
    serviceUrl: env.serviceUrl,
    membersAdded: [{ id: env.botId }],
    from: { id: by.id, aadObjectId: by.aadObjectId },
    conversation: {
      ...(a.conversation as object),
      id: CHANNEL_ID,
      tenantId: tenant,
      name: 'General',
    } as ActivityJson['conversation'],
    recipient: bot(env),
    channelData: {
      ...(a.channelData as object),
      settings: { selectedChannel: { id: CHANNEL_ID } },
      team: { aadGroupId: 'f3ec8cd2-e704-4344-8c47-9a3a21d683c0', name: 'Literacy NIC', id: TEAM_ID },
      tenant: { id: tenant },
    },
  };
}

/** The app added to a group chat (recorded sample's shape). */
export function groupChatInstall(env: Env, by: TeamsUser): ActivityJson {
  const a = sample('conversationUpdate.groupChat.member-added.recorded');
  return {
    ...a,
    id: `f:${nextId()}`,
    serviceUrl: env.serviceUrl,
    membersAdded: [{ id: env.botId }],
    from: { id: by.id, aadObjectId: by.aadObjectId },
    recipient: bot(env),
  };
}

/** Text typed in the 1:1 chat with the bot (recorded sample). */
export function personalMessage(env: Env, user: TeamsUser, text: string, id = nextId()): ActivityJson {
  const a = sample('message.personal.recorded');
  return {
    ...a,
    id,
    text,
    serviceUrl: env.serviceUrl,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    conversation: {
      conversationType: 'personal',
      tenantId: env.tenantId ?? TENANT,
      id: personalConversationId(user),
    },
    recipient: bot(env),
    channelData: { tenant: { id: env.tenantId ?? TENANT } },
  };
}

/**
 * A channel post that @mentions the bot (recorded sample): `<at>bot</at> text`,
 * with a mention entity for the bot and one for each other person named.
 */
export function channelMention(
  env: Env,
  user: TeamsUser,
  text: string,
  opts: { mentions?: TeamsUser[]; threadRoot?: string } = {},
): ActivityJson {
  const a = sample('message.channel.mention-reply');
  const botName = env.botName ?? 'pdsa-bot';
  const tenant = env.tenantId ?? TENANT;
  const id = nextId();
  const entities = [
    { mentioned: bot(env), text: `<at>${botName}</at>`, type: 'mention' },
    ...(opts.mentions ?? []).map((m) => ({
      mentioned: { id: m.id, name: m.name },
      text: `<at>${m.name}</at>`,
      type: 'mention',
    })),
    ...((a.entities as unknown[]).filter((e) => (e as { type?: string }).type !== 'mention') as object[]),
  ];
  return {
    ...a,
    id,
    text: `<at>${botName}</at> ${text}`,
    serviceUrl: env.serviceUrl,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: bot(env),
    conversation: {
      id: `${CHANNEL_ID};messageid=${opts.threadRoot ?? id}`,
      isGroup: true,
      conversationType: 'channel',
      tenantId: tenant,
    } as ActivityJson['conversation'],
    channelData: {
      teamsChannelId: CHANNEL_ID,
      teamsTeamId: TEAM_ID,
      channel: { id: CHANNEL_ID },
      team: { id: TEAM_ID },
      tenant: { id: tenant },
    },
    entities,
  };
}

/** An Action.Submit press on a card: a message with `value` and no text (recorded channel sample). */
export function cardSubmit(
  env: Env,
  user: TeamsUser,
  value: Record<string, unknown>,
  opts: { replyToId: string; scope?: 'personal' | 'channel' },
): ActivityJson {
  const a = sample('message.channel.adaptive-card-action-submit.recorded');
  const tenant = env.tenantId ?? TENANT;
  const personal = (opts.scope ?? 'personal') === 'personal';
  return {
    ...a,
    id: `f:${nextId()}`,
    serviceUrl: env.serviceUrl,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: bot(env),
    conversation: personal
      ? { conversationType: 'personal', tenantId: tenant, id: personalConversationId(user) }
      : ({
          isGroup: true,
          conversationType: 'channel',
          tenantId: tenant,
          id: `${CHANNEL_ID};messageid=${opts.replyToId}`,
        } as ActivityJson['conversation']),
    channelData: personal
      ? { tenant: { id: tenant }, source: { name: 'message' } }
      : (a.channelData as object),
    replyToId: opts.replyToId,
    value,
  };
}

/** An Action.Execute press: an `adaptiveCard/action` invoke (personal sample). */
export function executeInvoke(
  env: Env,
  user: TeamsUser,
  data: Record<string, unknown>,
  opts: { replyToId: string },
): ActivityJson {
  const a = sample('invoke.personal.adaptiveCard-action');
  const tenant = env.tenantId ?? TENANT;
  return {
    ...a,
    id: `f:${nextId()}`,
    serviceUrl: env.serviceUrl,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: bot(env),
    conversation: { id: personalConversationId(user), conversationType: 'personal', tenantId: tenant },
    channelData: {
      tenant: { id: tenant },
      source: { name: 'message' },
      legacy: { replyToId: opts.replyToId },
    },
    value: { action: { type: 'Action.Execute', title: 'Submit', data }, trigger: 'manual' },
    replyToId: opts.replyToId,
  };
}

/** The app removed from a 1:1 chat: `installationUpdate` with action remove (documented shape). */
export function personalUninstall(env: Env, user: TeamsUser): ActivityJson {
  const tenant = env.tenantId ?? TENANT;
  return {
    type: 'installationUpdate',
    action: 'remove',
    id: `f:${nextId()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: env.serviceUrl,
    from: { id: user.id, aadObjectId: user.aadObjectId },
    conversation: { conversationType: 'personal', tenantId: tenant, id: personalConversationId(user) },
    recipient: bot(env),
    channelData: { tenant: { id: tenant }, source: { name: 'message' } },
    locale: 'en-US',
  };
}

/** The bot removed from a team: `conversationUpdate`, eventType teamMemberRemoved, membersRemoved = the bot. */
export function teamUninstall(env: Env, by: TeamsUser): ActivityJson {
  const installed = teamInstall(env, by);
  const { membersAdded: _added, ...rest } = installed;
  return {
    ...rest,
    id: `f:${nextId()}`,
    membersRemoved: [{ id: env.botId }],
    channelData: { ...(installed.channelData as object), eventType: 'teamMemberRemoved' },
  };
}
