import type { Activity, TurnContext } from 'botbuilder';
import { describeError } from '../../../src/platform/log.ts';
import { markUnreachable } from '../../../src/store/reachability.ts';
import { baseConversationId, scopeOf, tenantOf } from '../address.ts';
import { forgetConversation } from '../store.ts';
import type { TurnDeps } from './message.ts';

export const REMOVED_REASON = 'removed pdsa-bot in Teams';

/**
 * The app removed: `installationUpdate` with action remove, or the bot among
 * `membersRemoved`. Not `remove-upgrade`: an upgrade keeps the app installed.
 */
export function isBotRemoved(activity: Partial<Activity>): boolean {
  if (activity.type === 'installationUpdate') return activity.action === 'remove';
  const botId = activity.recipient?.id;
  return Boolean(
    activity.type === 'conversationUpdate' && botId && activity.membersRemoved?.some((m) => m.id === botId),
  );
}

/**
 * Someone removed the app from their 1:1 chat: they are marked unreachable
 * at once, so the planner stops prompting them and facilitators see why,
 * instead of the next prompt finding out with a 403. Removed from a team or
 * a group chat: the conversation is forgotten. Teams sends nothing more to
 * a bot it was removed from, so nothing is posted in answer.
 */
export async function onUninstall(deps: TurnDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  if (!isBotRemoved(activity)) return;
  const tenantId = tenantOf(activity);
  if (!tenantId) return;
  try {
    if (scopeOf(activity) === 'personal') {
      const userId = activity.from?.aadObjectId;
      if (!userId) return;
      const known = await markUnreachable(
        deps.db,
        { platform: 'teams', workspaceId: tenantId, userId },
        REMOVED_REASON,
        deps.clock(),
      );
      deps.log.info({ known }, 'Teams: someone removed the app from their 1:1 chat');
      return;
    }
    const conversationId = baseConversationId(activity.conversation?.id ?? '');
    const forgotten = await forgetConversation(deps.db, tenantId, conversationId, deps.clock());
    deps.log.info({ scope: scopeOf(activity), forgotten }, 'Teams: the app was removed from a conversation');
  } catch (error) {
    // Teams does not resend it; the next message there fails with 403 and says the same.
    deps.log.error({ error: describeError(error) }, 'Teams: could not record that the app was removed');
  }
}
