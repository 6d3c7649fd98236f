import type { Trx } from '../../db/trx.ts';
import type { MessageRef } from '../../platform/platform-port.ts';

// What becomes of a claimed row after a try. Each write holds only while
// the process still owns the row (`lease_owner`), so a process whose lease
// ran out and was taken over cannot overwrite its successor's outcome.

/**
 * Records a send. Not conditional on the status: a row cancelled while its
 * message was already on the wire was, in fact, sent. Returns false when the
 * row was no longer ours.
 */
export async function settleSent(
  trx: Trx,
  id: number,
  owner: string,
  sentAt: Date,
  ref: MessageRef,
): Promise<boolean> {
  const done = await trx
    .updateTable('deliveries')
    .set({ status: 'sent', sent_at: sentAt, message_ref: ref, lease_owner: null, lease_expires_at: null })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .returning('id')
    .executeTakeFirst();
  return done !== undefined;
}

/** Puts a row back to be tried again at `dueAt` (the attempt stays counted). */
export async function settleRetry(
  trx: Trx,
  id: number,
  owner: string,
  dueAt: Date,
  lastError: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('deliveries')
    .set({ due_at: dueAt, last_error: lastError, lease_owner: null, lease_expires_at: null })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Gives up on a pending row. Returns false when the row was no longer ours. */
export async function settleFailed(trx: Trx, id: number, owner: string, lastError: string): Promise<boolean> {
  const done = await trx
    .updateTable('deliveries')
    .set({ status: 'failed', last_error: lastError, lease_owner: null, lease_expires_at: null })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  return done !== undefined;
}
