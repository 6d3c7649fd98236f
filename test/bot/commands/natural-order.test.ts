import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.ts';
import { botHarness, seedNetwork, textOf } from '../support/bot-harness.ts';

// Lists of sites, people and measures read the way people sort them: S2
// before S10, whatever the case.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

/** The positions of `names` in `text`, which must all be there. */
function inOrder(text: string, names: string[]): boolean {
  const at = names.map((n) => text.indexOf(n));
  return at.every((i) => i >= 0) && at.every((i, k) => k === 0 || i > at[k - 1]!);
}

async function seedNumbered() {
  await seedNetwork(t.db);
  const h = botHarness(t.db);
  for (const site of ['S10', 'S2', 's1']) await h.command('Fran', `/pdsa site add ${site}`);
  for (const [name, site] of [
    ['Ed 10', 'S10'],
    ['Ed 2', 'S2'],
    ['ed 1', 's1'],
  ]) {
    await h.command('Fran', `/pdsa member add @${name} to ${site}`);
  }
  for (const measure of ['Reading 10', 'Reading 2']) {
    await h.command('Fran', `/pdsa measure add "${measure}" kind count better higher`);
  }
  return h;
}

describe('natural order of names', () => {
  it('lists sites S1, S2, S10 in sites, members, status and refusals', async () => {
    const h = await seedNumbered();
    expect(inOrder(textOf(await h.command('Fran', '/pdsa sites')), ['s1', 'S2', 'S10'])).toBe(true);
    expect(inOrder(textOf(await h.command('Fran', '/pdsa members')), ['ed 1', 'Ed 2', 'Ed 10'])).toBe(true);
    const status = textOf(await h.command('Fran', '/pdsa status'));
    expect(inOrder(status, ['s1:', 'S2:', 'S10:'])).toBe(true);
    const refused = textOf(await h.command('Fran', '/pdsa start Narnia owner @Ana'));
    expect(refused).toContain('The sites are: Lincoln, s1, S2, S10, Washington.');
    const measures = textOf(await h.command('Fran', '/pdsa start Lincoln owner @Ana'));
    expect(measures).toContain('the measures are: On-time arrival, Reading 2, Reading 10.');
    expect(inOrder(textOf(await h.command('Fran', '/pdsa measures')), ['Reading 2', 'Reading 10'])).toBe(
      true,
    );
  });
});
