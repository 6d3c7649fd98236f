import type { Activity } from 'botbuilder';
import type { Actor } from '../../src/bot/inbound.ts';
import { conversationAddress, scopeOf, type TeamsConversationAddress, tenantOf } from './teams-address.ts';

// Who acted, as the core knows people: the Azure AD tenant is the
// workspace and the Azure AD object id the user, so that the same person is
// the same whichever chat or team they write from. Their Teams id (29:…),
// needed to open a chat with them, travels in the conversation reference.

export class NotFromATenantError extends Error {
  override name = 'NotFromATenantError';
}

export function actorOf(activity: Partial<Activity>): Actor {
  const tenantId = tenantOf(activity);
  const userId = activity.from?.aadObjectId ?? activity.from?.id;
  if (!tenantId || !userId) {
    throw new NotFromATenantError(
      'The activity names no Azure AD tenant or user; only Teams work accounts are served.',
    );
  }
  const personal = scopeOf(activity) === 'personal';
  return {
    platform: 'teams',
    workspaceId: tenantId,
    userId,
    ...(activity.from?.name ? { displayName: activity.from.name } : {}),
    // Only a 1:1 chat is a way to reach the person privately; a channel is not.
    ...(personal ? { address: conversationAddress(activity) } : {}),
  };
}

/** Where the activity happened: the 1:1 chat, the channel (not the thread), or the group chat. */
export function whereOf(activity: Partial<Activity>): TeamsConversationAddress {
  return conversationAddress(activity);
}

/** A platform event id unique across conversations: Teams activity ids are unique only within one. */
export function eventIdOf(activity: Partial<Activity>): string {
  return `${activity.conversation?.id ?? ''}|${activity.id ?? ''}`;
}
