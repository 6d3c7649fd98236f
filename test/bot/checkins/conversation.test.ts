import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { botHarness, promptOpenCheckins, seedNetwork, textOf } from '../support/bot-harness.ts';

// Plain replies answer one check-in, one question at a time. A reply must
// land where the person meant it: a refused `/pdsa answer` says where the
// next reply goes, and a reply that answers nothing never fills a question
// that needs an answer.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

async function planDraft() {
  const row = await t.db
    .selectFrom('checkins')
    .select(['draft', 'status'])
    .where('phase', '=', 'plan')
    .executeTakeFirstOrThrow();
  return row;
}

describe('a refused /pdsa answer', () => {
  it('says which check-in and question the next reply will answer', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db);
    await h.command('Fran', '/pdsa start Lincoln owner @Ana with @Ben');
    await promptOpenCheckins(t.db, h.now());
    const refused = textOf(await h.command('Ana', '/pdsa answer 1 do'));
    expect(refused).toContain('You have no do check-in in cycle #1');
    expect(refused).toContain('it is in plan');
    expect(refused).toContain(
      'Your next reply answers your Plan check-in for cycle #1, question 1 of 6: What question will this cycle answer?',
    );
  });

  it('says when no reply is expected at all', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db);
    await h.command('Fran', '/pdsa start Lincoln owner @Ana with @Ben');
    // Ben is in the cycle, but nothing has been asked of him yet.
    const refused = textOf(await h.command('Ben', '/pdsa answer 1 study'));
    expect(refused).toContain('You have no study check-in in cycle #1');
    expect(refused).toContain('No check-in is waiting for your reply');
  });
});

describe('replies that answer nothing', () => {
  it.each(['yes', 'skip', 'n/a', '15/30', 'ok', '👍'])(
    'never fill a question that needs an answer: %j',
    async (reply) => {
      await seedNetwork(t.db);
      const h = botHarness(t.db);
      await h.command('Fran', '/pdsa start Lincoln owner @Ana');
      await promptOpenCheckins(t.db, h.now());
      const answered = textOf(await h.reply('Ana', reply));
      expect(answered).toContain('Plan check-in for cycle #1, question 1 of 6');
      expect(answered).not.toContain('Question 2 of 6');
      expect((await planDraft()).draft ?? {}).toEqual({});
      const raw = await t.db.selectFrom('raw_replies').select(['text', 'understood']).execute();
      expect(raw).toEqual([{ text: reply, understood: false }]);
    },
  );

  it('are refused in a form too, under the field', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db);
    await h.command('Fran', '/pdsa start Lincoln owner @Ana');
    const plan = await t.db.selectFrom('checkins').select('id').executeTakeFirstOrThrow();
    const result = await h.submit('Ana', `checkin:${plan.id}`, {
      question: 'Does greeting help?',
      change: 'skip',
      prediction: '18/24',
      logistics: 'yes',
      dataCollection: 'A tally at the bell',
    });
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(['change', 'logistics']);
    expect((await planDraft()).status).toBe('open');
  });

  it('still lets an optional question be skipped, and takes a sentence around a number', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db);
    await h.command('Fran', '/pdsa start Lincoln owner @Ana');
    await promptOpenCheckins(t.db, h.now());
    await h.reply('Ana', 'Does greeting raise on-time arrival?');
    await h.reply('Ana', 'Greet each student by name');
    expect(textOf(await h.reply('Ana', 'I think around 70 percent'))).toContain('Got it: ~70%.');
    expect(textOf(await h.reply('Ana', 'skip'))).toContain('Question 5 of 6');
  });
});
