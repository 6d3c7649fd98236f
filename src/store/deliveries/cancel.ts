import type { Platform } from '../../core/domain.ts';
import type { Trx } from '../../db/trx.ts';

// Rows that no longer need sending. Only pending rows are cancelled: what
// was sent stays as the record of what the bot said.

const PROMPT_KINDS = ['prompt', 'reminder'] as const;

/** The pending prompt and reminders of one check-in (it was answered). */
export async function cancelPendingPrompts(trx: Trx, checkinId: number): Promise<void> {
  await trx
    .updateTable('deliveries')
    .set({ status: 'cancelled' })
    .where('checkin_id', '=', checkinId)
    .where('status', '=', 'pending')
    .where('kind', 'in', PROMPT_KINDS)
    .execute();
}

/** Everything pending about the open check-ins of a cycle (it is being closed). */
export async function cancelPendingOfOpenCheckins(trx: Trx, cycleId: number): Promise<void> {
  await trx
    .updateTable('deliveries')
    .set({ status: 'cancelled' })
    .where('status', '=', 'pending')
    .where('checkin_id', 'in', (eb) =>
      eb.selectFrom('checkins').select('id').where('cycle_id', '=', cycleId).where('status', '=', 'open'),
    )
    .execute();
}

/** Pending prompts and reminders of check-ins that are no longer open (answered or closed). */
export async function cancelPromptsOfClosedCheckins(trx: Trx): Promise<number> {
  const result = await trx
    .updateTable('deliveries')
    .set({ status: 'cancelled' })
    .where('status', '=', 'pending')
    .where('kind', 'in', PROMPT_KINDS)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('checkins')
          .select('checkins.id')
          .whereRef('checkins.id', '=', 'deliveries.checkin_id')
          .where('checkins.status', '<>', 'open'),
      ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * A person asked to be forgotten: nothing more is sent to them, and what was
 * sent keeps neither their address nor the message's words.
 */
export async function forgetDeliveriesOf(
  trx: Trx,
  person: { id: number; platform: Platform },
): Promise<void> {
  await trx
    .deleteFrom('deliveries')
    .where('person_id', '=', person.id)
    .where('status', '=', 'pending')
    .execute();
  await trx
    .updateTable('deliveries')
    .set({ address: { platform: person.platform }, payload: { type: 'forgotten' } })
    .where('person_id', '=', person.id)
    .execute();
}
