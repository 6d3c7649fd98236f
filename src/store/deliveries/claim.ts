import { type Kysely, sql } from 'kysely';
import type { Platform } from '../../core/domain.ts';
import type { Database, DeliveryRow } from '../../db/schema.ts';

// Leases on outbox rows. A process owns a row while `lease_owner` is its id
// and `lease_expires_at` lies ahead; a process that dies simply stops
// renewing, and once the lease has run out any other process may claim the
// row. Every write after a claim is conditional on still owning the row, so a
// process that was merely slow never overwrites what a successor did.

export type Claim = { owner: string; now: Date; leaseMs: number };

/**
 * Takes up to `limit` due, unleased rows of the given platforms, oldest
 * first, and counts the attempt. One UPDATE statement, so one short
 * transaction: SKIP LOCKED lets concurrent claimers take disjoint rows
 * instead of queueing behind each other.
 */
export async function claimDue(
  db: Kysely<Database>,
  claim: Claim & { limit: number; platforms: readonly Platform[] },
): Promise<DeliveryRow[]> {
  if (claim.limit <= 0 || claim.platforms.length === 0) return [];
  const { now } = claim;
  const rows = await db
    .updateTable('deliveries')
    .set((eb) => ({
      lease_owner: claim.owner,
      lease_expires_at: leaseEnd(claim),
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('due_at', '<=', now)
        .where((w) => w.or([w('lease_expires_at', 'is', null), w('lease_expires_at', '<', now)]))
        .where('platform', 'in', claim.platforms)
        .orderBy('due_at')
        .orderBy('id')
        .limit(claim.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
  // RETURNING does not keep the subquery's order.
  return rows.sort((a, b) => time(a.due_at) - time(b.due_at) || a.id - b.id);
}

/**
 * Right before a send: renews the lease and confirms the row is still ours
 * and still pending (not cancelled because the answer came in, not taken
 * over after our lease ran out). Renewing here means the lease cannot run
 * out during the send itself.
 */
export async function confirmClaim(db: Kysely<Database>, id: number, claim: Claim): Promise<boolean> {
  const row = await db
    .updateTable('deliveries')
    .set({ lease_expires_at: leaseEnd(claim) })
    .where('id', '=', id)
    .where('lease_owner', '=', claim.owner)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Extends the leases of rows waiting in hand; returns the ids that are still ours. */
export async function renewClaims(
  db: Kysely<Database>,
  ids: readonly number[],
  claim: Claim,
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .updateTable('deliveries')
    .set({ lease_expires_at: leaseEnd(claim) })
    .where('id', 'in', ids)
    .where('lease_owner', '=', claim.owner)
    .where('status', '=', 'pending')
    .returning('id')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Gives rows back untried (shutting down, no adapter here): the lease is
 * cleared so another process can take them at once, and the attempt the
 * claim counted is taken back because nothing was sent.
 */
export async function releaseClaims(
  db: Kysely<Database>,
  ids: readonly number[],
  owner: string,
  opts: { lastError?: string; dueAt?: Date } = {},
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('deliveries')
    .set((eb) => ({
      lease_owner: null,
      lease_expires_at: null,
      attempts: sql<number>`greatest(${eb.ref('attempts')} - 1, 0)`,
      ...(opts.lastError !== undefined ? { last_error: opts.lastError } : {}),
      ...(opts.dueAt ? { due_at: opts.dueAt } : {}),
    }))
    .where('id', 'in', ids)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

function leaseEnd(claim: Claim): Date {
  return new Date(claim.now.getTime() + claim.leaseMs);
}

function time(value: Date | string): number {
  return new Date(value).getTime();
}

/**
 * Notes on the due, unleased rows of a platform why they wait (no process
 * here can send them). Rows that say so already are left alone, so that
 * processes without the adapter do not take turns rewriting them.
 */
export async function noteWaiting(
  db: Kysely<Database>,
  platform: Platform,
  note: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ last_error: note })
    .where('status', '=', 'pending')
    .where('platform', '=', platform)
    .where('due_at', '<=', now)
    .where((w) => w.or([w('lease_expires_at', 'is', null), w('lease_expires_at', '<', now)]))
    .where('last_error', 'is distinct from', note)
    .execute();
}
