import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { seedNetwork, setupHarness, textOf } from './setup-harness.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const breaks = () =>
  t.db.selectFrom('site_breaks').select(['site_id', 'starts_on', 'ends_on', 'label']).orderBy('id').execute();

describe('sites', () => {
  it('adds, lists, renames and sets time zones, matching names without regard to case', async () => {
    const s = await seedNetwork(t.db);
    const h = setupHarness(t.db);
    expect(textOf(await h.command('Fran', '/pdsa site add Jefferson Middle tz America/Denver'))).toContain(
      'Added the site Jefferson Middle to Literacy NIC, in America/Denver',
    );
    expect(textOf(await h.command('Fran', '/pdsa site add jefferson middle'))).toContain(
      'There is already a site called "Jefferson Middle"',
    );
    const list = textOf(await h.command('Ana', '/pdsa sites'));
    expect(list).toContain('Jefferson Middle: 0 members · America/Denver');
    expect(list).toContain("Lincoln: 1 member · America/Chicago (the network's)");
    expect(list).toContain("Washington: 1 member · America/Chicago (the network's)");

    expect(textOf(await h.command('Fran', '/pdsa site rename lincoln to Lincoln Elementary'))).toContain(
      'is now called Lincoln Elementary',
    );
    expect(textOf(await h.command('Fran', '/pdsa site tz lincoln elementary Pacific/Auckland'))).toContain(
      'now keeps time in Pacific/Auckland',
    );
    const lincoln = await t.db
      .selectFrom('sites')
      .selectAll()
      .where('id', '=', s.lincoln.id)
      .executeTakeFirstOrThrow();
    expect(lincoln).toMatchObject({ name: 'Lincoln Elementary', time_zone: 'Pacific/Auckland' });
    expect(textOf(await h.command('Fran', '/pdsa site tz Lincoln Elementary network'))).toContain(
      "follows the network's time zone",
    );
  });

  it('answers an unknown site with the known ones', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    expect(textOf(await h.command('Fran', '/pdsa site rename Jeferson to Jefferson'))).toBe(
      'There is no site "Jeferson". The sites are: Lincoln, Washington.',
    );
    expect(textOf(await h.command('Fran', '/pdsa site tz Jeferson America/Chicago'))).toContain(
      'The sites are: Lincoln, Washington',
    );
    expect(textOf(await h.command('Fran', '/pdsa site ad Jefferson'))).toContain(
      'Did you mean /pdsa site add?',
    );
  });

  it('refuses an educator who tries to add a site, naming who can', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    expect(textOf(await h.command('Ana', '/pdsa site add Jefferson'))).toBe(
      'Only facilitators and admins of Literacy NIC can add sites. Ask Fran.',
    );
    expect(await t.db.selectFrom('sites').select('id').execute()).toHaveLength(2);
  });
});

describe('site breaks', () => {
  it('reads the dates and the label without quotes, and lists and removes breaks', async () => {
    const s = await seedNetwork(t.db);
    const h = setupHarness(t.db);
    const added = textOf(await h.command('Fran', '/pdsa site break Lincoln dec 21 to jan 1 Winter break'));
    expect(added).toContain(
      'Lincoln is on a break (Winter break) from Mon 21 Dec 2026 to Fri 1 Jan 2027, both days included',
    );
    await h.command('Fran', '/pdsa site break washington 2026-12-24..2026-12-26');
    await h.command('Fran', '/pdsa site break Lincoln friday for Staff development day');
    expect(await breaks()).toEqual([
      { site_id: s.lincoln.id, starts_on: '2026-12-21', ends_on: '2027-01-01', label: 'Winter break' },
      { site_id: s.washington.id, starts_on: '2026-12-24', ends_on: '2026-12-26', label: null },
      {
        site_id: s.lincoln.id,
        starts_on: '2026-12-04',
        ends_on: '2026-12-04',
        label: 'Staff development day',
      },
    ]);

    const lincoln = textOf(await h.command('Ana', '/pdsa site breaks Lincoln'));
    expect(lincoln).toContain('3: Fri 4 Dec 2026 to Fri 4 Dec 2026, Staff development day');
    expect(lincoln).toContain('1: Mon 21 Dec 2026 to Fri 1 Jan 2027, Winter break');
    expect(lincoln).not.toContain('Thu 24 Dec');
    expect(textOf(await h.command('Ana', '/pdsa site breaks'))).toContain('2 Washington: Thu 24 Dec 2026');

    expect(textOf(await h.command('Fran', '/pdsa site unbreak Washington 1'))).toContain(
      'Washington has no break number 1',
    );
    expect(textOf(await h.command('Fran', '/pdsa site unbreak Lincoln #1'))).toContain(
      'Removed the break at Lincoln from Mon 21 Dec 2026 to Fri 1 Jan 2027 (Winter break)',
    );
    expect(await breaks()).toHaveLength(2);
  });

  it('reads relative dates from today in the site’s time zone', async () => {
    const s = await seedNetwork(t.db);
    // Monday 30 November, 21:00 in Chicago; already Tuesday in UTC and in Auckland.
    const h = setupHarness(t.db, { start: new Date('2026-12-01T03:00:00Z') });
    await h.command('Fran', '/pdsa site break Lincoln tomorrow');
    await t.db
      .updateTable('sites')
      .set({ time_zone: 'Pacific/Auckland' })
      .where('id', '=', s.washington.id)
      .execute();
    await h.command('Fran', '/pdsa site break Washington tomorrow');
    expect((await breaks()).map((b) => b.starts_on)).toEqual(['2026-12-01', '2026-12-02']);
  });

  it('answers bad dates with what to type', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    const impossible = textOf(await h.command('Fran', '/pdsa site break Lincoln dec 32 to jan 2'));
    expect(impossible).toContain('December has 31 days');
    expect(impossible).toContain('/pdsa site break Lincoln 2026-12-21 to 2027-01-01 Winter break');
    expect(textOf(await h.command('Fran', '/pdsa site break Lincoln 12/21 to 1/2'))).toContain(
      'read differently in different countries',
    );
    expect(textOf(await h.command('Fran', '/pdsa site break Lincoln 2025-12-21 to 2026-01-02'))).toContain(
      'is already over. Check the year',
    );
    expect(textOf(await h.command('Fran', '/pdsa site break Lincoln'))).toContain(
      'Which days is Lincoln closed?',
    );
    expect(textOf(await h.command('Fran', '/pdsa site break Jefferson dec 21 to jan 1'))).toContain(
      'There is no site "Jefferson". The sites are: Lincoln, Washington.',
    );
    expect(textOf(await h.command('Fran', '/pdsa site unbreak Lincoln soon'))).toContain(
      '"soon" is not a break number',
    );
    expect(await breaks()).toHaveLength(0);
  });
});

describe('one network never sees another', () => {
  it("keeps each network's sites, breaks and members to itself", async () => {
    const a = await seedNetwork(t.db);
    const h = setupHarness(t.db);
    await h.command('Nora', '/pdsa network create Numeracy NIC');
    await h.command('Nora', '/pdsa site add Roosevelt');
    await t.db
      .insertInto('site_breaks')
      .values({ site_id: a.lincoln.id, starts_on: '2026-12-21', ends_on: '2027-01-01', label: 'Secret' })
      .execute();

    const sites = textOf(await h.command('Nora', '/pdsa sites'));
    expect(sites).toContain('Roosevelt');
    expect(sites).not.toContain('Lincoln');
    expect(textOf(await h.command('Nora', '/pdsa site breaks Lincoln'))).toBe(
      'There is no site "Lincoln". The sites are: Roosevelt.',
    );
    expect(textOf(await h.command('Nora', '/pdsa site unbreak 1'))).toContain('There is no break number 1');
    const members = textOf(await h.command('Nora', '/pdsa members'));
    expect(members).toContain('Nora');
    expect(members).not.toContain('Ana');
    expect(textOf(await h.command('Nora', '/pdsa member role Ana facilitator'))).toContain(
      'I don\'t know anyone called "Ana" in Numeracy NIC',
    );
    expect(textOf(await h.command('Fran', '/pdsa sites'))).not.toContain('Roosevelt');
    expect(await breaks()).toHaveLength(1);
  });
});
