import type { Kysely } from 'kysely';
import type { Database, DeliveryRow } from '../db/schema.ts';
import type { MessageRef } from '../platform/platform-port.ts';
import { markUnreachable } from '../store/reachability.ts';

// What becomes of a claimed row after a try. Each write holds only while
// this process still owns the row (`lease_owner`), so a process whose lease
// ran out and was taken over cannot overwrite its successor's outcome.

/** Kinds whose sending means a check-in has been asked. */
const PROMPT_KINDS = new Set(['prompt', 'reminder']);

/**
 * Records a send. Not conditional on the status: a row cancelled while its
 * message was already on the wire was, in fact, sent. Returns false when the
 * row was no longer ours.
 */
export async function markSent(
  db: Kysely<Database>,
  row: DeliveryRow,
  owner: string,
  sentAt: Date,
  ref: MessageRef,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('deliveries')
      .set({ status: 'sent', sent_at: sentAt, message_ref: ref, lease_owner: null, lease_expires_at: null })
      .where('id', '=', row.id)
      .where('lease_owner', '=', owner)
      .returning('id')
      .executeTakeFirst();
    if (done && row.checkin_id !== null && PROMPT_KINDS.has(row.kind)) {
      // The first prompt's time is when reminders count from.
      await trx
        .updateTable('checkins')
        .set((eb) => ({ prompted_at: eb.fn.coalesce('prompted_at', eb.val(sentAt)) }))
        .where('id', '=', row.checkin_id)
        .execute();
    }
    return done !== undefined;
  });
}

/** Puts a row back to be tried again at `dueAt` (the attempt stays counted). */
export async function retryLater(
  db: Kysely<Database>,
  row: DeliveryRow,
  owner: string,
  dueAt: Date,
  lastError: string,
): Promise<boolean> {
  const result = await db
    .updateTable('deliveries')
    .set({ due_at: dueAt, last_error: lastError, lease_owner: null, lease_expires_at: null })
    .where('id', '=', row.id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Gives up on a row. With `unreachable`, the platform said the person can no
 * longer be reached (left the workspace, removed the app): they are marked
 * so that facilitators see it in status and no more prompts are planned.
 */
export async function markFailed(
  db: Kysely<Database>,
  row: DeliveryRow,
  owner: string,
  at: Date,
  lastError: string,
  opts: { unreachable: boolean },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('deliveries')
      .set({ status: 'failed', last_error: lastError, lease_owner: null, lease_expires_at: null })
      .where('id', '=', row.id)
      .where('lease_owner', '=', owner)
      .where('status', '=', 'pending')
      .returning('id')
      .executeTakeFirst();
    if (done && opts.unreachable && row.person_id !== null) {
      await markUnreachable(trx, { personId: row.person_id }, lastError, at);
    }
    return done !== undefined;
  });
}
