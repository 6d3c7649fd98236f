import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { plainText } from '../../src/core/message-model.ts';
import { buildDigest } from '../../src/digest/build-digest.ts';
import { botHarness, seedNetwork, textOf } from '../bot/support/bot-harness.ts';
import { seedOutcome } from '../bot/support/evidence-seed.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

// The first digest posted each month carries "What we're learning": the
// ideas with new results or decisions since the last one, what all their
// evidence says by site condition as it stood at the end of the digest's
// week, and what no site has tried yet. The other digests do not.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const NOW = new Date('2026-12-07T15:00:00Z'); // Monday 7 December, 09:00 in Chicago

async function network() {
  const s = await seedNetwork(t.db);
  const h = botHarness(t.db, NOW);
  const say = async (line: string) => textOf(await h.command('Fran', `/pdsa ${line}`));
  await say('network conditions level: middle, high');
  await say('site Lincoln set level middle');
  await say('site Washington set level high');
  await say('driver add Belonging');
  await say(`idea ${s.idea.number} driver Belonging`);
  await say('idea add Morning circle driver Belonging');
  await say('driver add Families can help');
  await seedOutcome(t.db, s, s.lincoln.id, s.idea.id, '2026-10-05', {
    predicted: 0.7,
    result: 0.75,
    decision: 'adopt',
  });
  await seedOutcome(t.db, s, s.lincoln.id, s.idea.id, '2026-11-16', {
    predicted: 0.7,
    result: 0.78,
    decision: 'adopt',
  });
  await seedOutcome(t.db, s, s.washington.id, s.idea.id, '2026-11-23', {
    predicted: 0.8,
    result: 0.71,
    decision: 'abandon',
  });
  // After the week of the December digest: not known to it.
  await seedOutcome(t.db, s, s.washington.id, s.idea.id, '2026-12-08', {
    predicted: 0.8,
    result: 0.9,
    decision: 'adopt',
  });
  return { s, h };
}

const text = (blocks: { type: string; text?: string }[]) =>
  blocks.flatMap((b) => (b.text !== undefined ? [plainText(b.text)] : [])).join('\n');

describe("the digest's monthly learning section", () => {
  it('is in the first digest of December, about the weeks since the first of November, as known then', async () => {
    const { s } = await network();
    const built = await buildDigest(t.db, s.network.id, '2026-W49', { now: NOW, renderChart: false });
    const details = text(built.composed.details.blocks);
    expect(details).toContain("What we're learning (2 Nov – 6 Dec 2026)");
    expect(details).toContain(
      'Idea 1: Greet every student at the door (Belonging): 2 new results, 2 new decisions. So far 3 cycles at 2 sites: adopted at 1 of 2, abandoned at 1 of 2.',
    );
    expect(details).toContain(
      '• By level: too few sites yet to say anything about middle (1 site) and high (1 site).',
    );
    expect(details).toContain('• Belonging: idea 2 (Morning circle).');
    expect(details).toContain('• No change idea yet under: Families can help.');
    expect(text(built.composed.main.blocks)).toContain(
      "What we're learning this month: new evidence on 1 change idea, by site condition, in the thread.",
    );
  });

  it('names an idea whose only news is a decision, and leaves out one whose evidence is all older', async () => {
    const { s, h } = await network();
    await h.command('Fran', '/pdsa idea add Reading buddies driver Belonging');
    const ideas = await t.db
      .selectFrom('change_ideas')
      .select(['id', 'number'])
      .where('network_id', '=', s.network.id)
      .execute();
    const idea = (n: number) => ideas.find((i) => i.number === n)!.id;
    // Morning circle: its result came in October, its decision in the window.
    const decidedLater = await seedOutcome(t.db, s, s.lincoln.id, idea(2), '2026-10-12', {
      predicted: 0.6,
      result: 0.65,
    });
    await t.db
      .updateTable('cycles')
      .set({ phase: 'closed', decision: 'adapt', decided_at: new Date('2026-11-20T18:00:00Z') })
      .where('id', '=', decidedLater)
      .execute();
    // Reading buddies: tested and decided in October only.
    await seedOutcome(t.db, s, s.washington.id, idea(3), '2026-10-19', {
      predicted: 0.5,
      result: 0.55,
      decision: 'adopt',
    });
    const built = await buildDigest(t.db, s.network.id, '2026-W49', { now: NOW, renderChart: false });
    const details = text(built.composed.details.blocks);
    expect(details).toContain('Idea 2: Morning circle (Belonging): 1 new decision.');
    expect(details).not.toContain('Idea 3:');
    expect(text(built.composed.main.blocks)).toContain('new evidence on 2 change ideas');
  });

  it('is not in the other digests of the month', async () => {
    const { s } = await network();
    const built = await buildDigest(t.db, s.network.id, '2026-W48', { now: NOW, renderChart: false });
    expect(text(built.composed.details.blocks)).not.toContain("What we're learning");
    expect(text(built.composed.main.blocks)).not.toContain("What we're learning");
  });

  it('comes on demand with `/pdsa digest learning`, for the last four weeks, to any member', async () => {
    const { h } = await network();
    const reply = textOf(await h.command('Ana', '/pdsa digest learning'));
    expect(reply).toContain("Literacy NIC: what we're learning");
    expect(reply).toContain(
      'Idea 1: Greet every student at the door (Belonging): 2 new results, 2 new decisions.',
    );
    expect(reply).toContain(
      "What we're learning (10 Nov – 7 Dec 2026). By idea: /pdsa learnings idea <number>.",
    );
  });
});
