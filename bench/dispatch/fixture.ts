import { sql } from 'kysely';
import type { Db } from '../../src/db/connect.ts';
import { MEMBERS, PROMPTS_PER_MEMBER, WORKSPACES } from './settings.ts';

/**
 * One network, a site per workspace, MEMBERS members spread over them, and
 * PROMPTS_PER_MEMBER cycles per site in which every member of the site has
 * an open Do check-in due now. Check-ins are numbered round by round, so
 * that one member's prompts are far apart in the outbox, as on a real
 * morning when many people's prompts come due together.
 */
export async function insertFixture(db: Db, dueAt: Date): Promise<void> {
  const network = await db
    .insertInto('networks')
    .values({ name: 'Bench network', time_zone: 'UTC' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const measure = await db
    .insertInto('measures')
    .values({ network_id: network.id, name: 'On-time arrival', kind: 'proportion', better: 'higher' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const idea = await db
    .insertInto('change_ideas')
    .values({ network_id: network.id, text: 'Greet each student at the door' })
    .returning('id')
    .executeTakeFirstOrThrow();

  const sites: number[] = [];
  for (let w = 0; w < WORKSPACES; w++) {
    const site = await db
      .insertInto('sites')
      .values({ network_id: network.id, name: `School ${w + 1}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    sites.push(site.id);
  }

  const members: { id: number; site: number }[] = [];
  for (let start = 0; start < MEMBERS; start += 500) {
    const batch = Array.from({ length: Math.min(500, MEMBERS - start) }, (_, i) => start + i);
    const people = await db
      .insertInto('people')
      .values(
        batch.map((n) => ({
          platform: 'slack' as const,
          workspace_id: `T${n % WORKSPACES}`,
          platform_user_id: `U${n}`,
          display_name: `Educator ${n}`,
          address: { platform: 'slack' as const, workspace: `T${n % WORKSPACES}`, channel: `D${n}` },
        })),
      )
      .returning(['id', 'platform_user_id'])
      .execute();
    const rows = await db
      .insertInto('members')
      .values(
        people.map((p) => {
          const n = Number(p.platform_user_id.slice(1));
          return {
            network_id: network.id,
            person_id: p.id,
            site_id: sites[n % WORKSPACES]!,
            role: 'educator' as const,
          };
        }),
      )
      .returning(['id', 'site_id'])
      .execute();
    for (const r of rows) members.push({ id: r.id, site: r.site_id! });
  }

  const cycles = new Map<string, number>();
  for (const site of sites) {
    for (let round = 0; round < PROMPTS_PER_MEMBER; round++) {
      const cycle = await db
        .insertInto('cycles')
        .values({
          network_id: network.id,
          site_id: site,
          change_idea_id: idea.id,
          measure_id: measure.id,
          starts_on: '2026-11-30',
          ends_on: '2026-12-11',
          phase: 'do',
          question: `Round ${round + 1}`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      cycles.set(`${site}:${round}`, cycle.id);
    }
  }
  for (let round = 0; round < PROMPTS_PER_MEMBER; round++) {
    for (let start = 0; start < members.length; start += 1_000) {
      await db
        .insertInto('checkins')
        .values(
          members.slice(start, start + 1_000).map((m) => ({
            cycle_id: cycles.get(`${m.site}:${round}`)!,
            member_id: m.id,
            phase: 'do' as const,
            due_at: dueAt,
          })),
        )
        .execute();
    }
  }
  await sql`analyze`.execute(db);
}
