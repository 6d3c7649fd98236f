import type { Address } from '../../core/address.ts';
import type { Platform } from '../../core/domain.ts';
import type { Trx } from '../../db/trx.ts';
import type { DeliveryPayload } from './payload.ts';

// The one way into the outbox (`deliveries`). Rows are written by whoever
// has something to say, in their own transaction, and sent by the
// dispatcher once that transaction commits.

/** One row to queue; the column names of `deliveries`. */
export type OutboxEntry = {
  kind: string;
  dedupe_key: string;
  platform: Platform;
  address: Address;
  person_id?: number | null;
  network_id?: number | null;
  checkin_id?: number | null;
  payload: DeliveryPayload;
  due_at: Date;
};

/**
 * Queues a delivery in the caller's transaction. Nothing happens when a row
 * with the same dedupe key exists already, whatever its status: a key names
 * one message, sent at most once. Returns the new row's id, or undefined
 * when the key was taken.
 */
export async function enqueue(trx: Trx, entry: OutboxEntry): Promise<number | undefined> {
  const inserted = await trx
    .insertInto('deliveries')
    .values({
      kind: entry.kind,
      dedupe_key: entry.dedupe_key,
      platform: entry.platform,
      address: entry.address,
      person_id: entry.person_id ?? null,
      network_id: entry.network_id ?? null,
      checkin_id: entry.checkin_id ?? null,
      payload: entry.payload,
      due_at: entry.due_at,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

/** `enqueue`, answering only whether a row was inserted. */
export async function enqueueDelivery(trx: Trx, entry: OutboxEntry): Promise<boolean> {
  return (await enqueue(trx, entry)) !== undefined;
}
