import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { seedCycle, seedNetwork, setupHarness, textOf } from './setup-harness.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

describe('network create', () => {
  it('makes the creator its admin, with the aim and time zone given (quotes optional)', async () => {
    const h = setupHarness(t.db);
    const result = await h.command(
      'Fran',
      '/pdsa network create Literacy NIC aim 90% of 3rd graders read on grade level by June 2027 tz America/Denver',
    );
    expect(textOf(result)).toContain('You are its admin');
    const network = await t.db.selectFrom('networks').selectAll().executeTakeFirstOrThrow();
    expect(network).toMatchObject({
      name: 'Literacy NIC',
      aim: '90% of 3rd graders read on grade level by June 2027',
      time_zone: 'America/Denver',
    });
    const member = await t.db
      .selectFrom('members')
      .innerJoin('people', 'people.id', 'members.person_id')
      .select(['people.display_name', 'members.role', 'members.status', 'members.network_id'])
      .executeTakeFirstOrThrow();
    expect(member).toEqual({ display_name: 'Fran', role: 'admin', status: 'active', network_id: network.id });
  });

  it('uses the default time zone without tz, reads a city, and encourages an aim', async () => {
    const h = setupHarness(t.db);
    const result = await h.command('Fran', '/pdsa network create "Math Circle"');
    expect(textOf(result)).toContain('America/Chicago (the default');
    expect(textOf(result)).toContain('It has no aim yet');
    const other = await h.command('Gus', 'network create Science NIC tz new york');
    expect(textOf(other)).toContain('is set up');
    const zones = await t.db.selectFrom('networks').select(['name', 'time_zone']).orderBy('id').execute();
    expect(zones).toEqual([
      { name: 'Math Circle', time_zone: 'America/Chicago' },
      { name: 'Science NIC', time_zone: 'America/New_York' },
    ]);
  });

  it('refuses someone already in a network, naming it and how to leave', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    const text = textOf(await h.command('Ana', '/pdsa network create Other NIC'));
    expect(text).toContain('You already belong to Literacy NIC (as educator)');
    expect(text).toContain('/pdsa member remove me');
    expect(await t.db.selectFrom('networks').select('name').execute()).toHaveLength(1);
  });

  it('refuses a taken name, a missing name and a bad time zone with what to type', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    expect(textOf(await h.command('Gus', '/pdsa network create literacy nic'))).toContain(
      'There is already a network called "literacy nic"',
    );
    expect(textOf(await h.command('Gus', '/pdsa network create aim better reading'))).toContain(
      'What is the network called?',
    );
    const bad = textOf(await h.command('Gus', '/pdsa network create Gus NIC tz Mars/Olympus'));
    expect(bad).toContain('I don\'t know the time zone "Mars/Olympus"');
    expect(bad).toContain('/pdsa network create "Gus NIC" tz America/Chicago');
    const abbreviation = textOf(await h.command('Gus', '/pdsa network create Gus NIC tz EST'));
    expect(abbreviation).toContain('"EST" is an abbreviation');
    expect(abbreviation).toContain('tz America/New_York');
    expect(await t.db.selectFrom('networks').select('name').execute()).toHaveLength(1);
  });
});

describe('network show and settings', () => {
  it('shows name, aim, time zone, digest and counts to any member', async () => {
    const s = await seedNetwork(t.db);
    await seedCycle(t.db, s.network.id, s.lincoln.id, s.ana.id);
    const h = setupHarness(t.db);
    const text = textOf(await h.command('Ana', '/pdsa network'));
    expect(text).toContain('Aim: Every 3rd grader reads on grade level');
    expect(text).toContain('Time zone: America/Chicago');
    expect(text).toContain('Weekly digest: Mondays at 08:00 (America/Chicago); no channel yet');
    expect(text).toContain('Sites: 2');
    expect(text).toContain('Members: 3');
    expect(text).toContain('Measures: 1');
    expect(text).toContain('Active cycles: 1');
    expect(textOf(await h.command('Ana', '/pdsa network show'))).toEqual(text);
  });

  it('refuses an educator who tries to change it, naming the facilitators', async () => {
    const s = await seedNetwork(t.db);
    const h = setupHarness(t.db);
    const text = textOf(await h.command('Ana', '/pdsa network aim Everyone reads'));
    expect(text).toBe("Only facilitators and admins of Literacy NIC can change the network's aim. Ask Fran.");
    const network = await t.db
      .selectFrom('networks')
      .select('aim')
      .where('id', '=', s.network.id)
      .executeTakeFirstOrThrow();
    expect(network.aim).toBe('Every 3rd grader reads on grade level');
  });

  it('lets a facilitator change the aim, the time zone and the digest time', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    expect(textOf(await h.command('Fran', '/pdsa network aim "90% read on grade level by June"'))).toContain(
      'is now: 90% read on grade level by June',
    );
    expect(textOf(await h.command('Fran', '/pdsa network tz Europe/London'))).toContain(
      'now keeps time in Europe/London',
    );
    expect(textOf(await h.command('Fran', '/pdsa network digest friday 3pm'))).toContain(
      'goes out on Fridays at 15:00 (Europe/London)',
    );
    const n = await t.db.selectFrom('networks').selectAll().executeTakeFirstOrThrow();
    expect(n).toMatchObject({
      aim: '90% read on grade level by June',
      time_zone: 'Europe/London',
      digest_weekday: 5,
      digest_hour: 15,
    });
  });

  it('answers digest mistakes with what to type', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    expect(textOf(await h.command('Fran', '/pdsa network digest friday 3:30pm'))).toContain(
      'The digest goes out on the hour. Type `/pdsa network digest friday 15:00`'.replaceAll('`', ''),
    );
    expect(textOf(await h.command('Fran', '/pdsa network digest funday 3pm'))).toContain(
      'network digest friday 3pm',
    );
    expect(textOf(await h.command('Fran', '/pdsa network digest friday'))).toContain(
      'At what hour on Fridays?',
    );
    expect(textOf(await h.command('Fran', '/pdsa network tz'))).toContain('/pdsa network tz America/Chicago');
    expect(textOf(await h.command('Fran', '/pdsa network colour blue'))).toContain(
      'After network you can type: create, show, aim, tz, digest, channel',
    );
  });

  it('makes the current conversation the digest channel, publicly', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    const result = await h.command('Fran', '/pdsa network channel here');
    expect(result.replies[0]!.visibility).toBe('public');
    expect(textOf(result)).toContain('Fran chose this conversation for the weekly digest of Literacy NIC');
    const n = await t.db.selectFrom('networks').selectAll().executeTakeFirstOrThrow();
    expect(n.digest_platform).toBe('shell');
    expect(n.digest_address).toEqual({ platform: 'shell', channel: 'C-general', name: 'general' });
    expect(textOf(await h.command('Ana', '/pdsa network'))).toContain('in general (shell)');
  });

  it('refuses `network channel here` when the event has no conversation', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    const result = await h.send({
      kind: 'command',
      actor: h.actor('Fran'),
      text: '/pdsa network channel here',
    });
    expect(textOf(result)).toContain("I can't tell which conversation this is");
    const n = await t.db.selectFrom('networks').selectAll().executeTakeFirstOrThrow();
    expect(n.digest_address).toBeNull();
  });
});

describe('exactly once', () => {
  it('changes nothing when the same event id arrives twice', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    const event = {
      kind: 'command' as const,
      eventId: 'slack-retry-1',
      actor: h.actor('Fran'),
      text: '/pdsa site add Jefferson',
    };
    const first = await h.send(event);
    expect(textOf(first)).toContain('Added the site Jefferson');
    const second = await h.send(event);
    expect(second).toEqual({ replies: [], duplicate: true });
    const joinEvent = {
      kind: 'command' as const,
      eventId: 'join-1',
      actor: h.actor('Gus'),
      text: 'join Lincoln',
    };
    await h.send(joinEvent);
    await h.send(joinEvent);
    expect(
      await t.db.selectFrom('sites').select('name').where('name', '=', 'Jefferson').execute(),
    ).toHaveLength(1);
    expect(
      await t.db.selectFrom('members').select('id').where('status', '=', 'pending').execute(),
    ).toHaveLength(1);
    expect(await t.db.selectFrom('deliveries').select('id').execute()).toHaveLength(1);
  });
});
