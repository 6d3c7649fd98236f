import { answerCheckinAction, checkinFormRoute, openCheckinFormAction } from './checkins/checkin-routes.ts';
import { checkinReplyRoute } from './checkins/conversation.ts';
import { driverFormRoute, openDriverFormAction } from './commands/drivers.ts';
import { ideaDriverFormRoute, openIdeaDriverFormAction } from './commands/idea-drivers.ts';
import { memberActions } from './commands/members.ts';
import { openSiteConditionsFormAction, siteConditionsFormRoute } from './commands/site-conditions.ts';
import { openStartFormAction, rampAction, startFormRoute } from './commands/start-form.ts';
import type { InteractionRoutes } from './interaction-routes.ts';

/** Every button, form and reply handler of the core. */
export function interactionRoutes(): InteractionRoutes {
  return {
    actions: [
      answerCheckinAction,
      openCheckinFormAction,
      openStartFormAction,
      rampAction,
      ...memberActions,
      openSiteConditionsFormAction,
      openDriverFormAction,
      openIdeaDriverFormAction,
    ],
    forms: [checkinFormRoute, startFormRoute, siteConditionsFormRoute, driverFormRoute, ideaDriverFormRoute],
    replies: [checkinReplyRoute],
  };
}
