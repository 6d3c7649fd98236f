import type { Platform } from '../../core/domain.ts';
import type { Trx } from '../../db/trx.ts';

// Read models over members and the people behind them, for the commands
// that list or notify them.

/** A network's members (at one site, when given) with their name, reachability and site. */
export function memberList(trx: Trx, networkId: number, siteId?: number) {
  let query = trx
    .selectFrom('members')
    .innerJoin('people', 'people.id', 'members.person_id')
    .leftJoin('sites', 'sites.id', 'members.site_id')
    .select([
      'people.display_name as name',
      'people.unreachable_at',
      'members.role',
      'members.status',
      'members.paused_until',
      'sites.name as site',
    ])
    .where('members.network_id', '=', networkId);
  if (siteId !== undefined) query = query.where('members.site_id', '=', siteId);
  return query.execute();
}

/** A network's active facilitators and admins: the people to ask. */
export function facilitatorsOf(trx: Trx, networkId: number) {
  return trx
    .selectFrom('members')
    .innerJoin('people', 'people.id', 'members.person_id')
    .select(['people.id as personId', 'people.display_name as name'])
    .where('members.network_id', '=', networkId)
    .where('members.status', '=', 'active')
    .where('members.role', 'in', ['facilitator', 'admin'])
    .execute();
}

/** A member of a network with their name. */
export function memberWithName(trx: Trx, networkId: number, memberId: number) {
  return trx
    .selectFrom('members')
    .innerJoin('people', 'people.id', 'members.person_id')
    .selectAll('members')
    .select('people.display_name as name')
    .where('members.id', '=', memberId)
    .where('members.network_id', '=', networkId)
    .executeTakeFirst();
}

/** These members with their name and time zone. */
export function membersWithZones(trx: Trx, memberIds: readonly number[]) {
  if (memberIds.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('members')
    .innerJoin('people', 'people.id', 'members.person_id')
    .select(['members.id', 'people.display_name as name', 'people.time_zone as zone'])
    .where('members.id', 'in', memberIds)
    .execute();
}

/**
 * The sites of the networks that have an active member in this workspace:
 * where someone of the workspace may ask to join.
 */
export function joinableSites(trx: Trx, platform: Platform, workspaceId: string) {
  return trx
    .selectFrom('sites')
    .innerJoin('networks', 'networks.id', 'sites.network_id')
    .select([
      'sites.id as siteId',
      'sites.name as site',
      'networks.id as networkId',
      'networks.name as network',
    ])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('members')
          .innerJoin('people', 'people.id', 'members.person_id')
          .select('members.id')
          .whereRef('members.network_id', '=', 'networks.id')
          .where('members.status', '=', 'active')
          .where('people.platform', '=', platform)
          .where('people.workspace_id', '=', workspaceId),
      ),
    )
    .execute();
}

/** A cycle's open check-ins with the person who owes each and where to reach them. */
export function openCheckinsWithPeople(trx: Trx, cycleId: number) {
  return trx
    .selectFrom('checkins')
    .innerJoin('members', 'members.id', 'checkins.member_id')
    .innerJoin('people', 'people.id', 'members.person_id')
    .select([
      'checkins.id',
      'people.id as personId',
      'people.display_name as name',
      'people.platform',
      'people.address',
      'people.platform_user_id',
      'people.workspace_id',
    ])
    .where('checkins.cycle_id', '=', cycleId)
    .where('checkins.status', '=', 'open')
    .execute();
}
