import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { botHarness, seedNetwork, textOf } from '../support/bot-harness.ts';

// A figure typed as approximate ("about 18 of 24", "~20/24") stays
// approximate wherever it is shown again: in learnings and in exports.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

async function submit(h: ReturnType<typeof botHarness>, phase: string, values: Record<string, string>) {
  const row = await t.db
    .selectFrom('checkins')
    .select('id')
    .where('phase', '=', phase as 'plan')
    .executeTakeFirstOrThrow();
  const result = await h.submit('Ana', `checkin:${row.id}`, values);
  if (!/is saved/.test(textOf(result))) throw new Error(textOf(result));
}

/** One whole cycle at Lincoln, predicted "about 18 of 24", with a result of "~20/24". */
async function approximateCycle(): Promise<ReturnType<typeof botHarness>> {
  await seedNetwork(t.db);
  const h = botHarness(t.db);
  await h.command('Fran', '/pdsa start Lincoln owner @Ana');
  await submit(h, 'plan', {
    question: 'Does greeting help?',
    change: 'Greet each student by name',
    prediction: 'about 18 of 24',
    logistics: 'Ana at the door',
    dataCollection: 'A tally at the bell',
  });
  await submit(h, 'do', { asPlanned: 'yes' });
  await submit(h, 'study', { result: '~20/24', learned: 'Names matter' });
  await submit(h, 'act', { decision: 'adapt', nextStep: 'Try it at Washington' });
  return h;
}

describe('approximate figures', () => {
  it('keep their "~" in learnings and in the cycles export', async () => {
    const h = await approximateCycle();

    const learnings = textOf(await h.command('Wes', '/pdsa learnings'));
    expect(learnings).toContain('Predicted ~18/24 (75%); the result is ~20/24 (83.3%)');

    const exported = await h.command('Fran', '/pdsa export');
    const files = exported.replies[0]!.message.blocks.filter((b) => b.type === 'file');
    const [header, row] = (files[0]!.type === 'file' ? files[0]!.content : '').split('\r\n');
    const cells = Object.fromEntries(header!.split(',').map((name, i) => [name, row!.split(',')[i]]));
    expect(cells).toMatchObject({
      prediction: '~18/24 (75%)',
      result: '~20/24 (83.3%)',
      prediction_numerator: '18',
      result_denominator: '24',
    });
    const checkins = files[1]!.type === 'file' ? files[1]!.content : '';
    expect(checkins.split('\r\n')[0]!.endsWith(',figure')).toBe(true);
    expect(checkins).toMatch(/,~18\/24 \(75%\)\r\n/);
    expect(checkins).toMatch(/,~20\/24 \(83\.3%\)\r\n/);
  });

  it('keep their "~" in the cycle-by-cycle lines of an idea\'s learnings', async () => {
    const h = await approximateCycle();
    const learnings = textOf(await h.command('Wes', '/pdsa learnings idea 1'));
    expect(learnings).toContain('Predicted ~18/24 (75%); the result is ~20/24 (83.3%)');
  });
});
