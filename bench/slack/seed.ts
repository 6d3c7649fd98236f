import type { Db } from '../../src/db/connect.ts';

export const BENCH_TEAM = 'T111';

/** A network with a facilitator and `members` educators, all Slack people of one workspace. */
export async function seedBenchNetwork(db: Db, members: number): Promise<string[]> {
  const network = await db
    .insertInto('networks')
    .values({ name: 'Bench NIC', aim: 'Every 3rd grader reads on grade level', time_zone: 'America/Chicago' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const site = await db
    .insertInto('sites')
    .values({ network_id: network.id, name: 'Lincoln' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const users: string[] = [];
  for (let i = 0; i <= members; i += 1) {
    const user = `U${1000 + i}`;
    users.push(user);
    const person = await db
      .insertInto('people')
      .values({
        platform: 'slack',
        workspace_id: BENCH_TEAM,
        platform_user_id: user,
        display_name: `Person ${i}`,
        time_zone: 'America/Chicago',
        address: { platform: 'slack', team: BENCH_TEAM, channel: `D${1000 + i}`, user },
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('members')
      .values({
        network_id: network.id,
        person_id: person.id,
        site_id: i === 0 ? null : site.id,
        role: i === 0 ? 'facilitator' : 'educator',
      })
      .execute();
  }
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
  return users;
}
