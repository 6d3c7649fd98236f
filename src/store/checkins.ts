import { type Insertable, sql } from 'kysely';
import type { Measurement, Phase } from '../core/domain.ts';
import type { CheckinRow, CheckinsTable } from '../db/schema.ts';
import type { Trx } from '../db/trx.ts';

// The owner of the `checkins` table: what each member owes a cycle in each
// phase, its draft and answer, and when they were asked.

/**
 * Records that a check-in was asked: by a direct message the dispatcher
 * sent, a nudge a facilitator queued, or a form shown in the conversation.
 * The first time is kept; reminders count from it.
 */
export async function markPrompted(trx: Trx, checkinId: number, at: Date): Promise<void> {
  await trx
    .updateTable('checkins')
    .set((eb) => ({ prompted_at: eb.fn.coalesce('prompted_at', eb.val(at)) }))
    .where('id', '=', checkinId)
    .execute();
}

/** Opens a member's check-in of a phase; nothing happens when it exists already. */
export async function openCheckin(
  trx: Trx,
  checkin: { cycle_id: number; member_id: number; phase: Phase; due_at: Date },
  now: Date,
): Promise<void> {
  await trx
    .insertInto('checkins')
    .values({ ...checkin, updated_at: now })
    .onConflict((oc) => oc.columns(['cycle_id', 'member_id', 'phase']).doNothing())
    .execute();
}

/**
 * The person is answering this check-in now: it counts as asked (the form
 * is the question), and its draft is `draft`.
 */
export async function beginAnswer(
  trx: Trx,
  checkinId: number,
  draft: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('checkins')
    .set((eb) => ({ prompted_at: eb.fn.coalesce('prompted_at', eb.val(now)), updated_at: now, draft }))
    .where('id', '=', checkinId)
    .execute();
}

/** Keeps the answers given so far, one question at a time. */
export async function saveDraft(
  trx: Trx,
  checkinId: number,
  draft: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await trx.updateTable('checkins').set({ draft, updated_at: now }).where('id', '=', checkinId).execute();
}

/**
 * Stores a complete answer with its figure. An answer given before is kept
 * as a revision (`checkin_revisions`) first, so no version is lost.
 */
export async function storeAnswer(
  trx: Trx,
  checkin: Pick<CheckinRow, 'id' | 'version' | 'answer' | 'answered_at'>,
  answer: Record<string, unknown>,
  figure: { value: number; numerator?: number | undefined; denominator?: number | undefined } | null,
  now: Date,
): Promise<void> {
  if (checkin.answer !== null) {
    await trx
      .insertInto('checkin_revisions')
      .values({
        checkin_id: checkin.id,
        version: checkin.version,
        answer: checkin.answer,
        recorded_at: checkin.answered_at ?? now,
      })
      .onConflict((oc) => oc.columns(['checkin_id', 'version']).doNothing())
      .execute();
  }
  await trx
    .updateTable('checkins')
    .set({
      answer,
      draft: null,
      status: 'answered',
      value: figure?.value ?? null,
      numerator: figure?.numerator ?? null,
      denominator: figure?.denominator ?? null,
      version: checkin.version + 1,
      answered_at: now,
      updated_at: now,
    })
    .where('id', '=', checkin.id)
    .execute();
}

/** Closes the open check-ins of a cycle, or of a member: nobody is asked for them any more. */
export async function closeOpenCheckins(
  trx: Trx,
  of: { cycleId: number } | { memberId: number },
  now: Date,
): Promise<void> {
  let update = trx
    .updateTable('checkins')
    .set({ status: 'closed', draft: null, updated_at: now })
    .where('status', '=', 'open');
  update =
    'cycleId' in of ? update.where('cycle_id', '=', of.cycleId) : update.where('member_id', '=', of.memberId);
  await update.execute();
}

/** The members who answered a cycle's phase. */
export async function answeredMembers(trx: Trx, cycleId: number, phase: Phase): Promise<number[]> {
  const rows = await trx
    .selectFrom('checkins')
    .select('member_id')
    .where('cycle_id', '=', cycleId)
    .where('phase', '=', phase)
    .where('status', '=', 'answered')
    .execute();
  return rows.map((r) => r.member_id);
}

/** The owner's prediction for a cycle, from its Plan check-in. */
export async function predictionOf(trx: Trx, cycleId: number): Promise<Measurement | undefined> {
  const plan = await trx
    .selectFrom('checkins')
    .select(['value', 'numerator', 'denominator', 'answer'])
    .where('cycle_id', '=', cycleId)
    .where('phase', '=', 'plan' satisfies Phase)
    .where('status', '=', 'answered')
    .executeTakeFirst();
  if (!plan || plan.value === null) return undefined;
  const approximate = (plan.answer?.prediction as { approximate?: boolean } | undefined)?.approximate;
  return {
    value: plan.value,
    ...(plan.numerator !== null && plan.denominator !== null
      ? { numerator: plan.numerator, denominator: plan.denominator }
      : {}),
    ...(approximate ? { approximate } : {}),
  };
}

/**
 * The first check-in of a cycle's phase (by due time), only among those
 * with `status` when given.
 */
export function firstCheckinOfPhase(
  trx: Trx,
  cycleId: number,
  phase: Phase,
  status?: CheckinRow['status'],
): Promise<Pick<CheckinRow, 'id' | 'answer' | 'due_at' | 'member_id'> | undefined> {
  let query = trx
    .selectFrom('checkins')
    .select(['id', 'answer', 'due_at', 'member_id'])
    .where('cycle_id', '=', cycleId)
    .where('phase', '=', phase);
  if (status) query = query.where('status', '=', status);
  return query.orderBy('due_at').orderBy('id').executeTakeFirst();
}

/**
 * The check-in a member is answering by plain replies: the one asked (or
 * opened for an edit) most recently that is still open or has a draft.
 */
export async function checkinBeingAnswered(trx: Trx, memberId: number): Promise<number | undefined> {
  const row = await trx
    .selectFrom('checkins')
    .select('id')
    .where('member_id', '=', memberId)
    .where('prompted_at', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'open'),
        eb.and([eb('status', '=', 'answered'), eb('draft', 'is not', null)]),
      ]),
    )
    .orderBy(sql`greatest(prompted_at, updated_at)`, 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** A member's check-ins in a cycle that are not closed (of one phase, when given), newest first. */
export function openOrAnsweredCheckinsOf(trx: Trx, cycleId: number, memberId: number, phase?: Phase) {
  let query = trx
    .selectFrom('checkins')
    .select(['id', 'phase', 'status'])
    .where('cycle_id', '=', cycleId)
    .where('member_id', '=', memberId)
    .where('status', '!=', 'closed');
  if (phase) query = query.where('phase', '=', phase);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

/** How many check-ins a member has had, in any state. */
export async function checkinCountOf(trx: Trx, memberId: number): Promise<number> {
  const row = await trx
    .selectFrom('checkins')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('member_id', '=', memberId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Writes check-ins as they were recorded elsewhere, answers and times
 * included: the demo network's history. Nothing of the conversation runs.
 */
export async function insertRecordedCheckins(trx: Trx, rows: Insertable<CheckinsTable>[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('checkins').values(rows).execute();
}
