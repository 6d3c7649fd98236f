import type { Address } from '../core/address.ts';
import type { Platform } from '../core/domain.ts';
import type { Trx } from '../db/trx.ts';
import { enqueue } from '../store/deliveries/enqueue.ts';
import { insertDigest, linkDigestDelivery } from '../store/digests.ts';
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
  const digestId = await insertDigest(trx, { ...channel, week, content: digestContent(built), now });
  if (digestId === undefined) return false;

  const key = digestKey(channel.networkId, week);
  const outbox = {
    kind: 'digest',
    platform: channel.platform,
    address: channel.address,
    network_id: channel.networkId,
    due_at: now,
  };
  const main = await enqueue(trx, {
    ...outbox,
    dedupe_key: key,
    payload: { type: 'message', message: built.composed.main },
  });
  // The details go in the main message's thread, so the channel stays quiet.
  await enqueue(trx, {
    ...outbox,
    dedupe_key: `${key}:details`,
    payload: { type: 'message', message: built.composed.details, threadOf: key },
  });
  if (main !== undefined) await linkDigestDelivery(trx, digestId, main);
  return true;
}
