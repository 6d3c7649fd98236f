import { completeAnswer, parseAnswer, questionsFor } from '../../core/checkin-questions.ts';
import { message, textMessage } from '../../core/message-model.ts';
import { readId } from '../../core/parsing/ids.ts';
import { beginAnswer } from '../../store/checkins.ts';
import { recordRawReply } from '../../store/raw-replies.ts';
import type { CheckinContext } from '../../store/views/checkin-context.ts';
import type { HandlerContext } from '../context.ts';
import type { ActionRoute, FormRoute } from '../interaction-routes.ts';
import { type HandlerResult, privately } from '../outbound.ts';
import { requireMember } from '../permissions.ts';
import { UserError } from '../user-error.ts';
import { notYourCheckin, requireCheckinOf } from './checkin-context.ts';
import { askText, CHECKIN_FORM, checkinForm } from './compose-prompt.ts';
import { assertAnswerable, finishCheckin } from './finish-checkin.ts';

/** The check-in id at the end of a button's or form's id (`checkin:41`), or a button's value. */
function checkinIdFrom(id: string): number {
  const read = readId(id.split(':').at(-1));
  if (read.kind === 'id') return read.id;
  if (read.kind === 'none') throw notYourCheckin();
  throw new UserError('That check-in link is broken. Type `/pdsa status` to see your open check-ins.');
}

/**
 * Makes a check-in the one the person is answering now (plain replies go
 * to it) and returns its form. An answered check-in is opened for editing.
 */
export async function beginAnswering(hctx: HandlerContext, ctx: CheckinContext): Promise<HandlerResult> {
  await assertAnswerable(hctx.trx, ctx);
  const editing = ctx.checkin.status === 'answered';
  // An edit starts from a clean draft; an open check-in keeps what was answered so far.
  await beginAnswer(hctx.trx, ctx.checkin.id, editing ? {} : (ctx.checkin.draft ?? {}), hctx.now);
  const fresh = { ...ctx, checkin: { ...ctx.checkin, draft: editing ? {} : (ctx.checkin.draft ?? {}) } };
  // Where there are no forms (the terminal), the questions come one at a time only.
  const forms = hctx.caller.features.forms;
  return {
    ...(forms ? { openForm: checkinForm(fresh) } : {}),
    replies: [
      privately(
        message(`${editing ? 'Editing' : 'Answering'} cycle #${ctx.cycle.number}`, {
          type: 'text',
          text: `${editing ? 'Change your answer' : 'Answer'} by replying here, one question at a time${forms ? ' (or all at once in the form)' : ''}.\n${askText(fresh)}`,
        }),
      ),
    ],
  };
}

/** Buttons "Answer" (action `checkin.answer:<id>`) and form openers (`form.open:checkin:<id>`). */
export const answerCheckinAction: ActionRoute = {
  prefix: 'checkin.answer',
  async run(hctx) {
    const caller = requireMember(hctx.caller);
    const ctx = await requireCheckinOf(
      hctx.trx,
      checkinIdFrom(hctx.event.value || hctx.event.actionId),
      caller.person.id,
    );
    return beginAnswering(hctx, ctx);
  },
};

export const openCheckinFormAction: ActionRoute = {
  prefix: `form.open:${CHECKIN_FORM}`,
  async run(hctx) {
    const caller = requireMember(hctx.caller);
    const ctx = await requireCheckinOf(hctx.trx, checkinIdFrom(hctx.event.actionId), caller.person.id);
    const result = await beginAnswering(hctx, ctx);
    // The form opens where it was asked for; the chat hint is not needed there.
    return result.openForm ? { openForm: result.openForm, replies: [] } : result;
  },
};

/** A submitted check-in form: every answer at once, each checked as a typed reply would be. */
export const checkinFormRoute: FormRoute = {
  prefix: CHECKIN_FORM,
  async run(hctx) {
    const caller = requireMember(hctx.caller);
    const ctx = await requireCheckinOf(hctx.trx, checkinIdFrom(hctx.event.formId), caller.person.id);
    const values: Record<string, unknown> = {};
    const errors: Record<string, string> = {};
    for (const q of questionsFor(ctx.checkin.phase, ctx.measure)) {
      const parsed = parseAnswer(q, hctx.event.values[q.id], ctx.measure);
      if (parsed.ok) values[q.id] = parsed.value;
      else errors[q.id] = parsed.error;
    }
    await recordRawReply(hctx.trx, {
      person_id: caller.person.id,
      checkin_id: ctx.checkin.id,
      event_id: hctx.event.eventId,
      text: JSON.stringify(hctx.event.values),
      understood: Object.keys(errors).length === 0,
      received_at: hctx.now,
    });
    if (Object.keys(errors).length > 0) {
      return {
        fieldErrors: errors,
        replies: [
          privately(
            textMessage(
              `Nothing was saved yet; please fix these answers:\n${Object.values(errors)
                .map((e) => `• ${e}`)
                .join('\n')}`,
            ),
          ),
        ],
      };
    }
    const complete = completeAnswer(ctx.checkin.phase, values);
    if (!complete.ok) {
      const message = `Please answer: ${complete.missing.join(', ')}.`;
      return {
        fieldErrors: Object.fromEntries(complete.missing.map((m) => [m, 'This needs an answer.'])),
        replies: [privately(textMessage(message))],
      };
    }
    return finishCheckin(hctx, ctx, complete.answer);
  },
};
