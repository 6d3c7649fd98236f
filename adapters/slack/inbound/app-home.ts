import type { App } from '@slack/bolt';
import { ackEvent } from '../deferred-ack-receiver.ts';
import { renderHomeView } from '../render/blocks.ts';
import { actorOf, type ListenerDeps, whoFrom } from './listener-deps.ts';

/**
 * Opening the bot's Home tab publishes the person's overview from the core
 * (its Answer buttons open modals like those in messages). The Messages tab
 * needs nothing. If the core cannot read the database the event is not
 * acknowledged, and Slack sends it again.
 */
export function registerAppHome(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, body, client, context }) => {
    if (event.tab !== 'home') return;
    const who = whoFrom(context, event.user, (body as unknown as { team_id?: string }).team_id);
    const actor = await actorOf(deps, client, who, {
      dmChannel: event.channel,
      budgetMs: 1000,
      staleOk: true,
    });
    const home = await deps.bot.home(actor);
    await ackEvent(context);
    await client.views.publish({ user_id: event.user, view: renderHomeView(home) });
  });
}
