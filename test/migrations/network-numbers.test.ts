import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, migrator } from '../../src/db/migrate.ts';
import { botHarness, seedNetwork, textOf } from '../bot/support/bot-harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

// Change ideas and cycles are numbered within their network (1, 2, 3…), so
// a network with three ideas never shows "Idea 37". Rows that existed
// before the numbers keep their id as their number, so every number already
// shown or typed still names the same row.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

/** A second network in a workspace of its own, with a facilitator, a site, a measure and an idea. */
async function seedOtherNetwork() {
  const network = await t.db
    .insertInto('networks')
    .values({ name: 'Math NIC', time_zone: 'America/Chicago' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const site = await t.db
    .insertInto('sites')
    .values({ network_id: network.id, name: 'Roosevelt' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const person = await t.db
    .insertInto('people')
    .values({ platform: 'shell', workspace_id: 'other', platform_user_id: 'mo', display_name: 'Mo' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const member = await t.db
    .insertInto('members')
    .values({ network_id: network.id, person_id: person.id, site_id: site.id, role: 'educator' })
    .returningAll()
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('measures')
    .values({ network_id: network.id, name: 'Homework in', kind: 'proportion', better: 'higher' })
    .execute();
  return { network, site, member };
}

describe('numbers of change ideas and cycles within a network', () => {
  it('counts from 1 in each network, in what the bot says and in what it accepts', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db);
    await h.command('Fran', '/pdsa idea add Text families the evening before');
    await h.command('Fran', '/pdsa start Lincoln idea 1 owner @Ana');
    await h.command('Fran', '/pdsa start Washington idea 2 owner @Wes');
    await seedOtherNetwork();
    const mo = { platform: 'shell' as const, workspaceId: 'other', userId: 'mo', displayName: 'Mo' };

    const added = await h.send({ kind: 'command', actor: mo, text: '/pdsa idea add Homework club' });
    expect(textOf(added)).toContain('Only facilitators');
    await t.db.updateTable('members').set({ role: 'facilitator' }).where('network_id', '=', 2).execute();
    const idea = await h.send({ kind: 'command', actor: mo, text: '/pdsa idea add Homework club' });
    expect(textOf(idea)).toContain('Added change idea 1: Homework club');
    const started = await h.send({
      kind: 'command',
      actor: mo,
      text: '/pdsa start Roosevelt idea 1 owner Mo',
    });
    expect(textOf(started)).toContain('Cycle #1 started\nSite: Roosevelt');

    const record = textOf(await h.send({ kind: 'command', actor: mo, text: '/pdsa cycle 1' }));
    expect(record).toContain('Cycle #1 · Roosevelt');
    expect(record).toContain('Homework club');
    expect(textOf(await h.send({ kind: 'command', actor: mo, text: '/pdsa cycle 3' }))).toContain(
      'There is no cycle #3 in your network',
    );
    const ideas = textOf(await h.send({ kind: 'command', actor: mo, text: '/pdsa ideas' }));
    expect(ideas).toContain('1 Homework club');
    expect(ideas).not.toContain('Greet');

    const rows = await t.db
      .selectFrom('cycles')
      .select(['id', 'network_id', 'number'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 1, network_id: 1, number: 1 },
      { id: 2, network_id: 1, number: 2 },
      { id: 3, network_id: 2, number: 1 },
    ]);
  });

  it("numbers the sample network's ideas and cycles from 1, in its digest too", async () => {
    const s = await seedNetwork(t.db);
    const h = botHarness(t.db);
    for (let i = 0; i < 3; i++) await h.command('Fran', `/pdsa idea add Idea number ${i + 2}`);
    await h.command('Fran', '/pdsa start Lincoln idea 2 owner @Ana');
    const admin = { platform: 'shell' as const, workspaceId: 'elsewhere', userId: 'dee', displayName: 'Dee' };
    expect(textOf(await h.send({ kind: 'command', actor: admin, text: '/pdsa demo' }))).toContain(
      'I created the sample network',
    );
    const demo = await t.db
      .selectFrom('cycles')
      .select((eb) => [eb.fn.max('number').as('highest'), eb.fn.countAll<string>().as('count')])
      .where('network_id', '!=', s.network.id)
      .executeTakeFirstOrThrow();
    expect(Number(demo.highest)).toBe(Number(demo.count));
    const preview = await h.send({ kind: 'command', actor: admin, text: '/pdsa digest preview' });
    const text = textOf(preview);
    const cycles = [...text.matchAll(/cycle #(\d+)/g)].map((m) => Number(m[1]));
    const ideas = [...text.matchAll(/Idea (\d+)/g)].map((m) => Number(m[1]));
    expect(cycles.length + ideas.length).toBeGreaterThan(0);
    expect(Math.max(...cycles, 0)).toBeLessThanOrEqual(Number(demo.count));
    expect(Math.max(...ideas, 0)).toBeLessThanOrEqual(3);
  });

  it('refuses two rows with one number in a network', async () => {
    const s = await seedNetwork(t.db);
    await expect(
      t.db
        .insertInto('change_ideas')
        .values({ network_id: s.network.id, text: 'Again', number: 1 })
        .execute(),
    ).rejects.toThrow(/change_ideas_network_number_key/);
  });

  it('gives concurrent inserts in one network different numbers', async () => {
    const s = await seedNetwork(t.db);
    // On a PostgreSQL server these transactions run on separate connections
    // at once; each takes its number while another may be taking one.
    const inserts = Array.from({ length: 12 }, (_, i) =>
      t.db.transaction().execute(async (trx) => {
        const cycle = await trx
          .insertInto('cycles')
          .values({
            network_id: s.network.id,
            site_id: s.lincoln.id,
            owner_member_id: s.ana.id,
            change_idea_id: s.idea.id,
            measure_id: s.measure.id,
            starts_on: '2026-12-01',
            ends_on: '2026-12-14',
          })
          .returning('number')
          .executeTakeFirstOrThrow();
        // Hold the transaction open a moment, so that the others queue behind it.
        await sql`select pg_sleep(${i % 3 === 0 ? 0.02 : 0})`.execute(trx);
        return cycle.number;
      }),
    );
    const numbers = await Promise.all(inserts);
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});

describe('rows that existed before cycles were numbered', () => {
  it('keep their id as their number, so old numbers still resolve; new rows continue after them', async () => {
    const m = migrator(t.db, t.schema);
    // Back to the schema before numbers.
    while ((await m.getMigrations()).some((x) => x.name > '0003_published_files' && x.executedAt)) {
      const down = await m.migrateDown();
      if (down.error) throw down.error;
    }
    // An earlier network takes the first ids, so the second one's rows have ids above 1.
    await sql`insert into networks (name, time_zone) values ('Earlier NIC', 'UTC')`.execute(t.db);
    await sql`insert into sites (network_id, name) values (1, 'Elm')`.execute(t.db);
    await sql`insert into measures (network_id, name, kind, better) values (1, 'Reading', 'count', 'higher')`.execute(
      t.db,
    );
    await sql`insert into change_ideas (network_id, text) values (1, 'Idea one'), (1, 'Idea two')`.execute(
      t.db,
    );
    await sql`insert into cycles (network_id, site_id, change_idea_id, measure_id, starts_on, ends_on)
      values (1, 1, 1, 1, '2026-11-02', '2026-11-13')`.execute(t.db);
    const s = await seedNetwork(t.db);
    await sql`insert into cycles (network_id, site_id, owner_member_id, change_idea_id, measure_id, starts_on, ends_on)
      values (${s.network.id}, ${s.lincoln.id}, ${s.ana.id}, ${s.idea.id}, ${s.measure.id}, '2026-11-30', '2026-12-11')`.execute(
      t.db,
    );
    await migrateToLatest(t.db, t.schema);

    expect(await t.db.selectFrom('change_ideas').select(['id', 'number']).orderBy('id').execute()).toEqual([
      { id: 1, number: 1 },
      { id: 2, number: 2 },
      { id: 3, number: 3 },
    ]);
    const h = botHarness(t.db);
    // "cycle #2" was shown before the upgrade; it still names the same cycle.
    expect(textOf(await h.command('Fran', '/pdsa cycle 2'))).toContain('Cycle #2 · Lincoln');
    expect(textOf(await h.command('Fran', '/pdsa learnings 3'))).not.toContain('not an idea');
    expect(textOf(await h.command('Fran', '/pdsa idea add Another'))).toContain('Added change idea 4');
    expect(textOf(await h.command('Fran', '/pdsa start Lincoln idea 3 owner @Ana'))).toContain(
      'Cycle #3 started',
    );
  });
});
