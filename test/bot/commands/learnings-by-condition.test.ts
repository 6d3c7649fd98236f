import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { botHarness, seedNetwork, textOf } from '../support/bot-harness.ts';
import { type Outcome, type SeededNetwork, seedFigure, seedOutcome } from '../support/evidence-seed.ts';

// `/pdsa learnings idea <n>` on a real database: one idea tested at middle
// and high schools, one school changing level between its cycles, results
// set against predictions and against each site's weeks before the cycle.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const cycleOf = (s: SeededNetwork, site: number, idea: number, startsOn: string, outcome: Outcome) =>
  seedOutcome(t.db, s, site, idea, startsOn, outcome);
const figure = (s: SeededNetwork, site: number, idea: number, day: string, value: number) =>
  seedFigure(t.db, s, site, idea, day, value);

describe('learnings by condition', () => {
  it('groups an idea by the level each school had when each cycle began, in counts, with results against predictions and baselines', async () => {
    const s = await seedNetwork(t.db);
    const h = botHarness(t.db);
    const say = async (who: string, line: string) => textOf(await h.command(who, `/pdsa ${line}`));
    await say('Fran', 'site add Oak');
    await say('Fran', 'site add Pine');
    await say('Fran', 'network conditions level: elementary, middle, high');
    await say('Fran', 'site Lincoln set level middle');
    await say('Fran', 'site Washington set level middle');
    await say('Fran', 'site Oak set level high');
    await say('Fran', 'site Pine set level high');
    await say('Fran', 'site Lincoln set level high from 2026-11-01');
    const [oak, pine] = await Promise.all(
      ['Oak', 'Pine'].map(
        async (n) =>
          (await t.db.selectFrom('sites').select('id').where('name', '=', n).executeTakeFirstOrThrow()).id,
      ),
    );
    const other = await t.db
      .insertInto('change_ideas')
      .values({ network_id: s.network.id, text: 'Something else' })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Oak's weeks before its cycle: 0.70 and 0.72, so its baseline is 0.71.
    await figure(s, oak!, other.id, '2026-09-22', 0.7);
    await figure(s, oak!, other.id, '2026-10-06', 0.72);

    const idea = s.idea.id;
    await cycleOf(s, s.lincoln.id, idea, '2026-10-05', {
      predicted: 0.75,
      result: 0.8,
      decision: 'adopt',
      learned: 'Names matter.',
    });
    await cycleOf(s, s.washington.id, idea, '2026-10-05', {
      predicted: 0.75,
      result: 0.78,
      decision: 'adopt',
    });
    await cycleOf(s, oak!, idea, '2026-10-12', {
      predicted: 0.8,
      result: 0.75,
      decision: 'abandon',
      learned: 'Late buses, not greetings.',
    });
    await cycleOf(s, pine!, idea, '2026-10-12', { predicted: 0.8, result: 0.71, decision: 'abandon' });
    await cycleOf(s, s.lincoln.id, idea, '2026-11-09', { predicted: 0.8 });

    const text = await say('Ana', `learnings idea ${s.idea.number}`);
    expect(text).toContain(`What Literacy NIC has learned about idea ${s.idea.number}`);
    expect(text).toContain('Tested in 5 cycles at 4 sites.');
    expect(text).toContain(
      '• middle (2 sites: Lincoln and Washington): Adopted at 2 of 2; results came in 3–5 percentage points above their predictions.',
    );
    expect(text).toContain(
      "• high (3 sites: Lincoln, Oak and Pine): Abandoned at 2 of 3, still testing at 1 of 3; results came in 5–9 percentage points below their predictions; 1 of 1 result better than their site's baseline (1 with no baseline).",
    );
    expect(text).toContain('• Not tested yet where level is elementary.');
    expect(text).toContain(`• Oak (high), cycle #`);
    expect(text).toContain('“Late buses, not greetings.”');
    expect(text).toContain('• Lincoln (middle), cycle #');
    // The same answer from `learnings <n>`, and a clear one for an idea that is not there.
    expect(await say('Ana', `learnings ${s.idea.number}`)).toBe(text);
    expect(await say('Ana', 'learnings idea 999')).toBe(
      'There is no change idea 999. Type /pdsa ideas to see them.',
    );
    expect(await say('Ana', 'learnings idea')).toBe(
      'Which idea? Type e.g. /pdsa learnings idea 3; /pdsa ideas lists them.',
    );
  });

  it('without conditions, says how to add them; without cycles, how to test the idea', async () => {
    const s = await seedNetwork(t.db);
    const h = botHarness(t.db);
    const say = async (line: string) => textOf(await h.command('Ana', `/pdsa ${line}`));
    expect(await say(`learnings idea ${s.idea.number}`)).toContain(
      `No site has tested it yet. Start a cycle: /pdsa start <site> idea ${s.idea.number}.`,
    );
    await cycleOf(s, s.lincoln.id, s.idea.id, '2026-10-05', {
      predicted: 0.75,
      result: 0.8,
      decision: 'adopt',
    });
    expect(await say(`learnings idea ${s.idea.number}`)).toContain(
      'The network has no site conditions yet, so the evidence cannot be split by them',
    );
  });
});
