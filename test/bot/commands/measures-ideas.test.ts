import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { seedCycle, seedNetwork, setupHarness, textOf } from './setup-harness.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const measures = () =>
  t.db.selectFrom('measures').select(['name', 'kind', 'better', 'unit']).orderBy('id').execute();

describe('measures', () => {
  it('adds each kind, with the direction of improvement and a unit', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    expect(
      textOf(
        await h.command(
          'Fran',
          '/pdsa measure add On-time arrival kind proportion better higher unit students',
        ),
      ),
    ).toContain('Added the measure On-time arrival: a proportion (students), higher is better');
    await h.command(
      'Fran',
      '/pdsa measure add Office referrals kind count better lower unit per 100 student-days',
    );
    await h.command('Fran', '/pdsa measure add "Reading time" kind=value better=up unit minutes');
    expect(await measures()).toEqual([
      { name: 'On-time arrival', kind: 'proportion', better: 'higher', unit: 'students' },
      { name: 'Office referrals', kind: 'count', better: 'lower', unit: 'per 100 student-days' },
      { name: 'Reading time', kind: 'value', better: 'higher', unit: 'minutes' },
    ]);

    const list = textOf(await h.command('Ana', '/pdsa measures'));
    expect(list).toContain('Office referrals: a count (per 100 student-days), lower is better');
    const shown = textOf(await h.command('Ana', '/pdsa measure show on-time arrival'));
    expect(shown).toContain('Kind: proportion: a numerator out of a denominator');
    expect(shown).toContain('Predictions and results: typed like 12/30, 12 of 30 or 40%');
    expect(shown).toContain('Cycles: 0 (0 under way)');
    expect(textOf(await h.command('Ana', '/pdsa measure Reading time'))).toContain('Kind: value');
  });

  it('explains the kinds when one is missing or wrong, and refuses duplicates', async () => {
    await seedNetwork(t.db);
    const h = setupHarness(t.db);
    const missing = textOf(await h.command('Fran', '/pdsa measure add Attendance better higher'));
    expect(missing).toContain('What kind of measure is it?');
    expect(missing).toContain(
      'proportion: a numerator out of a denominator, e.g. students on time of students enrolled',
    );
    expect(missing).toContain('count: events per exposure, e.g. referrals per 100 student-days');
    expect(missing).toContain('value: a single number, e.g. minutes of reading');
    expect(
      textOf(await h.command('Fran', '/pdsa measure add Attendance kind minutes better higher')),
    ).toContain('"minutes" is not a kind of measure');
    expect(textOf(await h.command('Fran', '/pdsa measure add Attendance kind proportion'))).toContain(
      'Is a higher or a lower result better? Add better higher or better lower',
    );
    expect(
      textOf(await h.command('Fran', '/pdsa measure add Attendance kind proportion better sideways')),
    ).toContain('"sideways" is not a direction');
    await h.command('Fran', '/pdsa measure add Attendance kind proportion better higher');
    expect(textOf(await h.command('Fran', '/pdsa measure add attendance kind count better lower'))).toContain(
      'There is already a measure called "Attendance"',
    );
    expect(textOf(await h.command('Ana', '/pdsa measure add Minutes kind value better higher'))).toBe(
      'Only facilitators and admins of Literacy NIC can add measures. Ask Fran.',
    );
    expect(textOf(await h.command('Ana', '/pdsa measure show Attendence'))).toBe(
      'There is no measure "Attendence". The measures are: Attendance.',
    );
    expect(await measures()).toHaveLength(1);
  });
});

describe('change ideas', () => {
  it('adds ideas with drivers and lists them with their numbers and cycles', async () => {
    const s = await seedNetwork(t.db);
    const h = setupHarness(t.db);
    expect(
      textOf(
        await h.command('Fran', '/pdsa idea add Greet every student by name at the door driver Belonging'),
      ),
    ).toContain('Added change idea 1: Greet every student by name at the door (driver: Belonging)');
    await h.command('Fran', '/pdsa idea add Text families the evening before');
    expect(
      textOf(await h.command('Fran', '/pdsa idea add greet every student by name at the door')),
    ).toContain('That change idea is already there, as number 1');
    await seedCycle(t.db, s.network.id, s.lincoln.id, s.ana.id); // its own idea, number 3
    await t.db
      .insertInto('cycles')
      .values({
        network_id: s.network.id,
        site_id: s.washington.id,
        change_idea_id: 1,
        measure_id: (await t.db.selectFrom('measures').select('id').executeTakeFirstOrThrow()).id,
        starts_on: '2026-11-02',
        ends_on: '2026-11-13',
        phase: 'closed',
      })
      .execute();
    const list = textOf(await h.command('Ana', '/pdsa ideas'));
    expect(list).toContain('Belonging\n• 1 Greet every student by name at the door · 1 cycle');
    expect(list).toContain('No driver\n• 2 Text families the evening before · not tested yet');
    expect(list).toContain('• 3 Idea');
    expect(list).toContain('1 cycle (1 under way)');
    expect(textOf(await h.command('Ana', '/pdsa idea add Something'))).toBe(
      'Only facilitators and admins of Literacy NIC can add change ideas. Ask Fran.',
    );
    expect(textOf(await h.command('Fran', '/pdsa idea add driver Belonging'))).toContain(
      'What is the change idea?',
    );
  });
});
