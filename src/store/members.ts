import type { Insertable, Updateable } from 'kysely';
import type { MemberRow, MembersTable } from '../db/schema.ts';
import type { Trx } from '../db/trx.ts';

// The owner of the `members` table: who belongs to which network, with what
// role, at which site, and whether they are paused.

/** The membership of a person (a person belongs to one network at most). */
export async function memberOfPerson(trx: Trx, personId: number): Promise<MemberRow | null> {
  return (
    (await trx.selectFrom('members').selectAll().where('person_id', '=', personId).executeTakeFirst()) ?? null
  );
}

export function memberById(trx: Trx, id: number): Promise<MemberRow | undefined> {
  return trx.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Up to `limit` members of a network named by user id, or by display name
 * (any case) or terminal user id.
 */
export function membersNamed(
  trx: Trx,
  networkId: number,
  name: { userId: string } | { displayName: string; terminalUserId: string },
  limit: number,
): Promise<{ memberId: number; personId: number }[]> {
  let query = trx
    .selectFrom('members')
    .innerJoin('people', 'people.id', 'members.person_id')
    .select(['members.id as memberId', 'people.id as personId'])
    .where('members.network_id', '=', networkId);
  query =
    'userId' in name
      ? query.where('people.platform_user_id', '=', name.userId)
      : query.where((eb) =>
          eb.or([
            eb(eb.fn('lower', ['people.display_name']), '=', name.displayName.toLowerCase()),
            eb('people.platform_user_id', '=', name.terminalUserId),
          ]),
        );
  return query.limit(limit).execute();
}

export function insertMember(trx: Trx, member: Insertable<MembersTable>): Promise<MemberRow> {
  return trx.insertInto('members').values(member).returningAll().executeTakeFirstOrThrow();
}

/** What changes about a membership: role, site, pause, and being let in. */
export type MemberChange = Pick<Updateable<MembersTable>, 'role' | 'site_id' | 'paused_until' | 'status'>;

export function updateMember(trx: Trx, id: number, change: MemberChange): Promise<MemberRow> {
  return trx.updateTable('members').set(change).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteMember(trx: Trx, id: number): Promise<void> {
  await trx.deleteFrom('members').where('id', '=', id).execute();
}

/** The display names of these members. */
export async function memberNames(trx: Trx, memberIds: readonly number[]): Promise<string[]> {
  if (memberIds.length === 0) return [];
  const rows = await trx
    .selectFrom('members')
    .innerJoin('people', 'people.id', 'members.person_id')
    .select('people.display_name as name')
    .where('members.id', 'in', memberIds)
    .execute();
  return rows.map((r) => r.name);
}

/** How many active admins a network has. */
export async function activeAdminCount(trx: Trx, networkId: number): Promise<number> {
  const row = await trx
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('network_id', '=', networkId)
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many active members a site has. */
export async function activeMembersAt(trx: Trx, siteId: number): Promise<number> {
  const row = await trx
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('site_id', '=', siteId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The names of a network's active members with one of these roles. */
export async function activeMemberNamesWithRole(
  trx: Trx,
  networkId: number,
  roles: readonly MemberRow['role'][],
): Promise<string[]> {
  const rows = await trx
    .selectFrom('members')
    .innerJoin('people', 'people.id', 'members.person_id')
    .select(['people.display_name'])
    .where('members.network_id', '=', networkId)
    .where('members.status', '=', 'active')
    .where('members.role', 'in', roles)
    .execute();
  return rows.map((r) => r.display_name);
}

/** The names of a site's active educators. */
export async function educatorNamesAt(trx: Trx, siteId: number): Promise<string[]> {
  const rows = await trx
    .selectFrom('members')
    .innerJoin('people', 'people.id', 'members.person_id')
    .select('people.display_name as name')
    .where('members.site_id', '=', siteId)
    .where('members.role', '=', 'educator')
    .where('members.status', '=', 'active')
    .execute();
  return rows.map((r) => r.name);
}

/** What a member's calendar is made of: their zone, their site's and network's, their site and pause. */
export function calendarFactsOf(trx: Trx, memberId: number) {
  return trx
    .selectFrom('members')
    .innerJoin('people', 'people.id', 'members.person_id')
    .innerJoin('networks', 'networks.id', 'members.network_id')
    .leftJoin('sites', 'sites.id', 'members.site_id')
    .select([
      'people.time_zone as personZone',
      'sites.time_zone as siteZone',
      'networks.time_zone as networkZone',
      'members.site_id as siteId',
      'members.paused_until as pausedUntil',
    ])
    .where('members.id', '=', memberId)
    .executeTakeFirstOrThrow();
}
