import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { botHarness, seedNetwork, textOf } from './support/bot-harness.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

async function answeredPlan() {
  const s = await seedNetwork(t.db);
  const h = botHarness(t.db);
  await h.command('Fran', '/pdsa start Lincoln owner @Ana');
  await t.db.updateTable('checkins').set({ prompted_at: h.now() }).execute();
  for (const line of ['Does it help?', 'Greeting', '10/20', 'skip', 'Ana at the door', 'A tally'])
    await h.reply('Ana', line);
  return { s, h };
}

describe('privacy', () => {
  it('gives a member everything the bot keeps about them with `export me`', async () => {
    const { h } = await answeredPlan();
    const result = await h.command('Ana', '/pdsa export me');
    const files = result.replies[0]!.message.blocks.flatMap((b) => (b.type === 'file' ? [b] : []));
    expect(files.map((f) => f.title)).toEqual(['Profile', 'Check-ins', 'Earlier versions', 'Reply texts']);
    expect(files[0]!.content).toContain('Ana,shell,ana,');
    expect(files[1]!.content).toContain('plan,answered');
    expect(files[3]!.content).toContain('Ana at the door');
  });

  it('lets only an admin forget a member, replacing their name and deleting their reply texts', async () => {
    const { s, h } = await answeredPlan();
    expect(textOf(await h.command('Ben', '/pdsa forget @Ana'))).toContain('Only admins of Literacy NIC can');
    const done = await h.command('Fran', '/pdsa forget @Ana');
    expect(textOf(done)).toContain(`Former member ${s.ana.id}`);
    const person = await t.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', s.ana.person_id)
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({
      display_name: `Former member ${s.ana.id}`,
      address: null,
      time_zone: null,
    });
    expect(await t.db.selectFrom('raw_replies').selectAll().execute()).toHaveLength(0);
    // The network keeps what was learned, under the neutral name.
    expect(textOf(await h.command('Fran', '/pdsa cycle 1'))).toContain(`Former member ${s.ana.id}`);
    expect(
      (
        await t.db
          .selectFrom('checkins')
          .select('value')
          .where('phase', '=', 'plan')
          .executeTakeFirstOrThrow()
      ).value,
    ).toBe(0.5);
  });
});
