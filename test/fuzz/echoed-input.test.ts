import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCommands } from '../../src/bot/commands/index.ts';
import type { HandlerResult } from '../../src/bot/outbound.ts';
import { botHarness, seedNetwork, textOf } from '../bot/support/bot-harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { changedTables, fingerprint } from './support/fuzz-kit.ts';

// What someone typed comes back in a refusal as a few words, never as all
// of it: a reply that repeats a pasted paragraph is unreadable, and Slack
// refuses a section of more than 3,000 characters. Every usage line of the
// help is sent with each of its arguments, in turn, replaced by a long
// random token (letters, spaces, quotes, emoji and chat markup), the rest
// filled with what the seeded network has (a number argument also gets
// long digits); so are a check-in's number question, typed and in its
// form, and each field of every form. No reply may repeat more than
// ECHO_LIMIT characters of the token, or be longer than REPLY_LIMIT; a
// command or form carrying the token writes nothing.

/** Longer than any text the bot keeps (an aim is at most 2,000 characters), so nothing may accept it. */
const TOKEN_LENGTH = 2_100;
const ECHO_LIMIT = 80;
const REPLY_LIMIT = 2_000;
/** Each run sends every line once, with a new token: one run by default, more with FUZZ_RUNS (200 a run). */
const RUNS = Math.max(1, Math.round(Number(process.env.FUZZ_RUNS ?? 200) / 200));

const NOW = new Date('2026-11-30T15:00:00Z');

let t: TestDatabase;
let h: ReturnType<typeof botHarness>;
let ids: { site: number; measure: number; idea: number; checkin: number; cycle: number };

beforeAll(async () => {
  t = await createTestDatabase();
  const seeded = await seedNetwork(t.db);
  h = botHarness(t.db, NOW);
  const must = async (line: string, expected: RegExp) => {
    const text = textOf(await h.command('Fran', line));
    if (!expected.test(text)) throw new Error(`seeding: "${line}" got: ${text}`);
    return text;
  };
  await must('/pdsa network conditions level: elementary, middle', /Conditions of/);
  await must('/pdsa site Lincoln set level middle', /level is middle/);
  await must('/pdsa driver add Students feel expected', /Added the primary driver/);
  await must('/pdsa driver add Adults greet each student under Students feel', /Added the secondary driver/);
  await must('/pdsa site break Lincoln 2026-12-21 to 2027-01-01 Winter break', /on a break/);
  const started = await must('/pdsa start Lincoln owner @Ben with @Ana', /started/);
  const cycle = Number(/Cycle #(\d+) started/.exec(started)?.[1]);
  const checkin = await t.db
    .selectFrom('checkins')
    .innerJoin('cycles', 'cycles.id', 'checkins.cycle_id')
    .select('checkins.id')
    .where('cycles.number', '=', cycle)
    .where('checkins.member_id', '=', seeded.ben.id)
    .executeTakeFirstOrThrow();
  ids = {
    site: seeded.lincoln.id,
    measure: seeded.measure.id,
    idea: seeded.idea.id,
    checkin: checkin.id,
    cycle,
  };
}, 60_000);
afterAll(() => t?.close());

// What fills an argument of a usage line when it is not the one replaced:
// values the seeded network has, so that the command reaches the argument
// that carries the token. A usage line with an argument not named here
// fails the test: a new command must be fuzzed too.
const VALUES: Record<string, string> = {
  name: 'Roosevelt',
  'aim statement': 'Every 3rd grader reads on grade level',
  'time zone': 'America/Chicago',
  weekday: 'monday',
  hour: '8',
  condition: 'level',
  value: 'middle',
  site: 'Lincoln',
  'old name': 'Lincoln',
  'new name': 'Roosevelt',
  'first day': '2027-02-01',
  'last day': '2027-02-05',
  label: 'Snow days',
  'break number': '1',
  '@person': '@Ben',
  network: 'Literacy NIC',
  date: '2026-12-11',
  length: '2 weeks',
  'what to try': 'Call home on Fridays',
  driver: 'Students feel expected',
  'primary driver': 'Students feel expected',
  number: '1',
  'number or text': '1',
  'cycle number': '1',
  command: 'start',
  text: 'Does greeting help?',
  unit: 'students',
  week: '2026-W48',
};
/** Lines whose `<name>` is an existing thing rather than a new one. */
const EXISTING_NAME: Record<string, string> = {
  'measure show': '"On-time arrival"',
  'start ': '"On-time arrival"',
};

type Line = { words: string[]; args: number[] };

/**
 * A usage line as words to type, and which of them are arguments: the first
 * choice of `[a | b]` and `<a|b>`, optional parts typed out, `…` and
 * `(comments)` left out.
 */
function typedLine(usage: string): Line {
  const words: string[] = [];
  const args: number[] = [];
  const cleaned = usage
    .replace(/\(.*?\)/g, '')
    .replace(/\[<@person> …\]|\[<condition> <value> …\]/g, '')
    .replace(/[,;]?\s*…/g, '')
    .replace(/\[([^\]]*)\]/g, (_, inside: string) => inside.split('|')[0]!.trim());
  for (const piece of cleaned.match(/<[^>]+>:?|\S+/g) ?? []) {
    const placeholder = /^<([^>]+)>(:?)$/.exec(piece);
    if (!placeholder) {
      words.push(piece);
      continue;
    }
    const [, inside, colon] = placeholder;
    const choice = inside!.includes('|') ? inside!.split('|')[0] : undefined;
    const existing = Object.entries(EXISTING_NAME).find(([prefix]) => cleaned.startsWith(prefix));
    const value = choice ?? (inside === 'name' && existing ? existing[1] : VALUES[inside!]);
    if (value === undefined) throw new Error(`no value for <${inside}> in "${usage}": add one to VALUES`);
    args.push(words.length);
    words.push(`${value}${colon}`);
  }
  return { words, args };
}

type Sent = { line: string; token: string };

/**
 * Every command with the token as all its words, and every usage line with
 * each argument in turn replaced by the token; a number by long digits too.
 */
function commandLines(token: string, digits: string): Sent[] {
  const sent: Sent[] = [{ line: `/pdsa ${token}`, token }];
  for (const command of allCommands()) {
    for (const name of [command.name, ...(command.aliases ?? [])]) {
      sent.push({ line: `/pdsa ${name} ${token}`, token });
    }
    for (const usage of command.usage) {
      const { words, args } = typedLine(usage);
      for (const at of args) {
        for (const long of /^\d+$/.test(words[at]!) ? [token, digits] : [token]) {
          sent.push({ line: `/pdsa ${words.map((w, i) => (i === at ? long : w)).join(' ')}`, token: long });
        }
      }
    }
  }
  return sent;
}

// Letters make most of the token: an echo is found by its letters (and
// digits) alone, so that quotes taken off, spaces folded or markup escaped
// do not hide it.
const pieces = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.string({
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
      minLength: 1,
      maxLength: 9,
    }),
  },
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      ' ',
      '  ',
      '\n',
      '"',
      '“',
      '”',
      "'",
      '’',
      '😀',
      '👩🏽‍🏫',
      '<@U1|x>',
      '<#C1|general>',
      '<!here>',
      '<at>x</at>',
      '*',
      '_',
      '`',
      '```',
      '~',
      '>',
      '&',
      '<',
      ':',
      ';',
      ',',
      '/',
      '|',
    ),
  },
);
const longToken = fc
  .array(pieces, { minLength: 700, maxLength: 700 })
  .map((p) => p.join('').slice(0, TOKEN_LENGTH))
  .filter((token) => token.length === TOKEN_LENGTH);

const longDigits = fc.string({
  unit: fc.constantFrom(...'0123456789'),
  minLength: TOKEN_LENGTH,
  maxLength: TOKEN_LENGTH,
});

const letters = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Does `reply` repeat a run of the token longer than ECHO_LIMIT allows? */
function echoes(token: string, reply: string): boolean {
  const typed = letters(token);
  const said = letters(reply);
  // Letters are most of the token: a run of 48 of them spans fewer than 80
  // of its characters, so this is, if anything, stricter than ECHO_LIMIT.
  const run = Math.floor(ECHO_LIMIT * 0.6);
  for (let i = 0; i + run <= typed.length; i += 1) {
    if (said.includes(typed.slice(i, i + run))) return true;
  }
  return false;
}

/** What is wrong with the replies of a result, one sentence each. */
function problemsOf(what: string, token: string, result: HandlerResult): string[] {
  const problems = new Set<string>();
  const texts = [
    ...result.replies.flatMap((r) => [textOf({ replies: [r] }), r.message.summary]),
    ...Object.values(result.fieldErrors ?? {}),
  ];
  for (const text of texts) {
    if (echoes(token, text)) problems.add(`${what} echoes the token: ${text.slice(0, 100)}…`);
    if (text.length > REPLY_LIMIT) problems.add(`${what} answers at length`);
  }
  return [...problems];
}

/**
 * Each call says which tables changed since the call before, but for the
 * record of handled events: one fingerprint of the database per event.
 */
async function writesSince(): Promise<() => Promise<string[]>> {
  let before = await fingerprint(t.db);
  return async () => {
    const after = await fingerprint(t.db);
    const changed = changedTables(before, after).filter((table) => table !== 'inbound_events');
    before = after;
    return changed;
  };
}

const NEWCOMER_LINE = /^\/pdsa (join|network create)\b/;

const label = (line: string, token: string) =>
  line.replace(token, /^\d+$/.test(token) ? '<digits>' : '<token>');

describe('a long argument is quoted short', () => {
  it('no command of the help repeats it, answers at length, or writes anything', async () => {
    await fc.assert(
      fc.asyncProperty(longToken, longDigits, async (text, digits) => {
        const problems: string[] = [];
        const lines = commandLines(text, digits);
        // Fran, an admin, gets past every permission; Nel, in no network yet, can only join or create one.
        const sent = [
          ...lines.map((s) => ({ who: 'Fran', ...s })),
          ...lines.filter((s) => NEWCOMER_LINE.test(s.line)).map((s) => ({ who: 'Nel', ...s })),
        ];
        const written = await writesSince();
        for (const { who, line, token } of sent) {
          const what = `${who}: ${label(line, token)}`;
          problems.push(...problemsOf(what, token, await h.command(who, line)));
          const tables = await written();
          if (tables.length) problems.push(`${what} wrote to ${tables.join(', ')}`);
        }
        expect(problems).toEqual([]);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('a check-in that asks for a number, typed or in its form, quotes a long non-number short', async () => {
    await fc.assert(
      fc.asyncProperty(longToken, async (token) => {
        // Ben's Plan, answered by replies up to its prediction.
        let asked = textOf(await h.command('Ben', `/pdsa answer ${ids.cycle}`));
        for (let i = 0; i < 3 && !/predict/i.test(asked); i += 1) {
          asked = textOf(await h.reply('Ben', 'Greet each student by name'));
        }
        expect(asked).toMatch(/predict/i);
        const typed = await h.reply('Ben', token);
        const form = await h.submit('Ben', `checkin:${ids.checkin}`, {
          question: 'Does greeting help?',
          change: 'Greet each student',
          prediction: token,
          logistics: 'Mornings',
          dataCollection: 'A tally',
        });
        expect(textOf(typed)).toMatch(/read|number/i);
        expect(form.fieldErrors?.prediction).toBeDefined();
        const problems = [
          ...problemsOf('the prediction typed', token, typed),
          ...problemsOf('the prediction in the form', token, form),
        ];
        expect(problems).toEqual([]);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('every form quotes a long field short and saves nothing', async () => {
    const level = await t.db
      .selectFrom('conditions')
      .innerJoin('condition_values', 'condition_values.condition_id', 'conditions.id')
      .select(['conditions.id', 'condition_values.id as valueId'])
      .where('conditions.name', '=', 'level')
      .executeTakeFirstOrThrow();
    // Each form with what it takes when filled in right.
    const forms: [formId: string, valid: Record<string, string>][] = [
      [
        'cycle.start',
        {
          site: String(ids.site),
          idea: String(ids.idea),
          measure: String(ids.measure),
          owner: 'Ben',
          with: 'Ana',
          from: '2026-12-07',
          to: '2026-12-18',
          question: 'Does greeting help?',
          newIdea: '',
        },
      ],
      ['driver.add', { name: 'Families can help', under: '' }],
      [`idea.driver:${ids.idea}`, { driver: 'Students feel expected' }],
      [
        `site.conditions:${ids.site}`,
        { [`condition-${level.id}`]: String(level.valueId), from: '2026-12-07' },
      ],
    ];
    await fc.assert(
      fc.asyncProperty(longToken, async (token) => {
        const problems: string[] = [];
        const written = await writesSince();
        for (const [formId, valid] of forms) {
          for (const field of Object.keys(valid)) {
            const what = `the form ${formId}'s ${field}`;
            const result = await h.submit('Fran', formId, { ...valid, [field]: token });
            problems.push(...problemsOf(what, token, result));
            const tables = await written();
            if (tables.length) problems.push(`${what} wrote to ${tables.join(', ')}`);
          }
        }
        expect(problems).toEqual([]);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});
