import type { Address } from '../core/address.ts';
import type { Platform } from '../core/domain.ts';
import type { Trx } from '../db/trx.ts';

// The owner of the `digests` table: one row per network and week, written
// when the week's digest is posted.

/**
 * Records the week's digest. Undefined when it was recorded already (the
 * row is unique per network and week): whoever inserts it first posts.
 */
export async function insertDigest(
  trx: Trx,
  digest: {
    networkId: number;
    week: string;
    platform: Platform;
    address: Address;
    content: unknown;
    now: Date;
  },
): Promise<number | undefined> {
  const row = await trx
    .insertInto('digests')
    .values({
      network_id: digest.networkId,
      iso_week: digest.week,
      platform: digest.platform,
      address: digest.address,
      content: digest.content,
      created_at: digest.now,
    })
    .onConflict((oc) => oc.columns(['network_id', 'iso_week']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Links a digest to the outbox row of its main message. */
export async function linkDigestDelivery(trx: Trx, digestId: number, deliveryId: number): Promise<void> {
  await trx.updateTable('digests').set({ delivery_id: deliveryId }).where('id', '=', digestId).execute();
}

/** When the week's digest was posted, if it was. */
export async function digestPostedAt(trx: Trx, networkId: number, week: string): Promise<Date | null> {
  const row = await trx
    .selectFrom('digests')
    .select('created_at')
    .where('network_id', '=', networkId)
    .where('iso_week', '=', week)
    .executeTakeFirst();
  return row ? new Date(row.created_at) : null;
}
