import { measurementOf } from '../../core/checkin-questions.ts';
import { canAdvance, nextPhase, phaseRespondents } from '../../core/cycle-phases.ts';
import type { Phase } from '../../core/domain.ts';
import { planCyclePrompts } from '../../core/schedule/cycle-schedule.ts';
import type { BotSettings } from '../../core/settings.ts';
import type { CycleRow } from '../../db/schema.ts';
import { answeredMembers, closeOpenCheckins, openCheckin, storeAnswer } from '../../store/checkins.ts';
import { advanceCycle, closeCycleRow, participantsOf, recordCycleAnswer } from '../../store/cycles.ts';
import { cancelPendingOfOpenCheckins, cancelPendingPrompts } from '../../store/deliveries/cancel.ts';
import type { CheckinContext } from '../../store/views/checkin-context.ts';
import type { Trx } from '../context.ts';
import { memberCalendar } from './member-calendar.ts';

// How check-ins come and go: a phase opens with one check-in per
// respondent, due at its moment in the cycle's calendar; an answer is
// recorded (an edit keeps the earlier version); when a phase has all its
// answers the cycle moves on and the next phase opens.

export async function respondentsOf(trx: Trx, cycle: CycleRow, phase: Phase): Promise<number[]> {
  if (phaseRespondents(phase) === 'owner') return cycle.owner_member_id ? [cycle.owner_member_id] : [];
  const ids = await participantsOf(trx, cycle.id);
  if (cycle.owner_member_id && !ids.includes(cycle.owner_member_id)) ids.push(cycle.owner_member_id);
  return ids;
}

/** Creates the check-ins of a phase, each due at the member's local prompt time for that phase. */
export async function openPhase(
  trx: Trx,
  cycle: CycleRow,
  phase: Phase,
  now: Date,
  settings: BotSettings,
): Promise<Date[]> {
  const dueTimes: Date[] = [];
  for (const memberId of await respondentsOf(trx, cycle, phase)) {
    const calendar = await memberCalendar(trx, memberId, settings, cycle.site_id);
    // Act follows the Study answer at once: the owner is in the middle of it.
    const planned =
      phase === 'act'
        ? undefined
        : planCyclePrompts({ startsOn: cycle.starts_on, endsOn: cycle.ends_on }, calendar).find(
            (p) => p.phase === phase,
          )?.at;
    const due = planned && planned > now ? planned : now;
    await openCheckin(trx, { cycle_id: cycle.id, member_id: memberId, phase, due_at: due }, now);
    dueTimes.push(due);
  }
  return dueTimes;
}

export type RecordedAnswer = { edited: boolean; advancedTo?: Phase | 'closed' };

/** Stores a complete answer (or an edit of one) and moves the cycle on when its phase is complete. */
export async function recordAnswer(
  trx: Trx,
  ctx: CheckinContext,
  answer: Record<string, unknown>,
  now: Date,
  settings: BotSettings,
): Promise<RecordedAnswer> {
  const { checkin, cycle } = ctx;
  const edited = checkin.answer !== null;
  // An edit keeps the earlier version as a revision.
  await storeAnswer(trx, checkin, answer, measurementOf(checkin.phase, answer) ?? null, now);

  // Nothing more to remind anyone of.
  await cancelPendingPrompts(trx, checkin.id);

  if (checkin.phase === 'plan' && typeof answer.question === 'string') {
    await recordCycleAnswer(trx, cycle.id, { question: answer.question });
  }
  if (checkin.phase === 'act') {
    await recordCycleAnswer(trx, cycle.id, {
      decision: answer.decision as CycleRow['decision'],
      decided_at: now,
    });
  }
  if (edited || cycle.phase !== checkin.phase) return { edited };
  const advancedTo = await advanceIfComplete(trx, { ...cycle }, now, settings);
  return { edited, ...(advancedTo ? { advancedTo } : {}) };
}

/** Moves the cycle to its next phase when every required answer of the current one is in. */
export async function advanceIfComplete(
  trx: Trx,
  cycle: CycleRow,
  now: Date,
  settings: BotSettings,
): Promise<Phase | 'closed' | undefined> {
  if (cycle.phase === 'closed') return undefined;
  const phase = cycle.phase;
  const required = await respondentsOf(trx, cycle, phase);
  const answered = await answeredMembers(trx, cycle.id, phase);
  const check = canAdvance({ phase, required, answered });
  if (!check.ok) return undefined;
  const to = nextPhase(phase);
  await advanceCycle(trx, cycle.id, phase, to, now);
  if (to !== 'closed') await openPhase(trx, { ...cycle, phase: to }, to, now, settings);
  return to;
}

/** Closes a cycle: open check-ins close and nothing more is sent for it. */
export async function closeCycle(trx: Trx, cycle: CycleRow, now: Date): Promise<void> {
  await closeCycleRow(trx, cycle.id, now);
  await cancelPendingOfOpenCheckins(trx, cycle.id);
  await closeOpenCheckins(trx, { cycleId: cycle.id }, now);
}
