import type { Trx } from '../../db/trx.ts';

// Read models for the cycle lists and a cycle's record: each cycle with its
// site, idea and owner, and a cycle's check-ins with who owes them.

export type CycleFilter = {
  /** Cycles the member owns or takes part in. */
  memberId?: number;
  siteId?: number;
  cycleId?: number;
  openOnly?: boolean;
  /** The newest first, at most this many. */
  limit?: number;
};

/** A network's cycles, newest first, as lists show them. */
export function cycleLines(trx: Trx, networkId: number, filter: CycleFilter = {}) {
  let query = trx
    .selectFrom('cycles')
    .innerJoin('sites', 'sites.id', 'cycles.site_id')
    .innerJoin('change_ideas', 'change_ideas.id', 'cycles.change_idea_id')
    .leftJoin('members', 'members.id', 'cycles.owner_member_id')
    .leftJoin('people', 'people.id', 'members.person_id')
    .select([
      'cycles.number',
      'sites.name as site',
      'change_ideas.text as idea',
      'people.display_name as owner',
      'cycles.phase',
      'cycles.decision',
      'cycles.starts_on as startsOn',
      'cycles.ends_on as endsOn',
    ])
    .where('cycles.network_id', '=', networkId);
  const { memberId } = filter;
  if (memberId !== undefined) {
    const taking = trx.selectFrom('cycle_participants').select('cycle_id').where('member_id', '=', memberId);
    query = query.where((eb) =>
      eb.or([eb('cycles.owner_member_id', '=', memberId), eb('cycles.id', 'in', taking)]),
    );
  }
  if (filter.siteId !== undefined) query = query.where('cycles.site_id', '=', filter.siteId);
  if (filter.cycleId !== undefined) query = query.where('cycles.id', '=', filter.cycleId);
  if (filter.openOnly) query = query.where('cycles.phase', '!=', 'closed');
  query = query.orderBy('cycles.number', 'desc');
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return query.execute();
}

/** A cycle's check-ins with the name of who owes each, in the order they were opened. */
export function checkinsOfCycleWithNames(trx: Trx, cycleId: number) {
  return trx
    .selectFrom('checkins')
    .innerJoin('members', 'members.id', 'checkins.member_id')
    .innerJoin('people', 'people.id', 'members.person_id')
    .select([
      'checkins.id',
      'checkins.phase',
      'checkins.status',
      'checkins.answer',
      'checkins.version',
      'checkins.due_at',
      'people.display_name as name',
    ])
    .where('checkins.cycle_id', '=', cycleId)
    .orderBy('checkins.id')
    .execute();
}
