import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Address } from '../core/address.ts';
import type { Platform } from '../core/domain.ts';
import type { Message } from '../core/message-model.ts';
import type { Database } from '../db/schema.ts';
import type { MessageRef } from '../platform/platform-port.ts';
import { messageSchema } from './message-schema.ts';

// What a row of the outbox (`deliveries`) asks the dispatcher to do. Rows are
// written by whoever has something to say, in their own transaction, and
// read back by any process; so the shape is checked on the way out.

export const messageRefSchema: z.ZodType<MessageRef> = z.record(z.string(), z.unknown());

export const deliveryPayloadSchema: z.ZodType<DeliveryPayload> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('message'),
    message: messageSchema,
    /** The dedupe_key of an earlier delivery: send as a reply in its thread (after it is sent). */
    threadOf: z.string().min(1).optional(),
  }),
  z.object({ type: z.literal('update'), ref: messageRefSchema, message: messageSchema }),
]);

export type DeliveryPayload =
  | { type: 'message'; message: Message; threadOf?: string }
  | { type: 'update'; ref: MessageRef; message: Message };

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
 * one message, sent at most once. Returns whether a row was inserted.
 */
export async function enqueueDelivery(trx: Kysely<Database>, entry: OutboxEntry): Promise<boolean> {
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
  return inserted !== undefined;
}
