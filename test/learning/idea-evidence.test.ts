import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { evidenceByCondition } from '../../src/core/evidence/by-condition.ts';
import { loadIdeaRecords } from '../../src/learning/idea-evidence.ts';
import { seedNetwork } from '../bot/support/bot-harness.ts';
import { type SeededNetwork, seedOutcome } from '../bot/support/evidence-seed.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

// What the learnings know about an idea's cycles, read as they stood at a
// moment (a digest of a past week) and, for the monthly section, with
// only the latest lesson.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const cyclesOf = async (s: SeededNetwork, options: Parameters<typeof loadIdeaRecords>[3] = {}) => {
  const { ideas } = await loadIdeaRecords(t.db, s.network, [s.idea.id], options);
  return ideas[0]!.cycles;
};

describe('the cycles of an idea', () => {
  it('as they stood at a moment: later cycles, results, lessons, decisions and next steps are not known yet', async () => {
    const s = await seedNetwork(t.db);
    await seedOutcome(t.db, s, s.lincoln.id, s.idea.id, '2026-11-02', {
      predicted: 0.6,
      result: 0.7,
      decision: 'adopt',
      learned: 'Known.',
    });
    // Begun before the moment; its result came at 20:00 and its decision at 21:00 that day.
    await seedOutcome(t.db, s, s.washington.id, s.idea.id, '2026-11-09', {
      predicted: 0.5,
      result: 0.8,
      decision: 'abandon',
      learned: 'Not known yet.',
    });
    await seedOutcome(t.db, s, s.lincoln.id, s.idea.id, '2026-11-16', { predicted: 0.9 });

    const then = await cyclesOf(s, { asOf: new Date('2026-11-09T20:30:00Z') });
    expect(
      then.map((c) => ({
        site: c.site,
        closed: c.closed,
        decision: c.decision,
        predicted: c.predicted?.value,
        result: c.result?.value ?? null,
        learned: c.learned,
        nextStep: c.nextStep,
      })),
    ).toEqual([
      {
        site: 'Lincoln',
        closed: true,
        decision: 'adopt',
        predicted: 0.6,
        result: 0.7,
        learned: 'Known.',
        nextStep: 'Keep going.',
      },
      {
        site: 'Washington',
        closed: false,
        decision: null,
        predicted: 0.5,
        result: 0.8,
        learned: 'Not known yet.',
        nextStep: null,
      },
    ]);

    const earlier = await cyclesOf(s, { asOf: new Date('2026-11-09T19:00:00Z') });
    expect(earlier[1]).toMatchObject({ result: null, learned: null, decision: null, closed: false });

    const now = await cyclesOf(s);
    expect(now.map((c) => c.decision)).toEqual(['adopt', 'abandon', null]);
    expect(now[1]).toMatchObject({ closed: true, nextStep: 'Keep going.' });
  });

  it("with only the latest lesson: the newest cycle's that is not blank, however many blank ones came after it", async () => {
    const s = await seedNetwork(t.db);
    await seedOutcome(t.db, s, s.lincoln.id, s.idea.id, '2026-01-05', {
      predicted: 0.5,
      result: 0.6,
      learned: 'The oldest lesson.',
    });
    await seedOutcome(t.db, s, s.washington.id, s.idea.id, '2026-01-12', {
      predicted: 0.5,
      result: 0.6,
      decision: 'adapt',
      learned: 'The latest lesson.',
    });
    // More blank lessons than are read at a time.
    for (let week = 0; week < 20; week++) {
      const day = new Date(Date.UTC(2026, 1, 2 + 7 * week)).toISOString().slice(0, 10);
      await seedOutcome(t.db, s, s.lincoln.id, s.idea.id, day, {
        predicted: 0.5,
        result: 0.6,
        learned: week % 2 ? ' \n\t ' : '\u00a0',
      });
    }

    const all = await cyclesOf(s);
    const latest = await cyclesOf(s, { answers: 'latestLesson' });
    expect(latest.filter((c) => c.learned !== null)).toEqual([
      expect.objectContaining({ site: 'Washington', learned: 'The latest lesson.', nextStep: 'Keep going.' }),
    ]);
    expect(all.filter((c) => c.learned !== null).map((c) => c.learned)).toEqual([
      'The oldest lesson.',
      'The latest lesson.',
    ]);
    // Everything else is the same either way.
    const strip = (cycles: typeof all) => cycles.map(({ learned, nextStep, ...rest }) => rest);
    expect(strip(latest)).toEqual(strip(all));
  });

  it('count the first answered Plan and Study of a cycle whose owner changed', async () => {
    const s = await seedNetwork(t.db);
    const cycle = await seedOutcome(t.db, s, s.lincoln.id, s.idea.id, '2026-11-02', {
      predicted: 0.6,
      result: 0.7,
      learned: 'First owner.',
    });
    for (const [phase, value, answer] of [
      ['plan', 0.9, { question: 'q', prediction: { value: 0.9 } }],
      ['study', 0.1, { result: { value: 0.1 }, learned: 'Second owner.' }],
    ] as const)
      await t.db
        .insertInto('checkins')
        .values({
          cycle_id: cycle,
          member_id: s.ben.id,
          phase,
          status: 'answered',
          due_at: new Date('2026-11-03T14:00:00Z'),
          answered_at: new Date('2026-11-03T14:00:00Z'),
          value,
          answer,
        })
        .execute();

    for (const answers of ['all', 'latestLesson'] as const) {
      const cycles = await cyclesOf(s, { answers });
      expect(cycles).toHaveLength(1);
      expect(cycles[0]).toMatchObject({
        predicted: { value: 0.6 },
        result: { value: 0.7 },
        learned: 'First owner.',
      });
    }
  });

  it('without counts, as the monthly section reads them: each figure is its value alone, and the evidence on the idea is the same', async () => {
    const s = await seedNetwork(t.db);
    await seedOutcome(t.db, s, s.lincoln.id, s.idea.id, '2026-11-02', { predicted: 0.5, result: 0.75 });
    await seedOutcome(t.db, s, s.washington.id, s.idea.id, '2026-11-09', {
      predicted: 0.6,
      result: 0.4,
      decision: 'abandon',
    });
    // Figures typed as fractions ("15/20"), as most are.
    await t.db
      .updateTable('checkins')
      .set((eb) => ({ numerator: eb('value', '*', 20), denominator: 20 }))
      .where('value', 'is not', null)
      .execute();

    const { conditions, ideas } = await loadIdeaRecords(t.db, s.network, [s.idea.id]);
    const bare = await loadIdeaRecords(t.db, s.network, [s.idea.id], { counts: false });
    expect(ideas[0]!.cycles.map((c) => [c.predicted, c.result])).toEqual([
      [
        { value: 0.5, numerator: 10, denominator: 20 },
        { value: 0.75, numerator: 15, denominator: 20 },
      ],
      [
        { value: 0.6, numerator: 12, denominator: 20 },
        { value: 0.4, numerator: 8, denominator: 20 },
      ],
    ]);
    expect(bare.ideas[0]!.cycles.map((c) => [c.predicted, c.result])).toEqual([
      [{ value: 0.5 }, { value: 0.75 }],
      [{ value: 0.6 }, { value: 0.4 }],
    ]);
    expect(evidenceByCondition(bare.ideas[0]!.cycles, bare.conditions)).toEqual(
      evidenceByCondition(ideas[0]!.cycles, conditions),
    );
  });
});
