import type { Platform } from '../core/domain.ts';
import type { Trx } from '../db/trx.ts';

// The owner of the `inbound_events` table: ids of the events already
// handled, so that a platform's retry changes nothing.

/**
 * Records an event id inside the event's own transaction. Returns false when
 * the id was seen before: a platform retry that must change nothing. If the
 * handling fails the record rolls back with it, so the retry is processed.
 */
export async function claimEvent(trx: Trx, platform: Platform, eventId: string, now: Date): Promise<boolean> {
  const inserted = await trx
    .insertInto('inbound_events')
    .values({ platform, event_id: eventId, received_at: now })
    .onConflict((oc) => oc.columns(['platform', 'event_id']).doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Forgets event ids older than `keepHours` (at least a day, the longest a platform retries). */
export async function pruneEvents(trx: Trx, now: Date, keepHours = 48): Promise<number> {
  const cutoff = new Date(now.getTime() - Math.max(24, keepHours) * 3_600_000);
  const result = await trx.deleteFrom('inbound_events').where('received_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
