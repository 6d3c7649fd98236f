import type { Activity, ConversationAccount, ConversationReference } from 'botbuilder';
import { TurnContext } from 'botbuilder';
import type { Address } from '../../src/core/address.ts';
import type { MessageRef } from '../../src/platform/platform-port.ts';

// What this adapter keeps in the core's opaque addresses and message refs.
//
// A conversation address holds a Bot Framework conversation reference, as
// `TurnContext.getConversationReference` gives it, without the activity id
// (a proactive message must start a post, not answer an old one) and, for
// a channel, without the thread suffix `;messageid=…` (the digest goes to
// the channel, not into the thread where `network channel here` was typed).
// A user address is what the core writes for someone named in a command
// before they ever wrote to the bot; `memberId` is their Teams id (29:…),
// known when they were @mentioned, which lets the bot open a 1:1 chat.

export type TeamsScope = 'personal' | 'channel' | 'groupChat';

export type TeamsConversationAddress = {
  platform: 'teams';
  scope: TeamsScope;
  reference: Partial<ConversationReference>;
  /** A channel or chat name, when Teams gave one: shown by `network`. */
  name?: string;
};

export type TeamsUserAddress = { platform: 'teams'; user: string; workspace: string; memberId?: string };

/** A sent message: enough to update it or to reply in its thread. */
export type TeamsMessageRef = {
  conversationId: string;
  activityId: string;
  serviceUrl: string;
  tenantId?: string;
  botId?: string;
};

export function scopeOf(activity: Partial<Activity>): TeamsScope {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  if (type === 'personal') return 'personal';
  return activity.conversation?.isGroup ? 'groupChat' : 'personal';
}

export function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return (
    activity.conversation?.tenantId ?? (typeof fromChannelData === 'string' ? fromChannelData : undefined)
  );
}

/** The conversation of a channel post without its thread: `19:…@thread.tacv2;messageid=123` → `19:…@thread.tacv2`. */
export function baseConversationId(id: string): string {
  const at = id.indexOf(';messageid=');
  return at === -1 ? id : id.slice(0, at);
}

/** The address of the conversation an activity came from (the channel itself for a channel thread). */
export function conversationAddress(activity: Partial<Activity>): TeamsConversationAddress {
  const scope = scopeOf(activity);
  const reference = TurnContext.getConversationReference(activity);
  delete reference.activityId;
  const tenantId = tenantOf(activity);
  const conversation = { ...reference.conversation! };
  conversation.id = baseConversationId(conversation.id);
  if (tenantId && !conversation.tenantId) conversation.tenantId = tenantId;
  reference.conversation = conversation;
  const name = nameOf(activity, scope);
  return { platform: 'teams', scope, reference, ...(name ? { name } : {}) };
}

function nameOf(activity: Partial<Activity>, scope: TeamsScope): string | undefined {
  if (scope === 'personal') return undefined;
  const data = activity.channelData as
    | { channel?: { name?: unknown }; team?: { name?: unknown } }
    | undefined;
  const channel = typeof data?.channel?.name === 'string' ? data.channel.name : undefined;
  const team = typeof data?.team?.name === 'string' ? data.team.name : undefined;
  if (channel && team) return `${team} › ${channel}`;
  return channel ?? team ?? activity.conversation?.name ?? undefined;
}

export function isConversationAddress(address: Address): address is TeamsConversationAddress & Address {
  const reference = (address as { reference?: unknown }).reference;
  return (
    address.platform === 'teams' &&
    typeof reference === 'object' &&
    reference !== null &&
    typeof (reference as { serviceUrl?: unknown }).serviceUrl === 'string' &&
    typeof (reference as { conversation?: { id?: unknown } }).conversation?.id === 'string'
  );
}

export function isUserAddress(address: Address): address is TeamsUserAddress & Address {
  return (
    address.platform === 'teams' && typeof address.user === 'string' && typeof address.workspace === 'string'
  );
}

export function isMessageRef(ref: MessageRef): ref is TeamsMessageRef & MessageRef {
  return (
    typeof ref.conversationId === 'string' &&
    typeof ref.activityId === 'string' &&
    typeof ref.serviceUrl === 'string'
  );
}

/** The reference to reach the conversation of a sent message again (to update it, or to answer in its thread). */
export function referenceOfMessage(ref: TeamsMessageRef, thread: boolean): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: ref.serviceUrl,
    ...(ref.botId ? { bot: { id: ref.botId, name: '' } } : {}),
    // Teams needs only the id (and the tenant); the other fields of a ConversationAccount are not sent.
    conversation: {
      id: thread ? `${ref.conversationId};messageid=${ref.activityId}` : ref.conversationId,
      ...(ref.tenantId ? { tenantId: ref.tenantId } : {}),
    } as ConversationAccount,
  };
}
