import { sql } from 'kysely';
import type { DigestData } from '../../core/digest/index.ts';
import type { Trx } from '../../db/trx.ts';

// Who needs a nudge, as of the moment the digest is built: check-ins still
// open a day after they were due (a day's grace, so a prompt sent this
// morning is not "overdue"), and members the bot cannot reach. Members on a
// pause are not expected to answer, so their check-ins are not listed.

export const OVERDUE_GRACE_MS = 24 * 3_600_000;
const MAX_LISTED = 10;

export async function loadOverdue(
  trx: Trx,
  networkId: number,
  now: Date,
  today: string,
): Promise<DigestData['overdue']> {
  const base = trx
    .selectFrom('checkins')
    .innerJoin('cycles', 'cycles.id', 'checkins.cycle_id')
    .innerJoin('members', 'members.id', 'checkins.member_id')
    .where('cycles.network_id', '=', networkId)
    .where('checkins.status', '=', 'open')
    .where('checkins.due_at', '<', new Date(now.getTime() - OVERDUE_GRACE_MS))
    .where((eb) => eb.or([eb('members.paused_until', 'is', null), eb('members.paused_until', '<', today)]));
  const [total, items] = await Promise.all([
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    base
      .innerJoin('people', 'people.id', 'members.person_id')
      .innerJoin('sites', 'sites.id', 'cycles.site_id')
      .select([
        'people.display_name as person',
        'sites.name as site',
        'checkins.phase as phase',
        'cycles.number as cycleId',
        'checkins.due_at as dueAt',
      ])
      .orderBy('checkins.due_at')
      .orderBy('people.display_name')
      .limit(MAX_LISTED)
      .execute(),
  ]);
  return {
    total: Number(total.n),
    items: items.map((o) => ({ ...o, dueAt: new Date(o.dueAt).toISOString() })),
  };
}

export async function loadUnreachable(trx: Trx, networkId: number): Promise<DigestData['unreachable']> {
  const base = trx
    .selectFrom('members')
    .innerJoin('people', 'people.id', 'members.person_id')
    .where('members.network_id', '=', networkId)
    .where('people.unreachable_at', 'is not', null);
  const [total, items] = await Promise.all([
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    base
      .leftJoin('sites', 'sites.id', 'members.site_id')
      .select([
        'people.display_name as person',
        'sites.name as site',
        'people.unreachable_reason as reason',
        'people.unreachable_at as since',
      ])
      .orderBy('people.display_name')
      .limit(MAX_LISTED)
      .execute(),
  ]);
  return {
    total: Number(total.n),
    items: items.map((u) => ({ ...u, since: new Date(u.since!).toISOString() })),
  };
}
