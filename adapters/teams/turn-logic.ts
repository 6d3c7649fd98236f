import type { TurnContext } from 'botbuilder';
import { onInstall } from './inbound/install.ts';
import { onInvoke } from './inbound/invoke.ts';
import { onMessage, type TurnDeps } from './inbound/message.ts';
import { isBotRemoved, onUninstall } from './inbound/uninstall.ts';
import { NotFromATenantError } from './inbound-actor.ts';

/** What the bot does with each authenticated activity; other activity types are acknowledged and ignored. */
export function turnLogic(deps: TurnDeps): (context: TurnContext) => Promise<void> {
  return async (context) => {
    const activity = context.activity;
    if (activity.channelId !== 'msteams') return;
    try {
      switch (activity.type) {
        case 'conversationUpdate':
          if (isBotRemoved(activity)) return await onUninstall(deps, context);
          return await onInstall(deps, context);
        case 'installationUpdate':
          // Installing is handled with the conversationUpdate Teams sends with it.
          return await onUninstall(deps, context);
        case 'message':
          return await onMessage(deps, context);
        case 'invoke':
          return await onInvoke(deps, context);
        default:
          return;
      }
    } catch (error) {
      if (error instanceof NotFromATenantError) {
        deps.log.warn({ type: activity.type }, 'Teams: an activity without a tenant or user was ignored');
        return;
      }
      throw error;
    }
  };
}
