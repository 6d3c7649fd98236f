import type { Db } from '../db/connect.ts';
import type { Actor } from './inbound.ts';

/**
 * The time zone of the network the person behind `actor` belongs to, or
 * undefined when they are in none (or have never written): the terminal
 * shows and reads its clock in it.
 */
export async function networkTimeZoneOf(db: Db, actor: Actor): Promise<string | undefined> {
  const row = await db
    .selectFrom('people')
    .innerJoin('members', 'members.person_id', 'people.id')
    .innerJoin('networks', 'networks.id', 'members.network_id')
    .select('networks.time_zone')
    .where('people.platform', '=', actor.platform)
    .where('people.workspace_id', '=', actor.workspaceId)
    .where('people.platform_user_id', '=', actor.userId)
    .executeTakeFirst();
  return row?.time_zone;
}
