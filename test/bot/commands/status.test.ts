import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { botHarness, seedNetwork, textOf } from '../support/bot-harness.ts';

// How long a check-in has waited is counted in the days a school is open:
// a prompt that waited out a winter break is not "18 days" overdue.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

async function promptedAt(at: Date) {
  await t.db.updateTable('checkins').set({ prompted_at: at }).where('status', '=', 'open').execute();
}

describe('/pdsa status, overdue check-ins', () => {
  it('counts school days, and says the prompt came before the break it waited out', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db, new Date('2026-12-14T15:00:00Z'));
    await h.command('Fran', '/pdsa site break Lincoln 2026-12-21 to 2027-01-01 Winter break');
    await h.command('Fran', '/pdsa start Lincoln owner @Ana from 2026-12-14 to 2027-01-15');
    await promptedAt(new Date('2026-12-18T14:00:00Z')); // Friday, the last school day before the break
    h.setNow(new Date('2027-01-05T17:00:00Z')); // Tuesday, the second school day after it
    const status = textOf(await h.command('Fran', '/pdsa status'));
    expect(status).toContain(
      'Ana (Lincoln): Plan for cycle #1, asked 2 school days ago, before Winter break',
    );
    expect(status).not.toMatch(/18 days ago/);
  });

  it('counts school days without a break, leaving out the weekend', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db, new Date('2026-11-30T15:00:00Z'));
    await h.command('Fran', '/pdsa start Lincoln owner @Ana');
    await promptedAt(new Date('2026-12-04T14:00:00Z')); // Friday
    h.setNow(new Date('2026-12-08T17:00:00Z')); // Tuesday
    expect(textOf(await h.command('Fran', '/pdsa status'))).toContain(
      'Ana (Lincoln): Plan for cycle #1, asked 2 school days ago',
    );
  });
});
