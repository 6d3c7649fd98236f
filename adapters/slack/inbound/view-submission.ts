import type { App, webApi } from '@slack/bolt';
import type { HandlerResult, Reply } from '../../../src/bot/outbound.ts';
import { nothingSavedText } from '../../../src/bot/user-error.ts';
import { textMessage } from '../../../src/core/message-model.ts';
import { FORM_CALLBACK_ID } from '../action-ids.ts';
import { decodeFormMetadata, type FormMetadata } from '../form-metadata.ts';
import { infoModal, renderFormModal } from '../render/modal.ts';
import { flattenViewState, inputBlockIds, type ViewStateValues } from '../view-state.ts';
import { postReplies } from './deliver-replies.ts';
import { actorOf, errorFields, type ListenerDeps, type Who, whoFrom } from './listener-deps.ts';

/** Slack closes a modal whose submission is not answered within 3 seconds; this leaves room for the network. */
export const SUBMIT_DEADLINE_MS = 2500;

/** Slack shows at most this much of an error under an input. */
const MAX_FIELD_ERROR = 150;

type ViewSubmissionBody = {
  trigger_id?: string;
  user: { id: string; team_id?: string };
  team?: { id?: string } | null;
  view: {
    id: string;
    private_metadata?: string;
    blocks?: { type?: string; block_id?: string }[];
    state?: { values?: ViewStateValues };
  };
};

type Ack = (response?: Record<string, unknown>) => Promise<void>;

/**
 * A submitted form modal is a `formSubmit` for the core. The core runs
 * before Slack gets its answer, so that its field errors can be shown
 * under the inputs (`response_action: errors`) and the modal stays open
 * with what the person typed; that includes "nothing was saved" when the
 * database is down. Replies go to the person's DM. A core slower than the
 * deadline gets an empty ack (the modal closes) and its replies by DM.
 */
export function registerViewSubmission(app: App, deps: ListenerDeps): void {
  app.view(FORM_CALLBACK_ID, async ({ ack, body, client, context }) => {
    const b = body as unknown as ViewSubmissionBody;
    const done = onceAck(ack as Ack);
    const meta = decodeFormMetadata(b.view.private_metadata);
    if (!meta) {
      await done();
      return;
    }
    const inputs = inputBlockIds(b.view.blocks);
    const who = whoFrom(context, b.user.id, b.team?.id ?? b.user.team_id);
    const dmChannel = meta.channel?.startsWith('D') ? meta.channel : undefined;
    const handling = (async () => {
      const actor = await actorOf(deps, client, who, { ...(dmChannel ? { dmChannel } : {}), budgetMs: 800 });
      return deps.bot.handle({
        kind: 'formSubmit',
        eventId: `view:${b.trigger_id ?? `${b.view.id}:${Date.now()}`}`,
        actor,
        formId: meta.formId,
        values: flattenViewState(b.view.state?.values),
      });
    })();

    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), SUBMIT_DEADLINE_MS);
    });
    let result: HandlerResult;
    try {
      const first = await Promise.race([handling, late]);
      if (first === 'late') {
        await done();
        result = await handling;
      } else {
        result = first;
      }
    } catch (error) {
      deps.log.error({ ...errorFields(error), team: who.team }, 'form submission failed');
      const text = nothingSavedText(error, 'press Submit');
      const firstInput = [...inputs][0];
      const inModal = await done(
        firstInput
          ? { response_action: 'errors', errors: { [firstInput]: text.slice(0, MAX_FIELD_ERROR) } }
          : { response_action: 'update', view: infoModal('Not saved', textMessage(text)) },
      );
      // An error under an input is short: the whole sentence goes to the DM as well.
      if (!inModal || firstInput) {
        await dmReplies(deps, client, who, meta, [{ visibility: 'private', message: textMessage(text) }]);
      }
      return;
    } finally {
      clearTimeout(timer);
    }

    const errors = result.fieldErrors;
    if (errors && Object.keys(errors).length > 0 && Object.keys(errors).every((id) => inputs.has(id))) {
      const shown = Object.fromEntries(
        Object.entries(errors).map(([id, text]) => [id, text.slice(0, MAX_FIELD_ERROR)]),
      );
      if (await done({ response_action: 'errors', errors: shown })) return;
    } else if (result.openForm) {
      const view = renderFormModal(result.openForm, {
        ...(meta.channel ? { channel: meta.channel } : {}),
        ...(meta.threadTs ? { threadTs: meta.threadTs } : {}),
      });
      if (await done({ response_action: 'update', view })) {
        await dmReplies(deps, client, who, meta, result.replies);
        return;
      }
    }
    await done();
    await dmReplies(deps, client, who, meta, result.replies, result.openForm);
  });
}

/** An ack that can be called once; returns whether this call was the one that answered Slack. */
function onceAck(ack: Ack) {
  let answered = false;
  return async (response?: Record<string, unknown>): Promise<boolean> => {
    if (answered) return false;
    answered = true;
    await ack(response);
    return true;
  };
}

async function dmReplies(
  deps: ListenerDeps,
  client: webApi.WebClient,
  who: Who,
  meta: FormMetadata,
  replies: Reply[],
  form?: HandlerResult['openForm'],
): Promise<void> {
  if (replies.length === 0 && !form) return;
  const inDm = meta.channel?.startsWith('D') ?? false;
  const channel =
    inDm && meta.channel ? meta.channel : await deps.directory.dmChannel(client, who.team, who.user);
  await postReplies(client, channel, replies, {
    ...(inDm && meta.threadTs ? { threadTs: meta.threadTs } : {}),
    ...(form ? { form } : {}),
  });
}
