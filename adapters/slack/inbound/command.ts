import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { HandlerResult } from '../../../src/bot/outbound.ts';
import { privately } from '../../../src/bot/outbound.ts';
import { nothingSavedText } from '../../../src/bot/user-error.ts';
import { renderFormModal } from '../render/modal.ts';
import { formMessage, respondReplies } from './deliver-replies.ts';
import { actorOf, conversationOf, errorFields, type ListenerDeps, whoFrom } from './listener-deps.ts';

export const COMMAND = '/pdsa';

/**
 * `/pdsa …`: acknowledged at once (Slack allows 3 seconds), then handled by
 * the core in its turn (work-gate.ts) and answered through the response_url. A form the core opens
 * becomes a modal while the trigger id is still valid; failing that, an
 * ephemeral message with its Answer button.
 */
export function registerCommand(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client, context }) => {
    await ack();
    await deps.afterAck.run(() => handleCommand(deps, { command, respond, client, context }));
  });
}

type CommandArgs = Pick<
  SlackCommandMiddlewareArgs & AllMiddlewareArgs,
  'command' | 'respond' | 'client' | 'context'
>;

async function handleCommand(deps: ListenerDeps, { command, respond, client, context }: CommandArgs) {
  const who = whoFrom(context, command.user_id, command.team_id);
  const dm = () => deps.directory.dmChannel(client, who.team, who.user);
  const retry = `type \`${COMMAND}${command.text ? ` ${command.text}` : ''}\``;
  let result: HandlerResult;
  try {
    const actor = await actorOf(deps, client, who, { openDm: true });
    const conversation = conversationOf(who, command.channel_id);
    result = await deps.bot.handle({
      kind: 'command',
      eventId: `command:${command.trigger_id}`,
      actor,
      text: command.text ?? '',
      ...(conversation ? { conversation } : {}),
    });
  } catch (error) {
    deps.log.error({ ...errorFields(error), team: who.team }, 'slash command failed');
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: nothingSavedText(error, retry),
    });
    return;
  }
  const target = { respond, client, dm, channel: command.channel_id };
  const replies = [...result.replies];
  if (result.openForm) {
    try {
      await client.views.open({
        trigger_id: command.trigger_id,
        view: renderFormModal(result.openForm, { channel: command.channel_id }),
      });
    } catch (error) {
      deps.log.warn(errorFields(error), 'could not open the form as a modal; sending its button instead');
      replies.push(privately(formMessage(result.openForm)));
    }
  }
  await respondReplies(target, replies);
}
