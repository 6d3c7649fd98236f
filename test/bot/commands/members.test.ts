import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { payloadText, seedCycle, seedNetwork, setupHarness, textOf } from './setup-harness.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const memberOf = (name: string) =>
  t.db
    .selectFrom('members')
    .innerJoin('people', 'people.id', 'members.person_id')
    .selectAll('members')
    .where('people.display_name', '=', name)
    .executeTakeFirst();

const deliveriesTo = (name: string) =>
  t.db
    .selectFrom('deliveries')
    .innerJoin('people', 'people.id', 'deliveries.person_id')
    .selectAll('deliveries')
    .where('people.display_name', '=', name)
    .orderBy('deliveries.id')
    .execute();

describe('member add', () => {
  it('adds a person to a site and queues a welcome that explains taking part', async () => {
    const s = await seedNetwork(t.db);
    const h = setupHarness(t.db);
    expect(textOf(await h.command('Fran', '/pdsa member add Ben to lincoln'))).toContain(
      'Added Ben to Literacy NIC as an educator at Lincoln',
    );
    expect(await memberOf('Ben')).toMatchObject({
      network_id: s.network.id,
      site_id: s.lincoln.id,
      role: 'educator',
      status: 'active',
    });
    const [welcome] = await deliveriesTo('Ben');
    expect(welcome).toMatchObject({ kind: 'welcome', status: 'pending', network_id: s.network.id });
    const text = payloadText(welcome!.payload);
    expect(text).toContain('Fran added you to Literacy NIC as an educator at Lincoln');
    expect(text).toContain('by direct message: at the start');
    expect(text).toContain('in the middle');
    expect(text).toContain('at the end');
    expect(text).toContain('Each takes a few minutes');
    expect(text).toContain("shared with the network's facilitators and in the weekly digest");
  });

  it('adds Slack people by mention, facilitators without a site', async () => {
    const h = setupHarness(t.db, { platform: 'slack' });
    await h.command('Fran', '/pdsa network create Literacy NIC');
    expect(textOf(await h.command('Fran', '/pdsa member add <@UCARA|cara> as facilitator'))).toContain(
      'Added cara to Literacy NIC as a facilitator.',
    );
    const cara = await t.db
      .selectFrom('people')
      .selectAll()
      .where('platform_user_id', '=', 'UCARA')
      .executeTakeFirstOrThrow();
    expect(cara).toMatchObject({ platform: 'slack', workspace_id: 'local', display_name: 'cara' });
    const member = await memberOf('cara');
    expect(member).toMatchObject({ role: 'facilitator', site_id: null });
  });

  it('answers mistakes with what to type instead', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    expect(textOf(await h.command('Fran', '/pdsa member add Ben'))).toBe(
      'Which site is Ben at? Educators belong to a site: type e.g. /pdsa member add Ben to Lincoln (facilitators and admins need none). The sites are: Lincoln, Washington.',
    );
    expect(textOf(await h.command('Fran', '/pdsa member add Ben to Lincoln as boss'))).toContain(
      '"boss" is not a role. The roles are educator',
    );
    expect(textOf(await h.command('Fran', '/pdsa member add Ben to Jefferson'))).toBe(
      'There is no site "Jefferson". The sites are: Lincoln, Washington.',
    );
    expect(textOf(await h.command('Fran', '/pdsa member add Ana to Washington'))).toContain(
      'Ana is already in Literacy NIC, as an educator at Lincoln',
    );
    expect(textOf(await h.command('Fran', '/pdsa member ad Ben to Lincoln'))).toContain(
      'Did you mean /pdsa member add?',
    );
    expect(await memberOf('Ben')).toBeUndefined();
  });

  it('refuses a person who belongs to another network without naming it', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    await h.command('Nora', '/pdsa network create Numeracy NIC');
    await h.command('Nora', '/pdsa site add Roosevelt');
    const text = textOf(await h.command('Nora', '/pdsa member add Ana to Roosevelt'));
    expect(text).toBe(
      'Ana already belongs to another improvement network, and a person can be in one network per workspace. They would have to leave it first.',
    );
    expect(text).not.toContain('Literacy');
  });

  it('lets only admins make admins, and refuses an educator naming the facilitators', async () => {
    const s = await seedNetwork(t.db);
    const h = setupHarness(t.db);
    await h.command('Fran', '/pdsa member add Cara as facilitator');
    expect(textOf(await h.command('Ana', '/pdsa member add Ben to Lincoln'))).toBe(
      'Only facilitators and admins of Literacy NIC can add members. Ask Cara or Fran.',
    );
    expect(textOf(await h.command('Cara', '/pdsa member add Ben as admin'))).toBe(
      'Only admins of Literacy NIC can make admins. Ask Fran.',
    );
    expect(textOf(await h.command('Cara', '/pdsa member role Ana admin'))).toBe(
      'Only admins of Literacy NIC can make admins. Ask Fran.',
    );
    expect(textOf(await h.command('Cara', '/pdsa member role Fran educator'))).toBe(
      "Only admins of Literacy NIC can change an admin's role. Ask Fran.",
    );
    expect(textOf(await h.command('Cara', '/pdsa member role Ana to facilitator'))).toBe(
      'Ana is now a facilitator of Literacy NIC.',
    );
    expect((await memberOf('Ana'))?.role).toBe('facilitator');
    expect(textOf(await h.command('Cara', '/pdsa member role Wes chief'))).toContain('"chief" is not a role');
    expect((await memberOf('Fran'))?.role).toBe('admin');
    expect(s.fran.role).toBe('admin');
  });

  it('never demotes or removes the last admin', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    const text = textOf(await h.command('Fran', '/pdsa member role me facilitator'));
    expect(text).toContain('You are the only admin of Literacy NIC');
    expect(text).toContain('/pdsa member role @ana admin');
    expect(textOf(await h.command('Fran', '/pdsa member remove me'))).toContain('You are the only admin');
    await h.command('Fran', '/pdsa member role Wes admin');
    expect(textOf(await h.command('Fran', '/pdsa member role me facilitator'))).toBe(
      'You are now a facilitator of Literacy NIC.',
    );
  });
});

describe('members, move and remove', () => {
  it('lists name, site, role, pause and reachability, for a site or all', async () => {
    const s = await seedNetwork(t.db);
    await t.db
      .updateTable('members')
      .set({ paused_until: '2026-12-18' })
      .where('id', '=', s.ana.id)
      .execute();
    await t.db
      .updateTable('people')
      .set({ unreachable_at: new Date('2026-11-20T00:00:00Z'), unreachable_reason: 'user left' })
      .where('display_name', '=', 'Wes')
      .execute();
    const h = setupHarness(t.db);
    const all = textOf(await h.command('Ana', '/pdsa members'));
    expect(all).toContain('Ana: educator · Lincoln · paused until Fri 18 Dec 2026');
    expect(all).toContain("Wes: educator · Washington · can't be reached");
    expect(all).toContain('Fran: admin · no site');
    const lincoln = textOf(await h.command('Ana', '/pdsa members lincoln'));
    expect(lincoln).toContain('Members of Lincoln');
    expect(lincoln).not.toContain('Wes');
    expect(textOf(await h.command('Ana', '/pdsa members Jefferson'))).toBe(
      'There is no site "Jefferson". The sites are: Lincoln, Washington.',
    );
  });

  it('moves a member to another site', async () => {
    const s = await seedNetwork(t.db);
    const h = setupHarness(t.db);
    expect(textOf(await h.command('Fran', '/pdsa member move Ana to Washington'))).toContain(
      'Ana is now at Washington',
    );
    expect((await memberOf('Ana'))?.site_id).toBe(s.washington.id);
    expect(textOf(await h.command('Fran', '/pdsa member move Ana Washington'))).toContain('To which site?');
    expect(textOf(await h.command('Fran', '/pdsa member move Ana to none'))).toContain(
      'Educators belong to a site',
    );
  });

  it('removes a member without answers, and keeps one with answers, saying what to do instead', async () => {
    const s = await seedNetwork(t.db);
    const { cycle } = await seedCycle(t.db, s.network.id, s.lincoln.id, s.ana.id);
    const h = setupHarness(t.db);
    await h.command('Fran', '/pdsa member add Ben to Lincoln');
    const ben = (await memberOf('Ben'))!;
    await t.db.insertInto('cycle_participants').values({ cycle_id: cycle.id, member_id: ben.id }).execute();
    expect(textOf(await h.command('Fran', '/pdsa member remove Ben'))).toBe('Removed Ben from Literacy NIC.');
    expect(await memberOf('Ben')).toBeUndefined();
    expect(
      await t.db
        .selectFrom('cycle_participants')
        .select('member_id')
        .where('cycle_id', '=', cycle.id)
        .execute(),
    ).toEqual([{ member_id: s.ana.id }]);

    const refused = textOf(await h.command('Fran', '/pdsa member remove Ana'));
    expect(refused).toContain("Ana has check-ins in Literacy NIC's cycles");
    expect(refused).toContain('/pdsa pause Ana until <date>');
    expect(refused).toContain('/pdsa forget Ana');
    expect(await memberOf('Ana')).toBeDefined();
    expect(await t.db.selectFrom('checkins').select('id').execute()).toHaveLength(1);
  });

  it('lets a member without answers leave', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    expect(textOf(await h.command('Wes', '/pdsa member remove me'))).toContain('You have left Literacy NIC');
    expect(await memberOf('Wes')).toBeUndefined();
  });
});

describe('join and approve', () => {
  it('join → pending → approved with the button, notifying the facilitators and then the person', async () => {
    const s = await seedNetwork(t.db);
    const h = setupHarness(t.db);
    await h.command('Fran', '/pdsa member add Cara as facilitator');
    const asked = textOf(await h.command('Gus', '/pdsa join lincoln'));
    expect(asked).toBe(
      "I've asked the facilitators of Literacy NIC (Cara or Fran) to approve you joining Lincoln. I'll send you a message when they do.",
    );
    const gus = (await memberOf('Gus'))!;
    expect(gus).toMatchObject({ status: 'pending', role: 'educator', site_id: s.lincoln.id });

    const [request] = await deliveriesTo('Fran');
    expect(request).toMatchObject({ kind: 'join_request', network_id: s.network.id, status: 'pending' });
    const blocks = (request!.payload as { message: { blocks: { type: string; buttons?: unknown }[] } })
      .message.blocks;
    expect(blocks.find((b) => b.type === 'buttons')?.buttons).toEqual([
      { actionId: 'member.approve', label: 'Approve', value: String(gus.id), style: 'primary' },
    ]);
    expect(payloadText(request!.payload)).toContain(
      'Gus asks to join Literacy NIC as an educator at Lincoln',
    );
    expect(await deliveriesTo('Cara')).toHaveLength(2); // welcome, then the request

    expect(textOf(await h.command('Gus', '/pdsa sites'))).toContain("waiting for a facilitator's approval");
    expect(textOf(await h.press('Ana', 'member.approve', String(gus.id)))).toBe(
      'Only facilitators and admins of Literacy NIC can approve requests to join. Ask Cara or Fran.',
    );
    expect(textOf(await h.press('Fran', 'member.approve', String(gus.id)))).toContain(
      'Gus is now an educator at Lincoln in Literacy NIC',
    );
    expect((await memberOf('Gus'))?.status).toBe('active');
    const [approved] = await deliveriesTo('Gus');
    expect(approved).toMatchObject({ kind: 'welcome', dedupe_key: `approved:${gus.id}` });
    expect(payloadText(approved!.payload)).toContain('Fran approved your request');
    // A second facilitator pressing the same button changes nothing.
    expect(textOf(await h.press('Cara', 'member.approve', String(gus.id)))).toContain('already a member');
    expect(await deliveriesTo('Gus')).toHaveLength(1);
    expect(textOf(await h.command('Gus', '/pdsa sites'))).toContain('Lincoln');
  });

  it('approves by command, at another site if asked', async () => {
    const s = await seedNetwork(t.db);
    const h = setupHarness(t.db);
    await h.command('Gus', '/pdsa join Lincoln');
    expect(textOf(await h.command('Fran', '/pdsa approve @gus to Washington'))).toContain(
      'Gus is now an educator at Washington',
    );
    expect(await memberOf('Gus')).toMatchObject({ status: 'active', site_id: s.washington.id });
    expect(textOf(await h.command('Fran', '/pdsa approve Gus'))).toContain('already a member');
    expect(textOf(await h.command('Fran', '/pdsa approve Zed'))).toContain(
      'I don\'t know anyone called "Zed"',
    );
  });

  it('asks which network when two in the workspace have the site, and sees no other workspace', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    await h.command('Nora', '/pdsa network create Numeracy NIC');
    await h.command('Nora', '/pdsa site add Lincoln');
    const ambiguous = textOf(await h.command('Gus', '/pdsa join Lincoln'));
    expect(ambiguous).toContain(
      'More than one network has a site called "Lincoln": Literacy NIC, Numeracy NIC',
    );
    expect(ambiguous).toContain('/pdsa join Literacy NIC / Lincoln');
    expect(textOf(await h.command('Gus', '/pdsa join numeracy nic / lincoln'))).toContain(
      'facilitators of Numeracy NIC (Nora)',
    );
    expect(textOf(await h.command('Olga', '/pdsa join Lincoln', 'other-workspace'))).toContain(
      'No improvement network in this workspace has sites yet',
    );
    expect(textOf(await h.command('Hal', '/pdsa join Jefferson'))).toBe(
      'There is no site "Jefferson". The sites are: Literacy NIC / Lincoln, Literacy NIC / Washington, Numeracy NIC / Lincoln. Type /pdsa join <site>.',
    );
  });

  it('lets a facilitator decline a request by removing it, and refuses a second join', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    await h.command('Gus', '/pdsa join Washington');
    expect(textOf(await h.command('Gus', '/pdsa join Lincoln'))).toContain('You have already asked to join');
    expect(textOf(await h.command('Ana', '/pdsa join Lincoln'))).toContain('You are already in Literacy NIC');
    expect(textOf(await h.command('Fran', '/pdsa member remove Gus'))).toContain("Declined Gus's request");
    expect(await memberOf('Gus')).toBeUndefined();
    expect(payloadText((await deliveriesTo('Gus'))[0]!.payload)).toContain('was declined by Fran');
  });
});

describe('pause and resume', () => {
  it('pauses the caller until a date read in their time zone, and resumes', async () => {
    const s = await seedNetwork(t.db);
    const h = setupHarness(t.db);
    expect(textOf(await h.command('Ana', '/pdsa pause until friday'))).toContain(
      'No check-ins for you up to and including Fri 4 Dec 2026',
    );
    expect((await memberOf('Ana'))?.paused_until).toBe('2026-12-04');
    await h.command('Ana', '/pdsa pause for 2 weeks');
    expect((await memberOf('Ana'))?.paused_until).toBe('2026-12-14');
    expect(textOf(await h.command('Ana', '/pdsa resume'))).toContain('Welcome back');
    expect((await memberOf('Ana'))?.paused_until).toBeNull();
    expect(textOf(await h.command('Ana', '/pdsa resume'))).toContain('You are not paused');
    expect(s.ana.paused_until).toBeNull();
  });

  it('lets facilitators pause others (who are told), and no one else', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    expect(textOf(await h.command('Ana', '/pdsa pause Wes until friday'))).toBe(
      "Only facilitators and admins of Literacy NIC can pause someone else's check-ins. Ask Fran.",
    );
    expect(textOf(await h.command('Fran', '/pdsa pause @wes until dec 18'))).toContain(
      "No check-ins for Wes up to and including Fri 18 Dec 2026; they start again on the next school day after. I've let them know.",
    );
    expect(payloadText((await deliveriesTo('Wes'))[0]!.payload)).toContain('Fran paused your check-ins');
    expect(textOf(await h.command('Fran', '/pdsa resume Wes'))).toContain("Wes's check-ins go out again");
    expect((await memberOf('Wes'))?.paused_until).toBeNull();
  });

  it('answers bad dates with what to type', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    const bad = textOf(await h.command('Ana', '/pdsa pause until someday'));
    expect(bad).toContain('I couldn\'t read "someday" as a date');
    expect(bad).toContain('/pdsa pause until friday');
    expect(textOf(await h.command('Ana', '/pdsa pause until 2026-11-01'))).toContain(
      'Sun 1 Nov 2026 has passed. Type a later day, e.g. /pdsa pause until 2026-12-07',
    );
    expect(textOf(await h.command('Ana', '/pdsa pause until 12/18'))).toContain(
      'read differently in different countries',
    );
    expect(textOf(await h.command('Ana', '/pdsa pause'))).toContain('Until when?');
    expect((await memberOf('Ana'))?.paused_until).toBeNull();
  });
});
