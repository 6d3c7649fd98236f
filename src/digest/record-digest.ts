import type { Address } from '../core/address.ts';
import type { Platform } from '../core/domain.ts';
import type { Trx } from '../db/trx.ts';
import { type BuiltDigest, digestContent } from './build-digest.ts';

// Posting a digest is writing it down: the `digests` row (unique per network
// and week) and, in the same transaction, the two outbox rows the dispatcher
// sends. Whoever inserts the `digests` row first posts; any other process,
// retry or command that races it inserts nothing, so a week's digest goes
// out exactly once.

export type DigestChannel = { networkId: number; platform: Platform; address: Address };

export const digestKey = (networkId: number, week: string) => `digest:${networkId}:${week}`;

/** Must run inside a transaction. Returns false when the week's digest was already recorded. */
export async function recordDigest(
  trx: Trx,
  channel: DigestChannel,
  built: BuiltDigest,
  now: Date,
): Promise<boolean> {
  const week = built.data.week;
  const digest = await trx
    .insertInto('digests')
    .values({
      network_id: channel.networkId,
      iso_week: week,
      platform: channel.platform,
      address: channel.address,
      content: digestContent(built),
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['network_id', 'iso_week']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!digest) return false;

  const key = digestKey(channel.networkId, week);
  const outbox = {
    kind: 'digest',
    platform: channel.platform,
    address: channel.address,
    network_id: channel.networkId,
    due_at: now,
  };
  const main = await trx
    .insertInto('deliveries')
    .values({ ...outbox, dedupe_key: key, payload: { type: 'message', message: built.composed.main } })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  // The details go in the main message's thread, so the channel stays quiet.
  await trx
    .insertInto('deliveries')
    .values({
      ...outbox,
      dedupe_key: `${key}:details`,
      payload: { type: 'message', message: built.composed.details, threadOf: key },
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
  if (main)
    await trx.updateTable('digests').set({ delivery_id: main.id }).where('id', '=', digest.id).execute();
  return true;
}

/** When the week's digest was posted, if it was. */
export async function postedAt(trx: Trx, networkId: number, week: string): Promise<Date | null> {
  const row = await trx
    .selectFrom('digests')
    .select('created_at')
    .where('network_id', '=', networkId)
    .where('iso_week', '=', week)
    .executeTakeFirst();
  return row ? new Date(row.created_at) : null;
}
