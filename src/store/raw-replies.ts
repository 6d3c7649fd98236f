import type { Insertable } from 'kysely';
import type { RawRepliesTable } from '../db/schema.ts';
import type { Trx } from '../db/trx.ts';

// The owner of the `raw_replies` table: what people typed or submitted,
// word for word, kept for a while so that a misread answer can be checked.

export async function recordRawReply(trx: Trx, reply: Insertable<RawRepliesTable>): Promise<void> {
  await trx.insertInto('raw_replies').values(reply).execute();
}

/** A person's raw replies in the order they came, for their data export. */
export function rawRepliesOf(trx: Trx, personId: number) {
  return trx
    .selectFrom('raw_replies')
    .select(['received_at', 'checkin_id', 'text', 'understood'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute();
}

export async function deleteRawRepliesOf(trx: Trx, personId: number): Promise<void> {
  await trx.deleteFrom('raw_replies').where('person_id', '=', personId).execute();
}

/** Blanks the text of replies received before `cutoff`; the rows stay. Returns how many. */
export async function blankRawRepliesBefore(trx: Trx, cutoff: Date): Promise<number> {
  const result = await trx
    .updateTable('raw_replies')
    .set({ text: null })
    .where('received_at', '<', cutoff)
    .where('text', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
