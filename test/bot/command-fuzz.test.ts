import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCommands } from '../../src/bot/commands/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { botHarness, seedNetwork, textOf } from './support/bot-harness.ts';

// Whatever people type, the bot answers in words: no crash, no half-done
// transaction, no "undefined" or "NaN" in a reply.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

/** A fresh network where Ana has been asked for her Plan. */
async function fresh() {
  await t.reset();
  await seedNetwork(t.db);
  const h = botHarness(t.db);
  await h.command('Fran', '/pdsa start Lincoln owner @Ana with @Ben');
  await t.db.updateTable('checkins').set({ prompted_at: h.now() }).execute();
  return h;
}

const words = [
  ...allCommands().flatMap((c) => [c.name, ...(c.aliases ?? [])]),
  'add',
  'show',
  'to',
  'as',
  'from',
  'for',
  'kind',
  'better',
  'unit',
  'idea',
  'measure',
  'owner',
  'with',
  'until',
  'next',
  'Lincoln',
  'Washington',
  '@Ana',
  '<@U123|ana>',
  '<at>Ana</at>',
  '1',
  '0',
  '-3',
  '99999999999',
  '12/30',
  '40%',
  'about 7',
  'today',
  'tomorrow',
  '+7d',
  'monday',
  '2026-02-30',
  '2026-12-01',
  'proportion',
  'value',
  'count',
  'higher',
  'lower',
  'educator',
  'admin',
  'America/Chicago',
  'Mars/Base',
  '"quoted',
  '“smart”',
  "'",
  '\u0000',
  '😀',
  'é',
  '--',
  '=',
  'key=value',
];
const token = fc.oneof(
  fc.constantFrom(...words),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
const line = fc.array(token, { maxLength: 10 }).map((ws) => ws.join(' '));

function expectWords(text: string): void {
  expect(text).not.toMatch(/\bundefined\b|\bNaN\b|\[object Object\]|Infinity/);
}

describe('generated input', () => {
  it('every command line gets an answer in words', async () => {
    const h = await fresh();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('Fran', 'Ana', 'Nel'), line, async (who, text) => {
        const result = await h.command(who, `/pdsa ${text}`);
        expect(result.replies.length + (result.openForm ? 1 : 0)).toBeGreaterThan(0);
        expectWords(textOf(result));
      }),
      { numRuns: 250 },
    );
  }, 120_000);

  it('every reply to an open check-in gets an answer in words and keeps its raw text', async () => {
    const h = await fresh();
    const before = (await t.db.selectFrom('raw_replies').select('id').execute()).length;
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(line, fc.string({ maxLength: 200 })), async (text) => {
        const result = await h.reply('Ana', text.trim() === '' ? 'x' : text);
        sent++;
        expect(result.replies.length).toBeGreaterThan(0);
        expectWords(textOf(result));
      }),
      { numRuns: 150 },
    );
    const after = (await t.db.selectFrom('raw_replies').select('id').execute()).length;
    // Once Ana's Plan is complete her further replies are not answers; every answer she gave is kept.
    expect(after - before).toBeGreaterThan(0);
    expect(after - before).toBeLessThanOrEqual(sent);
  }, 120_000);
});
