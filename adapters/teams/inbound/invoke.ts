import { ActivityTypes, type TurnContext } from 'botbuilder';
import { plainText } from '../../../src/core/message-model.ts';
import { scopeOf } from '../address.ts';
import { actorOf, eventIdOf, whereOf } from '../inbound-actor.ts';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../render/adaptive-card.ts';
import { answeredMessage } from '../render/answered-card.ts';
import { renderCard, renderFormAgain } from '../render/card.ts';
import { runEvent } from '../run-event.ts';
import { executeData, parseSubmission } from '../submission.ts';
import { turnReplies } from '../turn-replies.ts';
import { eventOf, type TurnDeps } from './message.ts';

// Our cards use Action.Submit, which arrives as a message. Action.Execute
// (Universal Actions) arrives as an `adaptiveCard/action` invoke and must be
// answered in the HTTP response: with a card that replaces the pressed one
// (an accepted form, or a refused one drawn again with its answers and
// errors), or a short message. Any other invoke is acknowledged
// and ignored (an Action.Submit with msteams.type "invoke" has no name).

const MESSAGE_RESPONSE = 'application/vnd.microsoft.activity.message';

export async function onInvoke(deps: TurnDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  if (activity.name !== 'adaptiveCard/action') {
    if (!activity.name) await respond(context, 200, undefined);
    return;
  }
  const submission = parseSubmission(executeData(activity.value));
  if (!submission) {
    await respond(context, 200, {
      statusCode: 200,
      type: MESSAGE_RESPONSE,
      value: 'This card is no longer in use.',
    });
    return;
  }
  const replies = turnReplies(deps, context);
  const event = eventOf(submission, {
    eventId: eventIdOf(activity),
    actor: actorOf(activity),
    conversation: whereOf(activity),
  });
  const result = await runEvent(deps, replies, event);
  if (!result || result.duplicate) {
    await respond(context, 200, {
      statusCode: 200,
      type: MESSAGE_RESPONSE,
      value: result ? 'Already done.' : 'Nothing was saved.',
    });
    return;
  }
  if (submission.kind === 'formSubmit' && result.fieldErrors && submission.form) {
    // The pressed card becomes the same form with the answers kept and the errors shown.
    const card = renderFormAgain(submission.form, submission.values, result.fieldErrors);
    await respond(context, 200, { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card });
    return;
  }
  if (submission.kind === 'formSubmit' && !result.fieldErrors) {
    const [first, ...rest] = result.replies;
    const fitsHere =
      first !== undefined && (scopeOf(activity) === 'personal' || first.visibility === 'public');
    const card = renderCard(answeredMessage(fitsHere ? first.message : undefined, submission.title));
    await respond(context, 200, { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card });
    await replies.deliver(fitsHere ? { ...result, replies: rest } : result);
    return;
  }
  const first = result.replies[0];
  await respond(context, 200, {
    statusCode: 200,
    type: MESSAGE_RESPONSE,
    value: first ? plainText(first.message.summary).slice(0, 200) : 'Done.',
  });
  await replies.deliver(result);
}

async function respond(context: TurnContext, status: number, body: unknown): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
}
