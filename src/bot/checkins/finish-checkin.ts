import { DateTime } from 'luxon';
import { displayAnswer, questionsFor } from '../../core/checkin-questions.ts';
import { canAnswer, nextPhase, offersNextCycle } from '../../core/cycle-phases.ts';
import type { Phase } from '../../core/domain.ts';
import { type Block, type Message, message } from '../../core/message-model.ts';
import { firstCheckinOfPhase, markPrompted } from '../../store/checkins.ts';
import { enqueueDelivery } from '../../store/deliveries/enqueue.ts';
import { sentPromptsOf } from '../../store/deliveries/reads.ts';
import { type CheckinContext, loadCheckinContext } from '../../store/views/checkin-context.ts';
import type { HandlerContext, Trx } from '../context.ts';
import type { HandlerResult } from '../outbound.ts';
import { privately } from '../outbound.ts';
import { UserError } from '../user-error.ts';
import { PHASE_TITLES } from './checkin-context.ts';
import { promptMessage } from './compose-prompt.ts';
import { afterDo, afterPlan, waitingForOthers } from './follow-up.ts';
import { recordAnswer } from './lifecycle.ts';

/** Refuses an answer whose phase is over (or not begun), saying why. */
export async function assertAnswerable(trx: Trx, ctx: CheckinContext): Promise<void> {
  const { cycle, checkin } = ctx;
  const following = cycle.phase === 'closed' ? undefined : nextPhase(checkin.phase);
  let nextHasAnswers = false;
  if (following && following !== 'closed') {
    const row = await firstCheckinOfPhase(trx, cycle.id, following, 'answered');
    nextHasAnswers = row !== undefined;
  }
  const check = canAnswer(cycle.phase, checkin.phase, nextHasAnswers);
  if (!check.ok)
    throw new UserError(
      `I can't change that answer: ${check.reason}. Type \`/pdsa cycle ${cycle.number}\` to see the record.`,
    );
}

/** A short record of an answer, for confirmations and the answered prompt. */
export function answerFields(ctx: CheckinContext, answer: Record<string, unknown>): Block {
  const fields = questionsFor(ctx.checkin.phase, ctx.measure)
    .map((q) => ({ label: q.label, value: displayAnswer(q, answer[q.id], ctx.measure) }))
    .filter((f): f is { label: string; value: string } => f.value !== undefined);
  return { type: 'fields', fields };
}

/**
 * Saves a complete answer and tells the person what happens next. The
 * prompt they answered is updated to show it was answered; when Study is
 * done, Act follows at once in the same conversation.
 */
export async function finishCheckin(
  hctx: HandlerContext,
  ctx: CheckinContext,
  answer: Record<string, unknown>,
): Promise<HandlerResult> {
  const { trx, now, settings } = hctx;
  await assertAnswerable(trx, ctx);
  const recorded = await recordAnswer(trx, ctx, answer, now, settings);
  await markPromptsAnswered(trx, ctx, answer, now);

  const phase = PHASE_TITLES[ctx.checkin.phase];
  const blocks: Block[] = [
    {
      type: 'text',
      text: recorded.edited
        ? `Your ${phase} answer for cycle #${ctx.cycle.number} is updated. The earlier version is kept in the cycle's history.`
        : `Thank you, your ${phase} answer for cycle #${ctx.cycle.number} is saved.`,
    },
    answerFields(ctx, answer),
  ];
  const replies = [privately(message(`${phase} answer saved for cycle #${ctx.cycle.number}`, ...blocks))];
  // An edit changes nothing of what comes next, so nothing more is said.
  const next = recorded.edited ? undefined : await whatHappensNext(hctx, ctx, recorded.advancedTo, answer);
  if (next) replies.push(privately(next));
  return { replies };
}

async function whatHappensNext(
  hctx: HandlerContext,
  ctx: CheckinContext,
  advancedTo: Phase | 'closed' | undefined,
  answer: Record<string, unknown>,
): Promise<Message | undefined> {
  const { trx, now } = hctx;
  const id = ctx.cycle.id;
  const number = ctx.cycle.number;
  if (advancedTo === undefined) return ctx.checkin.phase === 'do' ? waitingForOthers(hctx, ctx) : undefined;
  if (advancedTo === 'closed') {
    const decision = String(answer.decision ?? '');
    const blocks: Block[] = [
      {
        type: 'text',
        text: `Cycle #${number} is complete: you decided to **${decision}**. Your learning is now part of the network's record (\`/pdsa learnings\`).`,
      },
    ];
    if (offersNextCycle(decision as never)) {
      blocks.push({
        type: 'text',
        text: `Ready for the next test in this ramp? It starts from this cycle's site, idea, measure and people. Or type \`/pdsa start next ${number}\`.`,
      });
      blocks.push({
        type: 'buttons',
        buttons: [
          { actionId: 'cycle.ramp', label: 'Start the next cycle', value: String(id), style: 'primary' },
        ],
      });
    }
    return message(`Cycle #${number} complete`, ...blocks);
  }
  if (advancedTo === 'act') {
    // The owner is here now: ask Act straight away, in this reply. The
    // check-in counts as asked, so the planner queues no prompt for it.
    const act = await firstCheckinOfPhase(trx, id, 'act', 'open');
    const actCtx = act ? await loadCheckinContext(trx, act.id) : undefined;
    if (!actCtx) return undefined;
    await markPrompted(trx, actCtx.checkin.id, now);
    return promptMessage(trx, actCtx, 0);
  }
  return advancedTo === 'do' ? afterPlan(hctx, ctx) : afterDo(hctx, ctx);
}

/** Updates the prompt messages that asked for this check-in so they show it was answered. */
async function markPromptsAnswered(
  trx: Trx,
  ctx: CheckinContext,
  answer: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const sent = await sentPromptsOf(trx, ctx.checkin.id);
  const phase = PHASE_TITLES[ctx.checkin.phase];
  const answered = message(
    `${phase} check-in for cycle #${ctx.cycle.number}: answered`,
    { type: 'heading', text: `${phase} check-in · cycle #${ctx.cycle.number}` },
    {
      type: 'text',
      text: `✅ Answered ${DateTime.fromJSDate(now).toUTC().toFormat('d LLL')}. Type \`/pdsa answer ${ctx.cycle.number} ${ctx.checkin.phase}\` to change it while the phase is open.`,
    },
    answerFields(ctx, answer),
  );
  for (const d of sent) {
    await enqueueDelivery(trx, {
      kind: 'update',
      dedupe_key: `answered:${d.id}:${ctx.checkin.version + 1}`,
      platform: d.platform,
      address: d.address,
      person_id: d.person_id,
      payload: { type: 'update', ref: d.message_ref, message: answered },
      due_at: now,
    });
  }
}
