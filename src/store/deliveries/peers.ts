import { type Kysely, sql } from 'kysely';
import type { Platform } from '../../core/domain.ts';
import type { Database } from '../../db/schema.ts';

/**
 * How many other dispatchers are sending to each platform right now, judged
 * by who holds live leases on pending rows. Platform limits are per
 * workspace, not per process: two processes each pacing at the full limit
 * would together send twice what is allowed. The leases are already there,
 * so no registry of processes is needed; a process that died stops counting
 * once its leases run out.
 */
export async function otherDispatchers(
  db: Kysely<Database>,
  owner: string,
  now: Date,
): Promise<Map<Platform, number>> {
  const rows = await db
    .selectFrom('deliveries')
    .select(['platform', sql<number>`count(distinct lease_owner)::int`.as('n')])
    .where('status', '=', 'pending')
    .where('lease_owner', 'is not', null)
    .where('lease_owner', '<>', owner)
    .where('lease_expires_at', '>', now)
    .groupBy('platform')
    .execute();
  return new Map(rows.map((r) => [r.platform, Number(r.n)]));
}
