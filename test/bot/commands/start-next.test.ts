import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Decision } from '../../../src/core/domain.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { botHarness, seedNetwork, textOf } from '../support/bot-harness.ts';

// The next cycle of a ramp: one per cycle, and only after its owner decided
// to adopt or adapt the change.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

async function decide(number: number, decision: Decision | null) {
  await t.db
    .updateTable('cycles')
    .set({ phase: 'closed', decision, closed_at: new Date(), decided_at: decision ? new Date() : null })
    .where('number', '=', number)
    .execute();
}

async function cycleCount() {
  return (await t.db.selectFrom('cycles').select('id').execute()).length;
}

describe('/pdsa start next', () => {
  it('waits for the decision, saying what is missing', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db);
    await h.command('Fran', '/pdsa start Lincoln owner @Ana');
    await t.db.updateTable('cycles').set({ phase: 'do' }).execute();
    const early = textOf(await h.command('Fran', '/pdsa start next 1'));
    expect(early).toContain('Cycle #1 is still in do');
    expect(early).toContain('adopt or adapt');
    await decide(1, null);
    expect(textOf(await h.command('Fran', '/pdsa start next 1'))).toContain(
      'Cycle #1 was closed without a decision',
    );
    await decide(1, 'abandon');
    expect(textOf(await h.command('Fran', '/pdsa start next 1'))).toContain('ended with "abandon"');
    expect(await cycleCount()).toBe(1);
  });

  it('starts one next cycle, and says which cycle already follows when asked again', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db);
    await h.command('Fran', '/pdsa start Lincoln owner @Ana');
    await decide(1, 'adapt');
    expect(textOf(await h.command('Fran', '/pdsa start next 1'))).toContain(
      'Cycle #2 started (next in the ramp after #1)',
    );
    const again = textOf(await h.command('Fran', '/pdsa start next 1'));
    expect(again).toContain('Cycle #1 is already followed by cycle #2');
    expect(again).toContain('/pdsa start next 2');
    expect(await cycleCount()).toBe(2);
  });

  it('holds for the button and the form of the next cycle too', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db);
    await h.command('Fran', '/pdsa start Lincoln owner @Ana');
    await decide(1, 'adopt');
    await h.command('Fran', '/pdsa start next 1');
    const parent = await t.db
      .selectFrom('cycles')
      .select('id')
      .where('number', '=', 1)
      .executeTakeFirstOrThrow();
    expect(textOf(await h.press('Ana', 'cycle.ramp', String(parent.id)))).toContain(
      'already followed by cycle #2',
    );
    const s = await t.db
      .selectFrom('sites')
      .select('id')
      .where('name', '=', 'Lincoln')
      .executeTakeFirstOrThrow();
    const idea = await t.db.selectFrom('change_ideas').select('id').executeTakeFirstOrThrow();
    const measure = await t.db.selectFrom('measures').select('id').executeTakeFirstOrThrow();
    const submitted = await h.submit('Fran', `cycle.start:${parent.id}`, {
      site: String(s.id),
      idea: String(idea.id),
      measure: String(measure.id),
      owner: 'Ana',
      from: '2026-11-30',
      to: '2026-12-11',
    });
    expect(textOf(submitted)).toContain('already followed by cycle #2');
    expect(await cycleCount()).toBe(2);
  });

  it('starts only one when the same request arrives twice at once', async () => {
    await seedNetwork(t.db);
    const h = botHarness(t.db);
    await h.command('Fran', '/pdsa start Lincoln owner @Ana');
    await decide(1, 'adapt');
    // On a PostgreSQL server both run at once, on two connections.
    const [a, b] = await Promise.all([
      h.command('Fran', '/pdsa start next 1'),
      h.command('Ana', '/pdsa start next 1'),
    ]);
    const texts = [textOf(a), textOf(b)];
    expect(texts.filter((x) => x.includes('Cycle #2 started'))).toHaveLength(1);
    expect(texts.filter((x) => x.includes('already followed by cycle #2'))).toHaveLength(1);
    expect(await cycleCount()).toBe(2);
  });
});
