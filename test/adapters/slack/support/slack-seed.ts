import type { Db } from '../../../../src/db/connect.ts';
import { TEAM } from './payloads.ts';

export const FRAN = { user: 'U100', dm: 'D100', name: 'Fran' };
export const ANA = { user: 'U300', dm: 'D300', name: 'Ana' };

/**
 * A network of Slack people, written directly: Fran (admin) and Ana (an
 * educator at Lincoln), one proportion measure and one change idea.
 */
export async function seedSlackNetwork(db: Db, team = TEAM) {
  const network = await db
    .insertInto('networks')
    .values({
      name: 'Literacy NIC',
      aim: 'Every 3rd grader reads on grade level',
      time_zone: 'America/Chicago',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const lincoln = await db
    .insertInto('sites')
    .values({ network_id: network.id, name: 'Lincoln' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const member = async (who: typeof FRAN, role: 'admin' | 'educator', siteId: number | null) => {
    const person = await db
      .insertInto('people')
      .values({
        platform: 'slack',
        workspace_id: team,
        platform_user_id: who.user,
        display_name: who.name,
        time_zone: 'America/Chicago',
        address: { platform: 'slack', team, channel: who.dm, user: who.user },
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return db
      .insertInto('members')
      .values({ network_id: network.id, person_id: person.id, site_id: siteId, role })
      .returningAll()
      .executeTakeFirstOrThrow();
  };
  const fran = await member(FRAN, 'admin', null);
  const ana = await member(ANA, 'educator', lincoln.id);
  await db
    .insertInto('measures')
    .values({
      network_id: network.id,
      name: 'On-time arrival',
      kind: 'proportion',
      better: 'higher',
      unit: 'students',
    })
    .execute();
  await db
    .insertInto('change_ideas')
    .values({ network_id: network.id, text: 'Greet every student at the door' })
    .execute();
  return { network, lincoln, fran, ana };
}
