import { completeAnswer, displayAnswer, parseAnswer } from '../../core/checkin-questions.ts';
import type { Measurement } from '../../core/domain.ts';
import { message, textMessage } from '../../core/message-model.ts';
import { describePredictionGap } from '../../core/prediction-gap.ts';
import { checkinBeingAnswered, predictionOf, saveDraft } from '../../store/checkins.ts';
import { recordRawReply } from '../../store/raw-replies.ts';
import { type CheckinContext, loadCheckinContext } from '../../store/views/checkin-context.ts';
import type { HandlerContext, Trx } from '../context.ts';
import type { InboundEvent } from '../inbound.ts';
import type { ReplyRoute } from '../interaction-routes.ts';
import { type HandlerResult, privately } from '../outbound.ts';
import { askText, checkinName, nextQuestion } from './compose-prompt.ts';
import { finishCheckin } from './finish-checkin.ts';

type ReplyEvent = Extract<InboundEvent, { kind: 'reply' }>;

const KEEP_WORDS = new Set(['same', 'keep', 'unchanged']);

/**
 * The check-in a plain reply is for: the one the member was most recently
 * asked (or chose with `/pdsa answer`), among those still open or being
 * edited.
 */
export async function currentCheckinId(trx: Trx, memberId: number): Promise<number | undefined> {
  return checkinBeingAnswered(trx, memberId);
}

/**
 * Where the member's next plain reply goes, in words: "Your next reply
 * answers your Plan check-in for cycle #1, question 1 of 6: …".
 */
export async function whereRepliesGo(trx: Trx, memberId: number): Promise<string> {
  const id = await currentCheckinId(trx, memberId);
  const ctx = id === undefined ? undefined : await loadCheckinContext(trx, id);
  const next = ctx ? nextQuestion(ctx) : undefined;
  if (!ctx || !next) return 'No check-in is waiting for your reply.';
  return `Your next reply answers your ${checkinName(ctx)}, question ${next.number} of ${next.of}: ${next.question.label}`;
}

export const checkinReplyRoute: ReplyRoute = async (hctx) => {
  const member = hctx.caller.member;
  if (member?.status !== 'active') return null;
  const id = await currentCheckinId(hctx.trx, member.id);
  if (id === undefined) return null;
  const ctx = await loadCheckinContext(hctx.trx, id);
  if (!ctx) return null;
  return answerByReply(hctx as HandlerContext<ReplyEvent>, ctx);
};

async function keepRaw(
  hctx: HandlerContext<ReplyEvent>,
  checkinId: number,
  understood: boolean,
): Promise<void> {
  await recordRawReply(hctx.trx, {
    person_id: hctx.caller.person.id,
    checkin_id: checkinId,
    event_id: hctx.event.eventId,
    text: hctx.event.text,
    understood,
    received_at: hctx.now,
  });
}

async function answerByReply(hctx: HandlerContext<ReplyEvent>, ctx: CheckinContext): Promise<HandlerResult> {
  const { trx, now } = hctx;
  const next = nextQuestion(ctx);
  if (!next) {
    // A draft with every answer but not yet valid: start the questions again.
    await saveDraft(trx, ctx.checkin.id, {}, now);
    return answerByReply(hctx, { ...ctx, checkin: { ...ctx.checkin, draft: {} } });
  }
  const text = hctx.event.text.trim();
  const previous = ctx.checkin.answer?.[next.question.id];
  let value: unknown;
  if (KEEP_WORDS.has(text.toLowerCase()) && previous !== undefined) {
    value = previous;
  } else {
    const parsed = parseAnswer(next.question, text, ctx.measure);
    if (!parsed.ok) {
      await keepRaw(hctx, ctx.checkin.id, false);
      return { replies: [privately(textMessage(`${parsed.error}\n\n${askText(ctx, { naming: true })}`))] };
    }
    value = parsed.value;
  }
  await keepRaw(hctx, ctx.checkin.id, true);
  const draft = { ...(ctx.checkin.draft ?? {}), [next.question.id]: value ?? null };
  const updated: CheckinContext = { ...ctx, checkin: { ...ctx.checkin, draft } };
  const following = nextQuestion(updated);
  if (following) {
    await saveDraft(trx, ctx.checkin.id, draft, now);
    let lead =
      next.question.kind === 'measure' && value
        ? `Got it: ${displayAnswer(next.question, value, ctx.measure)}.`
        : 'Got it.';
    if (next.question.id === 'result' && value) {
      const predicted = await predictionOf(trx, ctx.cycle.id);
      if (predicted) lead = describePredictionGap(predicted, value as Measurement, ctx.measure.kind);
    }
    return {
      replies: [
        privately(
          message(`Question ${following.number} of ${following.of}`, {
            type: 'text',
            text: `${lead}\n${askText(updated)}`,
          }),
        ),
      ],
    };
  }
  const complete = completeAnswer(ctx.checkin.phase, draft);
  if (!complete.ok) {
    await saveDraft(trx, ctx.checkin.id, {}, now);
    return {
      replies: [
        privately(
          textMessage(
            `Some answers were missing (${complete.missing.join(', ')}), so let's go through them again.\n${askText({ ...ctx, checkin: { ...ctx.checkin, draft: {} } })}`,
          ),
        ),
      ],
    };
  }
  const result = await finishCheckin(hctx, updated, complete.answer);
  if (next.question.id === 'result') {
    const predicted = await predictionOf(trx, ctx.cycle.id);
    const resultValue = complete.answer.result as Measurement | undefined;
    if (predicted && resultValue) {
      result.replies.unshift(
        privately(textMessage(describePredictionGap(predicted, resultValue, ctx.measure.kind))),
      );
    }
  }
  return result;
}
