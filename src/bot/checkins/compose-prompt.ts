import { DateTime } from 'luxon';
import { displayAnswer, formInputs, questionsFor } from '../../core/checkin-questions.ts';
import { type Block, type Form, type Message, message } from '../../core/message-model.ts';
import { describePredictionGap } from '../../core/prediction-gap.ts';
import { firstCheckinOfPhase, predictionOf } from '../../store/checkins.ts';
import { type CheckinContext, loadCheckinContext } from '../../store/views/checkin-context.ts';
import type { Trx } from '../context.ts';
import { PHASE_TITLES } from './checkin-context.ts';

export const CHECKIN_FORM = 'checkin';

const INTRO: Record<string, string> = {
  plan: 'Time to plan your test. Predict the result **before** you start: a wrong prediction is how we learn.',
  do: "How is the test going? A quick note while it's fresh.",
  study: 'The test is over. Compare the result with your prediction.',
  act: 'Decide what to do with this change idea.',
};

export function formatDates(startsOn: string, endsOn: string): string {
  const f = (d: string) => DateTime.fromISO(d).toFormat('ccc d LLL');
  return `${f(startsOn)} – ${f(endsOn)}`;
}

/** The check-in's form: every question, prefilled with what was answered so far. */
export function checkinForm(ctx: CheckinContext): Form {
  const questions = questionsFor(ctx.checkin.phase, ctx.measure);
  const current = { ...(ctx.checkin.answer ?? {}), ...(ctx.checkin.draft ?? {}) };
  if (ctx.checkin.phase === 'plan') {
    if (!current.question && ctx.cycle.question) current.question = ctx.cycle.question;
    if (!current.change) current.change = ctx.ideaText;
  }
  return {
    formId: `${CHECKIN_FORM}:${ctx.checkin.id}`,
    title: `${PHASE_TITLES[ctx.checkin.phase]} · cycle #${ctx.cycle.number}`,
    submitLabel: ctx.checkin.answer ? 'Save changes' : 'Submit',
    inputs: formInputs(questions, current, ctx.measure),
  };
}

/** The question a plain-reply conversation asks next, or undefined when all are answered. */
export function nextQuestion(ctx: CheckinContext) {
  const draft = ctx.checkin.draft ?? {};
  const questions = questionsFor(ctx.checkin.phase, ctx.measure);
  const index = questions.findIndex((q) => !(q.id in draft));
  return index < 0 ? undefined : { question: questions[index]!, number: index + 1, of: questions.length };
}

/** "Plan check-in for cycle #3": which check-in, as people know it. */
export function checkinName(ctx: CheckinContext): string {
  return `${PHASE_TITLES[ctx.checkin.phase]} check-in for cycle #${ctx.cycle.number}`;
}

/**
 * The next question of a plain-reply conversation, with its hints. With
 * `naming`, it says which check-in it belongs to, for replies that come
 * after something else (a refusal, another command).
 */
export function askText(ctx: CheckinContext, opts: { naming?: boolean } = {}): string {
  const next = nextQuestion(ctx);
  if (!next) return '';
  const { question, number, of } = next;
  const which = opts.naming
    ? `${checkinName(ctx)}, question ${number} of ${of}`
    : `Question ${number} of ${of}`;
  const previous = ctx.checkin.answer
    ? displayAnswer(question, ctx.checkin.answer[question.id], ctx.measure)
    : undefined;
  const extras = [
    question.hint,
    question.choices ? `Reply ${question.choices.map((c) => `\`${c.value}\``).join(', ')}` : undefined,
    question.required ? undefined : 'or `skip`',
    previous ? `now: "${previous}", reply \`same\` to keep it` : undefined,
  ].filter(Boolean);
  return `**${which}:** ${question.label}${extras.length ? `\n_${extras.join('; ')}_` : ''}`;
}

/** The direct message that asks a member for a check-in (first prompt or a reminder). */
export async function composeCheckinPrompt(
  trx: Trx,
  checkinId: number,
  opts: { reminder: number },
): Promise<Message> {
  const ctx = await loadCheckinContext(trx, checkinId);
  if (!ctx) throw new Error(`check-in ${checkinId} does not exist`);
  return promptMessage(trx, ctx, opts.reminder);
}

export async function promptMessage(trx: Trx, ctx: CheckinContext, reminder: number): Promise<Message> {
  const { checkin, cycle } = ctx;
  const phase = PHASE_TITLES[checkin.phase];
  const blocks: Block[] = [
    {
      type: 'heading',
      text: `${reminder > 0 ? 'Reminder: ' : ''}${phase} check-in · cycle #${cycle.number}`,
    },
    { type: 'text', text: INTRO[checkin.phase]! },
    {
      type: 'fields',
      fields: [
        { label: 'Change idea', value: ctx.ideaText },
        { label: 'Site', value: ctx.siteName },
        { label: 'Measure', value: `${ctx.measure.name} (${ctx.measure.better} is better)` },
        { label: 'Dates', value: formatDates(cycle.starts_on, cycle.ends_on) },
      ],
    },
  ];
  if (checkin.phase === 'study' || checkin.phase === 'act') {
    const predicted = await predictionOf(trx, cycle.id);
    if (predicted) {
      blocks.push({
        type: 'text',
        text: `Your prediction: **${displayAnswer({ id: 'prediction', kind: 'measure', label: '', required: true }, predicted, ctx.measure)}**`,
      });
    }
    if (checkin.phase === 'act') {
      const study = await firstCheckinOfPhase(trx, cycle.id, 'study', 'answered');
      const result = study?.answer?.result as never;
      if (predicted && result)
        blocks.push({ type: 'text', text: describePredictionGap(predicted, result, ctx.measure.kind) });
    }
  }
  blocks.push({ type: 'form', form: checkinForm(ctx) });
  blocks.push({ type: 'text', text: `Or simply reply here, one answer at a time.\n${askText(ctx)}` });
  blocks.push({
    type: 'context',
    text: `${ctx.networkName} · type \`/pdsa cycle ${cycle.number}\` for the whole record`,
  });
  return message(
    `${reminder > 0 ? 'Reminder: ' : ''}${phase} check-in for cycle #${cycle.number} (${ctx.ideaText})`,
    ...blocks,
  );
}
