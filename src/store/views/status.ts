import type { Trx } from '../../db/trx.ts';

// Read models for /pdsa status: a member's open check-ins, and for
// facilitators the network's sites, overdue check-ins, unreachable people
// and requests to join.

export function openCheckinsOfMember(trx: Trx, memberId: number) {
  return trx
    .selectFrom('checkins')
    .innerJoin('cycles', 'cycles.id', 'checkins.cycle_id')
    .select([
      'checkins.id',
      'checkins.phase',
      'checkins.due_at',
      'checkins.prompted_at',
      'cycles.number as cycleNumber',
    ])
    .where('checkins.member_id', '=', memberId)
    .where('checkins.status', '=', 'open')
    .orderBy('checkins.due_at')
    .execute();
}

/** How many cycles each site of a network has in each phase (a site without cycles has one row, phase null). */
export function cyclesBySiteAndPhase(trx: Trx, networkId: number) {
  return trx
    .selectFrom('sites')
    .leftJoin('cycles', 'cycles.site_id', 'sites.id')
    .select(['sites.name', 'cycles.phase'])
    .select((eb) => eb.fn.count<number>('cycles.id').as('count'))
    .where('sites.network_id', '=', networkId)
    .groupBy(['sites.name', 'cycles.phase'])
    .execute();
}

/** The longest-waiting open check-ins of a network asked before `askedBefore`, at most `limit`. */
export function overdueCheckins(trx: Trx, networkId: number, askedBefore: Date, limit: number) {
  return trx
    .selectFrom('checkins')
    .innerJoin('cycles', 'cycles.id', 'checkins.cycle_id')
    .innerJoin('sites', 'sites.id', 'cycles.site_id')
    .innerJoin('members', 'members.id', 'checkins.member_id')
    .innerJoin('people', 'people.id', 'members.person_id')
    .select([
      'people.display_name as name',
      'sites.name as site',
      'checkins.phase',
      'cycles.number as cycleNumber',
      'checkins.prompted_at',
      'checkins.member_id as memberId',
      'cycles.site_id as siteId',
    ])
    .where('cycles.network_id', '=', networkId)
    .where('checkins.status', '=', 'open')
    .where('checkins.prompted_at', '<', askedBefore)
    .orderBy('checkins.prompted_at')
    .limit(limit)
    .execute();
}

/** The network's members the platform said cannot be reached, with why and since when. */
export function unreachableMembers(trx: Trx, networkId: number) {
  return trx
    .selectFrom('members')
    .innerJoin('people', 'people.id', 'members.person_id')
    .select([
      'people.display_name as name',
      'people.unreachable_reason as reason',
      'people.unreachable_at as since',
    ])
    .where('members.network_id', '=', networkId)
    .where('people.unreachable_at', 'is not', null)
    .execute();
}

/** Who asks to join the network, and at which site. */
export function joinRequests(trx: Trx, networkId: number) {
  return trx
    .selectFrom('members')
    .innerJoin('people', 'people.id', 'members.person_id')
    .leftJoin('sites', 'sites.id', 'members.site_id')
    .select(['people.display_name as name', 'sites.name as site'])
    .where('members.network_id', '=', networkId)
    .where('members.status', '=', 'pending')
    .execute();
}
