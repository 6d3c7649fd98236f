import type { Activity } from 'botbuilder';
import type { Actor } from '../../src/bot/inbound.ts';
import { isValidTimeZone } from '../../src/core/schedule/local-time.ts';
import { conversationAddress, scopeOf, type TeamsConversationAddress, tenantOf } from './address.ts';

// Who acted, as the core knows people: the Azure AD tenant is the
// workspace and the Azure AD object id the user, so that the same person is
// the same whichever chat or team they write from. Their Teams id (29:…),
// needed to open a chat with them, travels in the conversation reference.
// Their time zone is the one their Teams client reports with each activity
// (`localTimezone`, an IANA name), so that prompts come at 8 a.m. where they
// are even when the network is elsewhere.

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
  const zone = activity.localTimezone;
  return {
    platform: 'teams',
    workspaceId: tenantId,
    userId,
    ...(activity.from?.name ? { displayName: activity.from.name } : {}),
    ...(typeof zone === 'string' && isValidTimeZone(zone) ? { timeZone: zone } : {}),
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
