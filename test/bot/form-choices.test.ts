import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { botHarness, seedNetwork } from './support/bot-harness.ts';

// A platform that cannot list a long menu (Slack: 100 options) asks the bot
// for the choices matching what the person typed. The bot rebuilds the form
// as that person would see it, so nobody finds what their form would not
// offer them.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

async function bigNetwork() {
  const s = await seedNetwork(t.db);
  await t.db
    .insertInto('sites')
    .values(Array.from({ length: 120 }, (_, i) => ({ network_id: s.network.id, name: `School ${i + 1}` })))
    .execute();
  return s;
}

describe('Bot.choices', () => {
  it("searches the start form's sites, ideas and measures by name", async () => {
    await bigNetwork();
    const h = botHarness(t.db);
    const fran = h.actor('Fran');
    const sites = await h.bot.choices(fran, 'cycle.start', 'site', 'school 11');
    expect(sites[0]?.label).toBe('School 11');
    expect(sites.map((c) => c.label)).toContain('School 119');
    expect(sites).toHaveLength(11);
    expect((await h.bot.choices(fran, 'cycle.start', 'idea', 'greet')).map((c) => c.label)).toEqual([
      '1 · Greet every student at the door',
    ]);
    expect((await h.bot.choices(fran, 'cycle.start', 'measure', 'time')).map((c) => c.label)).toEqual([
      'On-time arrival',
    ]);
    expect(await h.bot.choices(fran, 'cycle.start', 'site', '')).toHaveLength(100);
  });

  it('searches the next-cycle form of a ramp too', async () => {
    const s = await bigNetwork();
    const h = botHarness(t.db);
    await h.command('Fran', `/pdsa start Lincoln idea ${s.idea.id} owner @Ana for 2 weeks`);
    const found = await h.bot.choices(h.actor('Fran'), 'cycle.start:1', 'site', 'linc');
    expect(found.map((c) => c.label)).toEqual(['Lincoln']);
  });

  it('finds nothing outside the network, in an unknown form or input, or in a field that is not a search', async () => {
    await bigNetwork();
    const h = botHarness(t.db);
    expect(await h.bot.choices(h.actor('Nobody'), 'cycle.start', 'site', 'school')).toEqual([]);
    expect(await h.bot.choices(h.actor('Fran'), 'no.such.form', 'site', 'school')).toEqual([]);
    expect(await h.bot.choices(h.actor('Fran'), 'cycle.start', 'owner', 'fran')).toEqual([]);
    expect(await h.bot.choices(h.actor('Fran'), 'cycle.start:999', 'site', 'school')).toEqual([]);
  });
});
