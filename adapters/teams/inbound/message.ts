import type { TurnContext } from 'botbuilder';
import type { Bot } from '../../../src/bot/bot.ts';
import type { InboundEvent } from '../../../src/bot/inbound.ts';
import type { HandlerResult } from '../../../src/bot/outbound.ts';
import { textMessage } from '../../../src/core/message-model.ts';
import { describeError } from '../../../src/platform/log.ts';
import { scopeOf } from '../address.ts';
import { cleanText, isCommandText } from '../command-text.ts';
import { actorOf, eventIdOf, whereOf } from '../inbound-actor.ts';
import { rewriteMentions } from '../mentions.ts';
import { cardActivity, messageActivity } from '../outgoing.ts';
import { answeredMessage } from '../render/answered-card.ts';
import { renderFormAgain } from '../render/card.ts';
import { withReplyRetries } from '../reply-retries.ts';
import { runEvent } from '../run-event.ts';
import { rememberMentionedPerson } from '../store.ts';
import { parseSubmission, type Submission } from '../submission.ts';
import { type ReplyDeps, type TurnReplies, turnReplies } from '../turn-replies.ts';

export type TurnDeps = ReplyDeps & { bot: Bot };

/** Typed text (a command or a reply), or an Action.Submit press on one of our cards. */
export async function onMessage(deps: TurnDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const replies = turnReplies(deps, context);
  const actor = actorOf(activity);
  const base = { eventId: eventIdOf(activity), actor, conversation: whereOf(activity) };

  const typed = (activity.text ?? '').trim();
  if (activity.value !== undefined && activity.value !== null && typed === '') {
    const submission = parseSubmission(activity.value);
    if (!submission) {
      deps.log.info(
        { conversation: activity.conversation?.conversationType },
        'Teams: a card press not for us',
      );
      return;
    }
    const result = await runEvent(deps, replies, eventOf(submission, base));
    if (result) await afterSubmission(deps, context, replies, submission, result);
    return;
  }

  const tenantId = actor.workspaceId;
  const text = cleanText(
    await rewriteMentions(context, (person) =>
      // Not being able to keep the Teams id only means no 1:1 chat can be opened for them yet.
      rememberMentionedPerson(deps.db, { tenantId, ...person }, deps.clock()).catch((error) =>
        deps.log.warn({ error: describeError(error) }, 'Teams: could not keep a mentioned person'),
      ),
    ),
  );
  if (text === '' && scopeOf(activity) === 'personal') {
    // A picture or a file alone: nothing the core can read.
    await replies.inPlace(textMessage('I can only read typed text: type your answer, or `help`.'));
    return;
  }
  // Only a mention of the bot in a channel or chat: show what it can do.
  const kind = text === '' || isCommandText(text) ? 'command' : 'reply';
  const result = await runEvent(deps, replies, { kind, ...base, text: text === '' ? 'help' : text });
  if (result && !result.duplicate) await replies.deliver(result);
}

export function eventOf(
  submission: Submission,
  base: Pick<InboundEvent, 'eventId' | 'actor' | 'conversation'>,
): InboundEvent {
  return submission.kind === 'action'
    ? { kind: 'action', ...base, actionId: submission.actionId, value: submission.value }
    : { kind: 'formSubmit', ...base, formId: submission.formId, values: submission.values };
}

/**
 * A form that was accepted: its card is replaced by the core's answer (or a
 * short "Answered ✓"), so it cannot be sent twice by mistake. A form with
 * mistakes is drawn again in place (in a 1:1 chat; elsewhere it comes again
 * in the person's 1:1 chat, not to show their answers to a channel) with
 * every answer kept and each error under its field. A card that did not
 * carry its form stays as it is, and the core's explanation is sent.
 */
async function afterSubmission(
  deps: TurnDeps,
  context: TurnContext,
  replies: TurnReplies,
  submission: Submission,
  result: HandlerResult,
): Promise<void> {
  if (result.duplicate) return;
  const activity = context.activity;
  let remaining = result;
  if (submission.kind === 'formSubmit' && result.fieldErrors) {
    if (submission.form && (await showAgain(deps, context, replies, submission, result.fieldErrors))) {
      remaining = { ...result, replies: [] };
    } else if (result.replies.length === 0) {
      const list = Object.entries(result.fieldErrors).map(([id, error]) => `• ${id}: ${error}`);
      remaining = {
        ...result,
        replies: [
          { visibility: 'private', message: textMessage(`Please check your answers:\n${list.join('\n')}`) },
        ],
      };
    }
  } else if (submission.kind === 'formSubmit' && activity.replyToId) {
    const [first, ...rest] = result.replies;
    const fitsHere =
      first !== undefined && (scopeOf(activity) === 'personal' || first.visibility === 'public');
    try {
      const answered = {
        ...messageActivity(answeredMessage(fitsHere ? first.message : undefined, submission.title)),
        id: activity.replyToId,
      };
      await withReplyRetries(() => context.updateActivity(answered));
      if (fitsHere) remaining = { ...result, replies: rest };
    } catch (error) {
      deps.log.warn({ error: describeError(error) }, 'Teams: could not mark the form as answered');
    }
  }
  await replies.deliver(remaining);
}

/** The form again, with the answers and the errors: in place, or as a new card. False when neither worked. */
async function showAgain(
  deps: TurnDeps,
  context: TurnContext,
  replies: TurnReplies,
  submission: Extract<Submission, { kind: 'formSubmit' }>,
  errors: Record<string, string>,
): Promise<boolean> {
  const form = submission.form!;
  const card = cardActivity(renderFormAgain(form, submission.values, errors), form.title);
  const activity = context.activity;
  if (scopeOf(activity) === 'personal' && activity.replyToId) {
    const id = activity.replyToId;
    try {
      await withReplyRetries(() => context.updateActivity({ ...card, id }));
      return true;
    } catch (error) {
      deps.log.warn({ error: describeError(error) }, 'Teams: could not show the form again in place');
    }
  }
  try {
    return await replies.onlyToPerson(card);
  } catch (error) {
    deps.log.warn({ error: describeError(error) }, 'Teams: could not send the form again');
    return false;
  }
}
