import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allCommands } from '../../src/bot/commands/index.ts';
import type { InboundEvent } from '../../src/bot/inbound.ts';
import { interactionRoutes } from '../../src/bot/routes.ts';
import { textOf } from '../bot/support/bot-harness.ts';
import { type DbState, readState, restoreState } from '../security/support/db-state.ts';
import { buildTwoNetworks, type TwoNetworks } from '../security/support/two-networks.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import {
  changedTables,
  fingerprint,
  handleChecked,
  looksBroken,
  probeBot,
  realBot,
} from './support/fuzz-kit.ts';

// Whatever anyone types, the bot answers in words: generated command lines
// (command names, their keywords, dates, numbers, mentions, quotes, unicode,
// very long words), sent as slash commands, as typed chat text, and as
// buttons and forms with made-up ids, by people in every role of two
// networks, never make bot.handle throw, never leave a transaction half
// done, and never produce "undefined", "NaN" or "[object Object]".

const NOW = new Date('2026-11-30T15:00:00Z');

let t: TestDatabase;
let seeded: TwoNetworks;
let seed: DbState;
let seedPrint: Record<string, string>;

beforeAll(async () => {
  t = await createTestDatabase();
  seeded = await buildTwoNetworks(t.db);
  seed = await readState(t.db);
  seedPrint = await fingerprint(t.db);
}, 120_000);

/** Back to the seeded state (only when the last run changed something: restoring takes a while). */
async function backToSeed(): Promise<void> {
  const changed = changedTables(seedPrint, await fingerprint(t.db));
  if (changed.length) await restoreState(t.db, seed, changed);
}
afterAll(() => t?.close());

// The words of every usage line of every command, without the placeholders
// (<site>) but with the words of a choice (<proportion|count|value>).
const usageWords = [
  ...new Set(
    allCommands().flatMap((c) => [
      c.name,
      ...(c.aliases ?? []),
      ...c.usage.flatMap((u) =>
        u
          .replace(/<([^>]*)>/g, (_, inside: string) => (inside.includes('|') ? ` ${inside} ` : ' '))
          .split(/[\s[\]|()…]+/)
          .filter((w) => /^[a-z@-]+$/i.test(w)),
      ),
    ]),
  ),
];

const words = fc.constantFrom(
  ...usageWords,
  'Lincoln',
  'Washington',
  'Okapi',
  'linc',
  'Literacy NIC / Lincoln',
  '/',
  'show',
  'info',
  'list',
  'delete',
  'at',
  'as',
  'from',
  'for',
  'until',
  'label',
  'change idea',
  'participants',
);
const mentions = fc.constantFrom(
  '@Ana',
  '@Ben',
  '@Wes',
  '@Dee',
  '@Fran',
  '@Fay',
  '@Pat',
  '@Zina',
  '@Zoe',
  '@nobody',
  '@',
  '@@',
  'me',
  '<@U123|ana>',
  '<@U999>',
  '<at>Ana</at>',
  '<!here>',
  '<#C123|general>',
  '<https://example.com|a link>',
  'Ana, Ben and Wes',
);
const numbers = fc.oneof(
  fc.integer({ min: -3, max: 14 }).map(String),
  fc.constantFrom(
    '#1',
    '#2',
    '0',
    '-1',
    '2147483647',
    '2147483648',
    '99999999999',
    '1e300',
    '1e400',
    '-1e400',
    '0x1F',
    '1_000',
    '1,000',
    '3.5',
    '½',
    '١٢',
    '18/24',
    '24/18',
    '0/0',
    '5/0',
    '40%',
    '150%',
    'about 7',
    '10 of 20',
    '12 per 300',
  ),
  fc.double({ noNaN: true }).map(String),
);
const dates = fc.oneof(
  fc.constantFrom(
    'today',
    'tomorrow',
    'yesterday',
    'monday',
    'fri',
    'dec 21',
    'jan 1',
    '+7d',
    '-7d',
    '+99999d',
    '12/30',
    '2026-02-30',
    '2027-13-01',
    '0000-01-01',
    '9999-12-31',
    '2026-12-01T10:00',
    '2 weeks',
    '0 days',
    '9999 weeks',
    '10 days',
    '2026-W48',
    '2026-W99',
    'friday 3pm',
    '25:00',
    'noon',
    'midnight',
    '8',
    'America/Chicago',
    'Mars/Base',
    'Etc/GMT+14',
    'UTC',
    '+05:00',
  ),
  fc
    .date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
);
const quotes = fc.constantFrom(
  '"',
  '“',
  '”',
  "'",
  '‘',
  '’',
  '«',
  '»',
  '"open',
  'close"',
  '""',
  "''",
  '"a b"',
  '“Lincoln”',
  '=',
  ':',
  'key=value',
  '--',
);
const oddText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom(
    '😀',
    '👩🏽‍🏫',
    '\u202eevil',
    'e\u0301',
    '\u0000',
    '\ud83d',
    '\ude00',
    '\u0007',
    '\t',
    '\n',
    '\r\n',
    '\u00a0',
    '　',
    '\ufeff',
  ),
);
const longText = fc.oneof(
  fc
    .constantFrom(40, 41, 120, 121, 200, 201, 500, 501, 1000, 2000, 2001, 3000, 3001, 3990, 4001)
    .map((n) => 'x'.repeat(n)),
  fc.string({ minLength: 100, maxLength: 1500 }),
);
const token = fc.oneof(
  { weight: 10, arbitrary: words },
  { weight: 4, arbitrary: mentions },
  { weight: 4, arbitrary: numbers },
  { weight: 4, arbitrary: dates },
  { weight: 2, arbitrary: quotes },
  { weight: 3, arbitrary: oddText },
  { weight: 1, arbitrary: longText },
);
const line = fc
  .tuple(
    fc.constantFrom(...usageWords.slice(0, 40), ...allCommands().map((c) => c.name)),
    fc.array(token, { maxLength: 9 }),
  )
  .map(([first, rest]) => [first, ...rest].join(' '))
  .filter((l) => !looksBroken(l));

const callers = fc.constantFrom('Nel', 'Pat', 'Ana', 'Ben', 'Wes', 'Fay', 'Fran', 'Zoe', 'Zina', 'Zeke');

type Body = { kind: 'command'; text: string } | { kind: 'reply'; text: string } | Record<string, unknown>;
const routes = interactionRoutes();
const idLike = fc.oneof(numbers, fc.constantFrom('', 'x', '1:2', '-0', ' 3 '));
const body: fc.Arbitrary<Body> = fc.oneof(
  { weight: 8, arbitrary: line.map((l) => ({ kind: 'command' as const, text: `/pdsa ${l}` })) },
  { weight: 2, arbitrary: line.map((l) => ({ kind: 'command' as const, text: l })) },
  { weight: 3, arbitrary: line.map((l) => ({ kind: 'reply' as const, text: l })) },
  { weight: 1, arbitrary: line.map((l) => ({ kind: 'reply' as const, text: `/pdsa ${l}` })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...routes.actions.map((a) => a.prefix), 'no.such.button'), idLike, idLike)
      .map(([prefix, suffix, value]) => ({
        kind: 'action',
        actionId: suffix === '' ? prefix : `${prefix}:${suffix}`,
        value,
      }))
      .filter((e) => !looksBroken(JSON.stringify(e))),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...routes.forms.map((f) => f.prefix), 'no.such.form'),
        idLike,
        fc.dictionary(
          fc.constantFrom(
            'site',
            'idea',
            'measure',
            'owner',
            'with',
            'from',
            'to',
            'question',
            'change',
            'prediction',
            'logistics',
            'dataCollection',
            'asPlanned',
            'result',
            'learned',
            'decision',
            'nextStep',
          ),
          fc.oneof(token, fc.constant(''), fc.constant(null)),
        ),
      )
      .map(([prefix, suffix, values]) => ({
        kind: 'formSubmit',
        formId: suffix === '' ? prefix : `${prefix}:${suffix}`,
        values,
      }))
      .filter((e) => !looksBroken(JSON.stringify(e))),
  },
);

let counter = 0;

describe('generated command lines, buttons and forms', () => {
  it('every event gets an answer in words, and every transaction is all or nothing', async () => {
    let clock = NOW;
    const bots = { real: realBot(t.db, () => clock), probe: probeBot(t.db, () => clock) };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(callers, body, fc.integer({ min: 0, max: 72 })), { minLength: 1, maxLength: 4 }),
        async (events) => {
          await backToSeed();
          clock = NOW;
          for (const [who, b, hoursLater] of events) {
            clock = new Date(clock.getTime() + hoursLater * 3_600_000);
            const event = {
              ...b,
              eventId: `fuzz-${++counter}`,
              actor: seeded.harness.actor(who),
            } as InboundEvent;
            await handleChecked(t.db, bots, event);
          }
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200), endOnFailure: true },
    );
  }, 120_000);
});

// An id is digits that fit PostgreSQL's integer column. Larger digits name
// nothing and get the answer an unknown id gets; "1e300" is no id at all.
// Neither reaches a query, which PostgreSQL would refuse.
describe('ids too large for the database', () => {
  beforeEach(() => restoreState(t.db, seed));

  it('every command, button and form that takes an id answers 2147483648 as it answers an unknown id, and 1e300 in words', async () => {
    const h = seeded.harness;
    const entries: [string, (id: string) => Promise<Parameters<typeof textOf>[0]>][] = [
      ['cycle', (id) => h.command('Fran', `/pdsa cycle ${id}`)],
      ['remind', (id) => h.command('Fran', `/pdsa remind ${id}`)],
      ['close', (id) => h.command('Fran', `/pdsa close ${id}`)],
      ['answer', (id) => h.command('Fran', `/pdsa answer ${id}`)],
      ['start next', (id) => h.command('Fran', `/pdsa start next ${id}`)],
      ['start … idea', (id) => h.command('Fran', `/pdsa start Lincoln owner @Ben idea ${id}`)],
      ['learnings', (id) => h.command('Fran', `/pdsa learnings ${id}`)],
      ['site unbreak', (id) => h.command('Fran', `/pdsa site unbreak Lincoln ${id}`)],
      ['button checkin.answer', (id) => h.press('Ben', 'checkin.answer', id)],
      ['button form.open:checkin', (id) => h.press('Ben', `form.open:checkin:${id}`, '')],
      ['button cycle.ramp', (id) => h.press('Fran', 'cycle.ramp', id)],
      ['button member.approve', (id) => h.press('Fran', 'member.approve', id)],
      ['form checkin', (id) => h.submit('Ben', `checkin:${id}`, {})],
      [
        'form cycle.start',
        (id) =>
          h.submit('Fran', 'cycle.start', { site: id, idea: '1', measure: '1', from: 'today', to: '+7d' }),
      ],
      [
        'form cycle.start:<cycle>',
        (id) =>
          h.submit('Fran', `cycle.start:${id}`, {
            site: String(seeded.ids.aSite),
            idea: String(seeded.ids.aIdea),
            measure: String(seeded.ids.aMeasure),
            from: 'today',
            to: '+7d',
          }),
      ],
    ];
    const problems: string[] = [];
    for (const [what, send] of entries) {
      const answer = async (id: string) => {
        try {
          return textOf(await send(id));
        } catch (error) {
          problems.push(`${what} ${id} threw: ${(error as Error).message}`);
          return '';
        }
      };
      // The largest id there can be, which no row has here.
      const unknown = await answer('2147483647');
      const tooLarge = await answer('2147483648');
      if (tooLarge !== unknown.replaceAll('2147483647', '2147483648'))
        problems.push(`${what}: 2147483648 got "${tooLarge}", an unknown id "${unknown}"`);
      const notAnId = await answer('1e300');
      if (notAnId === '') problems.push(`${what} 1e300: no answer in words`);
    }
    expect(problems).toEqual([]);
  });
});
