import type { App, Context, RespondFn, webApi } from '@slack/bolt';
import { type HandlerResult, privately } from '../../../src/bot/outbound.ts';
import { nothingSavedText } from '../../../src/bot/user-error.ts';
import { textMessage } from '../../../src/core/message-model.ts';
import { coreActionId, isFormOpen } from '../action-ids.ts';
import { postMessage } from '../post-message.ts';
import { infoModal, loadingModal, renderFormModal } from '../render/modal.ts';
import { formMessage, joinReplies, postReplies, respondReplies } from './deliver-replies.ts';
import {
  actorOf,
  conversationOf,
  errorFields,
  type ListenerDeps,
  type Who,
  whoFrom,
} from './listener-deps.ts';

type BlockActionsBody = {
  trigger_id?: string;
  user: { id: string; team_id?: string };
  team?: { id?: string } | null;
  channel?: { id?: string };
  container?: { type?: string; message_ts?: string; channel_id?: string; thread_ts?: string };
  message?: { ts?: string; thread_ts?: string };
  view?: { id?: string; type?: string };
  response_url?: string;
  actions: {
    action_id: string;
    type?: string;
    value?: string;
    action_ts?: string;
    selected_option?: { value?: string } | null;
    selected_date?: string | null;
  }[];
};

/**
 * A button (in a message, an ephemeral message or the Home tab) is an
 * `action` for the core. A button whose id starts with `form.open:` opens a
 * "Loading…" modal at once, while the trigger id (3 seconds) is valid, and
 * replaces it with the form the core returns, or with its message.
 */
export function registerBlockActions(app: App, deps: ListenerDeps): void {
  app.action({ type: 'block_actions' }, async ({ ack, body, client, context, respond }) => {
    await ack();
    const b = body as unknown as BlockActionsBody;
    const action = b.actions[0];
    if (!action) return;
    // The trigger id lasts 3 seconds, so the Loading modal opens before the
    // work waits its turn.
    const modalId = await openLoadingModal(deps, client, b, coreActionId(action.action_id));
    await deps.afterAck.run(() => handleBlockAction(deps, { b, action, modalId, client, context, respond }));
  });
}

async function openLoadingModal(
  deps: ListenerDeps,
  client: webApi.WebClient,
  b: BlockActionsBody,
  actionId: string,
): Promise<string | undefined> {
  if (!isFormOpen(actionId) || !b.trigger_id) return undefined;
  try {
    const opened = await client.views.open({ trigger_id: b.trigger_id, view: loadingModal() });
    return opened.view?.id;
  } catch (error) {
    deps.log.warn(errorFields(error), 'could not open the loading modal');
    return undefined;
  }
}

type BlockActionArgs = {
  b: BlockActionsBody;
  action: BlockActionsBody['actions'][number];
  modalId: string | undefined;
  client: webApi.WebClient;
  context: Context;
  respond?: RespondFn;
};

async function handleBlockAction(
  deps: ListenerDeps,
  { b, action, modalId, client, context, respond }: BlockActionArgs,
) {
  const actionId = coreActionId(action.action_id);
  const value = action.value ?? action.selected_option?.value ?? action.selected_date ?? '';
  const who = whoFrom(context, b.user.id, b.team?.id ?? b.user.team_id);
  const channel = b.channel?.id ?? b.container?.channel_id;
  const inDm = channel?.startsWith('D') ?? false;
  const threadTs = b.message?.thread_ts ?? b.container?.thread_ts;

  const reply = replyChannel(deps, client, who, { inDm, channel, threadTs, respond });
  let result: HandlerResult;
  try {
    const actor = await actorOf(deps, client, who, inDm && channel ? { dmChannel: channel } : {});
    const conversation = conversationOf(who, channel);
    result = await deps.bot.handle({
      kind: 'action',
      eventId: `action:${b.trigger_id ?? `${b.container?.message_ts ?? b.view?.id}:${action.action_ts}:${who.user}`}`,
      actor,
      actionId,
      value: value.slice(0, 2000),
      ...(conversation ? { conversation } : {}),
    });
  } catch (error) {
    deps.log.error({ ...errorFields(error), team: who.team, actionId }, 'button failed');
    const text = nothingSavedText(error, 'press the button');
    if (modalId)
      await client.views.update({ view_id: modalId, view: infoModal('Not saved', textMessage(text)) });
    else await reply.failure(text);
    return;
  }

  const origin = inDm && channel ? { channel, ...(threadTs ? { threadTs } : {}) } : {};
  if (modalId) {
    const shown = result.openForm
      ? renderFormModal(result.openForm, origin)
      : infoModal('pdsa-bot', joinReplies(result.replies) ?? textMessage('There is nothing to answer here.'));
    await client.views.update({ view_id: modalId, view: shown });
    if (result.openForm && result.replies.length > 0) await reply.replies(result);
    return;
  }
  let formShown = false;
  if (result.openForm && b.trigger_id) {
    try {
      await client.views.open({ trigger_id: b.trigger_id, view: renderFormModal(result.openForm, origin) });
      formShown = true;
    } catch (error) {
      deps.log.warn(errorFields(error), 'could not open the form as a modal; sending its button instead');
    }
  }
  await reply.replies(formShown ? { ...result, openForm: undefined } : result);
}

/** Where a button's replies go: the DM it was pressed in, the response_url of a channel message, or the person's DM. */
function replyChannel(
  deps: ListenerDeps,
  client: webApi.WebClient,
  who: Who,
  where: { inDm: boolean; channel?: string; threadTs?: string; respond?: RespondFn },
) {
  const dm = async () =>
    where.inDm && where.channel ? where.channel : deps.directory.dmChannel(client, who.team, who.user);
  const viaResponseUrl = !where.inDm && where.respond !== undefined;
  return {
    async replies(result: HandlerResult) {
      if (viaResponseUrl && where.respond) {
        const replies = [...result.replies];
        if (result.openForm) replies.push(privately(formMessage(result.openForm)));
        const target = {
          respond: where.respond,
          client,
          dm,
          ...(where.channel ? { channel: where.channel } : {}),
        };
        await respondReplies(target, replies);
        return;
      }
      if (result.replies.length === 0 && !result.openForm) return;
      await postReplies(client, await dm(), result.replies, {
        ...(where.inDm && where.threadTs ? { threadTs: where.threadTs } : {}),
        ...(result.openForm ? { form: result.openForm } : {}),
      });
    },
    async failure(text: string) {
      if (viaResponseUrl && where.respond) {
        await where.respond({ response_type: 'ephemeral', replace_original: false, text });
      } else {
        await postMessage(client, await dm(), textMessage(text), {
          ...(where.inDm && where.threadTs ? { threadTs: where.threadTs } : {}),
        });
      }
    },
  };
}
