import type { Kysely } from 'kysely';
import type { Database, DeliveryRow } from '../db/schema.ts';
import type { MessageRef } from '../platform/platform-port.ts';
import { markPrompted } from '../store/checkins.ts';
import { settleFailed, settleRetry, settleSent } from '../store/deliveries/settle.ts';
import { markUnreachable } from '../store/people.ts';

// What becomes of a claimed row after a try, with what follows from it for
// the check-in and the person, in one transaction. Each outbox write holds
// only while this process still owns the row.

/** Kinds whose sending means a check-in has been asked. */
const PROMPT_KINDS = new Set(['prompt', 'reminder']);

/** Records a send; a prompt's check-in counts as asked. False when the row was no longer ours. */
export async function markSent(
  db: Kysely<Database>,
  row: DeliveryRow,
  owner: string,
  sentAt: Date,
  ref: MessageRef,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const done = await settleSent(trx, row.id, owner, sentAt, ref);
    if (done && row.checkin_id !== null && PROMPT_KINDS.has(row.kind)) {
      await markPrompted(trx, row.checkin_id, sentAt);
    }
    return done;
  });
}

/** Puts a row back to be tried again at `dueAt` (the attempt stays counted). */
export function retryLater(
  db: Kysely<Database>,
  row: DeliveryRow,
  owner: string,
  dueAt: Date,
  lastError: string,
): Promise<boolean> {
  return settleRetry(db, row.id, owner, dueAt, lastError);
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
    const done = await settleFailed(trx, row.id, owner, lastError);
    if (done && opts.unreachable && row.person_id !== null) {
      await markUnreachable(trx, { personId: row.person_id }, lastError, at);
    }
    return done;
  });
}
