import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { botHarness, seedNetwork, textOf } from '../support/bot-harness.ts';

// What the bot says after an answer is true at the moment it says it: what
// the test is doing by then, who will be asked next and when, and who is
// still to answer.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const PLAN = {
  question: 'Does greeting raise on-time arrival?',
  change: 'Greet each student by name',
  prediction: '18/24',
  logistics: 'Ana at the door, 7:50 to 8:05',
  dataCollection: 'A tally at the bell',
};
const DO = { asPlanned: 'yes', unexpected: '', dataSoFar: '' };

async function checkinOf(name: string, phase: 'plan' | 'do' | 'study') {
  const row = await t.db
    .selectFrom('checkins')
    .innerJoin('members', 'members.id', 'checkins.member_id')
    .innerJoin('people', 'people.id', 'members.person_id')
    .select('checkins.id')
    .where('people.display_name', '=', name)
    .where('checkins.phase', '=', phase)
    .executeTakeFirstOrThrow();
  return `checkin:${row.id}`;
}

describe('after the Plan', () => {
  it('says when the test starts, when it has not started yet', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db, new Date('2026-11-30T15:00:00Z')); // Monday
    await h.command('Fran', '/pdsa start Lincoln owner @Ana from 2026-12-07 to 2026-12-18');
    const said = textOf(await h.submit('Ana', await checkinOf('Ana', 'plan'), PLAN));
    expect(said).toContain('The test starts on Mon 7 Dec and runs until Fri 18 Dec.');
    expect(said).toContain('Everyone taking part will be asked how it went on Mon 14 Dec.');
    expect(said).not.toContain('Now run the test');
  });

  it('says to run it now, until its end, when it is under way', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db, new Date('2026-11-30T15:00:00Z'));
    await h.command('Fran', '/pdsa start Lincoln owner @Ana from 2026-11-30 to 2026-12-11');
    const said = textOf(await h.submit('Ana', await checkinOf('Ana', 'plan'), PLAN));
    expect(said).toContain('Now run the test, until Fri 11 Dec.');
  });
});

describe('after the Do', () => {
  it('does not say "now run the test" a week into it, and says when the result is asked', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db, new Date('2026-11-30T15:00:00Z'));
    await h.command('Fran', '/pdsa start Lincoln owner @Ana from 2026-11-30 to 2026-12-11');
    await h.submit('Ana', await checkinOf('Ana', 'plan'), PLAN);
    h.setNow(new Date('2026-12-07T15:00:00Z'));
    const said = textOf(await h.submit('Ana', await checkinOf('Ana', 'do'), DO));
    expect(said).not.toContain('Now run the test');
    expect(said).toContain('Keep the test going until Fri 11 Dec.');
    expect(said).toContain("I'll ask you for the result on Fri 11 Dec.");
  });

  it('names the owner, not "you", when a participant gives the last Do answer', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db, new Date('2026-11-30T15:00:00Z'));
    await h.command('Fran', '/pdsa start Lincoln owner @Ana with @Ben from 2026-11-30 to 2026-12-11');
    await h.submit('Ana', await checkinOf('Ana', 'plan'), PLAN);
    h.setNow(new Date('2026-12-07T15:00:00Z'));
    const first = textOf(await h.submit('Ana', await checkinOf('Ana', 'do'), DO));
    expect(first).toContain('Waiting for Ben: the cycle moves on to Study when they have answered.');
    const last = textOf(await h.submit('Ben', await checkinOf('Ben', 'do'), DO));
    expect(last).toContain('Ana will be asked for the result on Fri 11 Dec.');
    expect(last).not.toContain("I'll ask you");
  });

  it('after an edit of the only Do answer, does not say the cycle waits for everyone', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db, new Date('2026-11-30T15:00:00Z'));
    await h.command('Fran', '/pdsa start Lincoln owner @Ana from 2026-11-30 to 2026-12-11');
    await h.submit('Ana', await checkinOf('Ana', 'plan'), PLAN);
    h.setNow(new Date('2026-12-07T15:00:00Z'));
    const doId = await checkinOf('Ana', 'do');
    await h.submit('Ana', doId, DO);
    const edited = textOf(await h.submit('Ana', doId, { ...DO, asPlanned: 'partly' }));
    expect(edited).toContain('is updated');
    expect(edited).not.toContain('when every participant has answered');
    expect(edited).not.toContain('Waiting');
  });
});
