import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Bot } from '../../src/bot/bot.ts';
import { allCommands } from '../../src/bot/commands/index.ts';
import type { InboundEvent } from '../../src/bot/inbound.ts';
import { textOf } from '../bot/support/bot-harness.ts';
import { buildTwoNetworks, type TwoNetworks } from '../security/support/two-networks.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { looksBroken, realBot } from './support/fuzz-kit.ts';

// The 4,000-character limit on what people type must not be what keeps the
// bot responsive: every computation on an input (splitting it into words,
// reading numbers, dates, mentions, "did you mean") is bounded on its own.
// Here the limit is raised to 1,000,000 characters and inputs of up to a
// megabyte are built from the patterns that make naive parsers slow (runs of
// dots and commas, openers with no closer, keys with no value, one endless
// word). Each event must be answered in words well within a generous guard;
// a parser whose work grows with the square of its input takes hours.

const { RAISED_LIMIT } = vi.hoisted(() => ({ RAISED_LIMIT: 1_000_000 }));
/** Generous: a linear pass over a megabyte takes well under a second. */
const GUARD_MS = 10_000;

vi.mock('../../src/bot/inbound.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/bot/inbound.ts')>();
  const { z } = await import('zod');
  // The same events, with the typed text of commands and replies allowed to be far longer.
  const options = original.inboundEventSchema.options.map((option) =>
    option.shape.kind.value === 'command' || option.shape.kind.value === 'reply'
      ? option.extend({ text: z.string().max(RAISED_LIMIT) })
      : option,
  );
  return {
    ...original,
    MAX_INPUT_LENGTH: RAISED_LIMIT,
    inboundEventSchema: z.discriminatedUnion(
      'kind',
      options as unknown as typeof original.inboundEventSchema.options,
    ),
  };
});

const NOW = new Date('2026-11-30T15:00:00Z');

let t: TestDatabase;
let seeded: TwoNetworks;
let bot: Bot;

beforeAll(async () => {
  t = await createTestDatabase();
  seeded = await buildTwoNetworks(t.db);
  bot = realBot(t.db, () => NOW);
  // Ben is asked for his Plan's prediction: a number, read by the number parser.
  const h = seeded.harness;
  await h.command('Ben', `/pdsa answer ${seeded.ids.aOpen}`);
  await h.reply('Ben', 'Does greeting help?');
  await h.reply('Ben', 'Greet by name');
}, 120_000);
afterAll(() => t?.close());

// Repeated until the input is as long as asked.
const units = fc.constantFrom(
  "'a ",
  '‘a ',
  "a='",
  '"a',
  '«a ',
  '<at> ',
  '<at>a',
  '<@U1|',
  '<a:b|',
  '@a.',
  '#a.',
  '. ',
  '.',
  ',',
  '1,',
  '1.',
  '- ',
  ' to ',
  'a=',
  'site ',
  'x',
  'e\u0301',
  '😀',
  ' ',
  '(',
  '12/30 (',
  '!',
  '_a ',
);
const commandWords = [
  '',
  ...allCommands().map((c) => c.name),
  'site add',
  'site break Lincoln',
  'idea add',
  'measure add',
  'member add',
  'start Lincoln owner',
  'pause @Ben until',
  'digest channel',
  'site Lincoln set',
  'site set Lincoln level',
  'condition add',
  'condition rename level',
  'network conditions',
  'driver add',
  'driver move',
  'idea 1 driver',
  'learnings idea',
];
const hostile = fc.record({
  unit: units,
  size: fc.integer({ min: 100_000, max: RAISED_LIMIT - 100 }),
  form: fc.oneof(
    fc.constantFrom(...commandWords).map((words) => ({ kind: 'command' as const, who: 'Fran', words })),
    fc.constantFrom('Ben', 'Fran').map((who) => ({ kind: 'reply' as const, who, words: '' })),
  ),
});

let counter = 0;

describe('inputs far beyond the size limit', () => {
  it('each is answered in words, within a generous guard', async () => {
    const slowest = { ms: 0, label: '' };
    await fc.assert(
      fc.asyncProperty(hostile, async ({ unit, size, form }) => {
        const body = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
        const text = form.kind === 'command' ? `/pdsa ${form.words} ${body}` : body;
        const event = {
          kind: form.kind,
          eventId: `hostile-${++counter}`,
          actor: seeded.harness.actor(form.who),
          text,
        } as InboundEvent;
        const label = `${form.kind} ${JSON.stringify(form.words)} + ${JSON.stringify(unit)} × ${size / unit.length}`;
        const began = performance.now();
        const answer = textOf(await bot.handle(event));
        const ms = performance.now() - began;
        if (ms > slowest.ms) Object.assign(slowest, { ms, label });
        expect(ms, `${label} took ${Math.round(ms)} ms`).toBeLessThan(GUARD_MS);
        expect(answer, `no answer to ${label}`).not.toBe('');
        expect(looksBroken(answer), `a broken answer to ${label}: ${answer.slice(0, 200)}`).toBe(false);
      }),
      // A megabyte each: a tenth of the runs the other fuzz tests make.
      { numRuns: Math.ceil(Number(process.env.FUZZ_RUNS ?? 200) / 10), endOnFailure: true },
    );
    console.log(`slowest hostile input: ${Math.round(slowest.ms)} ms (${slowest.label})`);
  }, 600_000);
});
