import { sql } from 'kysely';
import type { DigestData } from '../../core/digest/index.ts';
import type { IsoWeekBounds } from '../../core/schedule/iso-week.ts';
import type { Trx } from '../../db/trx.ts';
import { aliveSince } from '../week-buckets.ts';

// The week's activity: cycles active, started and completed, and the
// check-ins asked (due in the week) and answered, per site.

export async function loadCycleCounts(
  trx: Trx,
  networkId: number,
  week: IsoWeekBounds,
): Promise<DigestData['cycles']> {
  const closedInWeek = sql`closed_at >= ${week.start} and closed_at < ${week.end}`;
  const row = await trx
    .selectFrom('cycles')
    .where('network_id', '=', networkId)
    // Cycles closed before the week cannot count; cycles_network_closed_idx finds the rest.
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', week.start)]))
    .select([
      sql<number>`count(*) filter (where starts_on <= ${week.endsOn} and created_at < ${week.end})`.as(
        'active',
      ),
      sql<number>`count(*) filter (where starts_on between ${week.startsOn} and ${week.endsOn})`.as(
        'started',
      ),
      sql<number>`count(*) filter (where ${closedInWeek} and decision is not null)`.as('completed'),
      sql<number>`count(*) filter (where ${closedInWeek} and decision is null)`.as('closed_early'),
    ])
    .executeTakeFirstOrThrow();
  return {
    active: Number(row.active),
    started: Number(row.started),
    completed: Number(row.completed),
    closedEarly: Number(row.closed_early),
  };
}

export async function loadParticipation(
  trx: Trx,
  networkId: number,
  week: IsoWeekBounds,
): Promise<DigestData['participation']> {
  const rows = await trx
    .selectFrom('checkins')
    .innerJoin('cycles', 'cycles.id', 'checkins.cycle_id')
    .where('cycles.network_id', '=', networkId)
    // A check-in of a cycle closed before the week was never asked.
    .where(aliveSince(week.start))
    .where('checkins.due_at', '>=', week.start)
    .where('checkins.due_at', '<', week.end)
    .select([
      'cycles.site_id as siteId',
      sql<number>`count(*)`.as('asked'),
      sql<number>`count(checkins.answered_at)`.as('answered'),
    ])
    .groupBy('cycles.site_id')
    .execute();
  return rows.map((r) => ({ siteId: r.siteId, asked: Number(r.asked), answered: Number(r.answered) }));
}
