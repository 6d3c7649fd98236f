import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

async function seed() {
  const network = await t.db
    .insertInto('networks')
    .values({ name: 'Literacy NIC', time_zone: 'America/Chicago' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const site = await t.db
    .insertInto('sites')
    .values({ network_id: network.id, name: 'Lincoln' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const person = await t.db
    .insertInto('people')
    .values({ platform: 'shell', workspace_id: 'local', platform_user_id: 'ana', display_name: 'Ana' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const member = await t.db
    .insertInto('members')
    .values({ network_id: network.id, person_id: person.id, site_id: site.id, role: 'educator' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const measure = await t.db
    .insertInto('measures')
    .values({ network_id: network.id, name: 'On-time', kind: 'proportion', better: 'higher' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const idea = await t.db
    .insertInto('change_ideas')
    .values({ network_id: network.id, text: 'Greet at the door' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const cycle = await t.db
    .insertInto('cycles')
    .values({
      network_id: network.id,
      site_id: site.id,
      owner_member_id: member.id,
      change_idea_id: idea.id,
      measure_id: measure.id,
      starts_on: '2026-12-01',
      ends_on: '2026-12-14',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { network, site, person, member, measure, idea, cycle };
}

describe('the schema', () => {
  it('keeps calendar dates as YYYY-MM-DD strings, whatever the host time zone', async () => {
    const { cycle } = await seed();
    expect(cycle.starts_on).toBe('2026-12-01');
    expect(cycle.phase).toBe('plan');
  });

  it('allows one check-in per cycle, member and phase', async () => {
    const { cycle, member } = await seed();
    const row = { cycle_id: cycle.id, member_id: member.id, phase: 'plan' as const, due_at: new Date() };
    await t.db.insertInto('checkins').values(row).execute();
    await expect(t.db.insertInto('checkins').values(row).execute()).rejects.toThrow(
      /checkins_cycle_member_phase_key/,
    );
  });

  it('refuses values outside the enumerations', async () => {
    const { cycle } = await seed();
    await expect(
      sql`update cycles set phase = 'review' where id = ${cycle.id}`.execute(t.db),
    ).rejects.toThrow(/check/i);
    await expect(
      sql`update cycles set decision = 'maybe' where id = ${cycle.id}`.execute(t.db),
    ).rejects.toThrow(/check/i);
    await expect(
      t.db
        .insertInto('members')
        .values({ network_id: cycle.network_id, person_id: 999, role: 'educator' })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
  });

  it('refuses a cycle that ends before it starts and a break that ends before it starts', async () => {
    const { cycle, site } = await seed();
    await expect(
      sql`update cycles set ends_on = '2026-11-01' where id = ${cycle.id}`.execute(t.db),
    ).rejects.toThrow(/cycles_dates_check/);
    await expect(
      t.db
        .insertInto('site_breaks')
        .values({ site_id: site.id, starts_on: '2026-12-20', ends_on: '2026-12-01' })
        .execute(),
    ).rejects.toThrow(/site_breaks_range_check/);
  });

  it('keeps one person in one network', async () => {
    const { person } = await seed();
    const other = await t.db
      .insertInto('networks')
      .values({ name: 'Math NIC', time_zone: 'UTC' })
      .returningAll()
      .executeTakeFirstOrThrow();
    await expect(
      t.db
        .insertInto('members')
        .values({ network_id: other.id, person_id: person.id, role: 'educator' })
        .execute(),
    ).rejects.toThrow(/members_person_id/);
  });

  it('treats network, site and measure names as unique regardless of case', async () => {
    const { network } = await seed();
    await expect(
      t.db.insertInto('networks').values({ name: 'literacy nic', time_zone: 'UTC' }).execute(),
    ).rejects.toThrow(/networks_name_key/);
    await expect(
      t.db.insertInto('sites').values({ network_id: network.id, name: 'LINCOLN' }).execute(),
    ).rejects.toThrow(/sites_network_name_key/);
  });

  it('stores a delivery once per dedupe key and one digest per network and ISO week', async () => {
    const { network } = await seed();
    const delivery = {
      kind: 'prompt',
      dedupe_key: 'prompt:1',
      platform: 'shell' as const,
      address: { platform: 'shell' as const, user: 'ana' },
      payload: { type: 'message' as const, message: { summary: 'hi', blocks: [] } },
      due_at: new Date(),
    };
    await t.db.insertInto('deliveries').values(delivery).execute();
    const again = await t.db
      .insertInto('deliveries')
      .values(delivery)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    expect(again).toBeUndefined();
    await t.db.insertInto('digests').values({ network_id: network.id, iso_week: '2026-W47' }).execute();
    await expect(
      t.db.insertInto('digests').values({ network_id: network.id, iso_week: '2026-W47' }).execute(),
    ).rejects.toThrow(/digests_network_week_key/);
    await expect(
      t.db.insertInto('digests').values({ network_id: network.id, iso_week: '2026-47' }).execute(),
    ).rejects.toThrow(/check/i);
  });

  it('remembers each inbound event id once per platform', async () => {
    await t.db.insertInto('inbound_events').values({ platform: 'slack', event_id: 'Ev1' }).execute();
    await t.db.insertInto('inbound_events').values({ platform: 'teams', event_id: 'Ev1' }).execute();
    await expect(
      t.db.insertInto('inbound_events').values({ platform: 'slack', event_id: 'Ev1' }).execute(),
    ).rejects.toThrow(/inbound_events_pkey/);
  });
});
