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
