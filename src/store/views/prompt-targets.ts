import { type Kysely, sql } from 'kysely';
import type { Address } from '../../core/address.ts';
import type { Platform } from '../../core/domain.ts';
import type { Database } from '../../db/schema.ts';

// A read model for the planner: open check-ins together with everything
// needed to decide whether their member may be prompted now, in one query
// however many members there are (the breaks of their sites are one more:
// breaksOfSites in ../site-breaks.ts).

export type PromptTarget = {
  checkinId: number;
  dueAt: Date;
  promptedAt: Date | null;
  networkId: number;
  personId: number;
  platform: Platform;
  address: Address;
  siteId: number | null;
  pausedUntil: string | null;
  personZone: string | null;
  siteZone: string | null;
  networkZone: string;
  /** Reminders already queued (the highest number), for `remindersDue`. */
  lastReminder: number;
};

// Members who can be written to: active (not still asking to join), with an
// address for proactive messages, and not marked unreachable. The others
// are left out here and shown to facilitators by `status`.
function openCheckinsOfReachableMembers(db: Kysely<Database>) {
  return (
    db
      .selectFrom('checkins')
      .innerJoin('members', 'members.id', 'checkins.member_id')
      .innerJoin('people', 'people.id', 'members.person_id')
      .innerJoin('networks', 'networks.id', 'members.network_id')
      .innerJoin('cycles', 'cycles.id', 'checkins.cycle_id')
      // A member with no site of their own keeps the calendar of the cycle's
      // site, as when their check-ins were scheduled.
      .leftJoin('sites', (join) =>
        join.on(sql<boolean>`sites.id = coalesce(members.site_id, cycles.site_id)`),
      )
      .select([
        'checkins.id as checkinId',
        'checkins.due_at as dueAt',
        'checkins.prompted_at as promptedAt',
        'members.network_id as networkId',
        'members.paused_until as pausedUntil',
        'people.id as personId',
        'people.platform as platform',
        'people.address as address',
        'people.time_zone as personZone',
        'sites.id as siteId',
        'sites.time_zone as siteZone',
        'networks.time_zone as networkZone',
      ])
      .where('checkins.status', '=', 'open')
      .where('members.status', '=', 'active')
      .where('people.address', 'is not', null)
      .where('people.unreachable_at', 'is', null)
  );
}

/** Open check-ins due by `now` that were never prompted and have no prompt queued. */
export async function unpromptedCheckins(db: Kysely<Database>, now: Date): Promise<PromptTarget[]> {
  const rows = await openCheckinsOfReachableMembers(db)
    .where('checkins.due_at', '<=', now)
    .where('checkins.prompted_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('deliveries as d')
            .select('d.id')
            .where('d.dedupe_key', '=', sql<string>`'prompt:' || checkins.id`),
        ),
      ),
    )
    .orderBy('checkins.due_at')
    .orderBy('checkins.id')
    .execute();
  return rows.map((r) => toTarget(r, 0));
}

/**
 * Open check-ins prompted at least `delayHours` ago whose last reminder is
 * not queued yet, with the number of the last reminder that is. Existence
 * is asked by dedupe key, which is indexed, rather than by check-in id.
 */
export async function checkinsAwaitingReminders(
  db: Kysely<Database>,
  now: Date,
  opts: { delayHours: number; maxCount: number },
): Promise<PromptTarget[]> {
  if (opts.maxCount < 1) return [];
  const promptedBefore = new Date(now.getTime() - opts.delayHours * 3_600_000);
  const key = (n: unknown) => sql<string>`'reminder:' || checkins.id || ':' || ${n}`;
  const rows = await openCheckinsOfReachableMembers(db)
    .select(
      sql<number>`(select coalesce(max(n), 0)::int from generate_series(1, ${opts.maxCount}::int) as n
        where exists (select 1 from deliveries d where d.dedupe_key = ${key(sql.ref('n'))}))`.as(
        'lastReminder',
      ),
    )
    .where('checkins.prompted_at', '<=', promptedBefore)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('deliveries as d')
            .select('d.id')
            .where('d.dedupe_key', '=', key(String(opts.maxCount))),
        ),
      ),
    )
    .orderBy('checkins.prompted_at')
    .orderBy('checkins.id')
    .execute();
  return rows.map((r) => toTarget(r, Number(r.lastReminder)));
}

type TargetRow = Omit<PromptTarget, 'dueAt' | 'promptedAt' | 'lastReminder' | 'address'> & {
  dueAt: Date | string;
  promptedAt: Date | null;
  address: Address | null;
};

function toTarget(row: TargetRow, lastReminder: number): PromptTarget {
  return {
    ...row,
    dueAt: new Date(row.dueAt),
    promptedAt: row.promptedAt === null ? null : new Date(row.promptedAt),
    address: row.address as Address,
    lastReminder,
  };
}
