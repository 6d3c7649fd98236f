import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../src/bot/inbound.ts';
import { textOf } from '../bot/support/bot-harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { type DbState, diffStates, readState, restoreState } from './support/db-state.ts';
import { buildTwoNetworks, type TwoNetworks } from './support/two-networks.ts';

// Every text a person can type has a size limit, and going over it is
// refused in words that name the limit, with nothing saved: at the edge
// (4,000 characters for a whole message, 2,000 for a button value), for
// an answer (3,000 characters), and for each named thing (a site's name,
// an aim, a label, a cycle's question, a person's name…).

let t: TestDatabase;
let seeded: TwoNetworks;
let seed: DbState;
let n = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  seeded = await buildTwoNetworks(t.db);
  seed = await readState(t.db);
}, 120_000);
afterAll(() => t?.close());
beforeEach(() => restoreState(t.db, seed));

const x = (length: number) => 'x'.repeat(length);

type EventBody = InboundEvent extends infer E
  ? E extends InboundEvent
    ? Omit<E, 'eventId' | 'actor'>
    : never
  : never;

async function send(who: string, event: EventBody) {
  const h = seeded.harness;
  const eventId = `limits-${++n}`;
  const result = await h.bot.handle({ ...event, eventId, actor: h.actor(who) } as InboundEvent);
  return { text: textOf(result), result, eventId };
}
const command = (who: string, line: string) => send(who, { kind: 'command', text: `/pdsa ${line}` });
const reply = (who: string, text: string) => send(who, { kind: 'reply', text });

/** Everything changed since the seed, but the record of handled event ids. */
async function changes(): Promise<string[]> {
  return diffStates(seed, await readState(t.db)).filter((c) => !c.startsWith('inbound_events '));
}

const TOO_LONG =
  'That message is too long for me to store. Please shorten it (at most 4,000 characters) and send it again.';

describe('a whole message is at most 4,000 characters', () => {
  it('a 5,000-character command is refused in words, nothing is saved, and the same event shortened goes through', async () => {
    const long = await command('Fran', `idea add ${x(5000)}`);
    expect(long.text).toBe(TOO_LONG);
    expect(diffStates(seed, await readState(t.db))).toEqual([]);
    // Its event id was not used up: a shortened message under the same id is handled.
    const h = seeded.harness;
    const again = await h.bot.handle({
      kind: 'command',
      eventId: long.eventId,
      actor: h.actor('Fran'),
      text: '/pdsa idea add Read aloud daily',
    });
    expect(textOf(again)).toMatch(/Added change idea/);
  });

  it('a 5,000-character reply to an open check-in is refused in words, and nothing of it is kept', async () => {
    await command('Ben', `answer ${seeded.ids.aOpen}`);
    const before = await readState(t.db);
    expect((await reply('Ben', x(5000))).text).toBe(TOO_LONG);
    expect(diffStates(before, await readState(t.db))).toEqual([]);
  });

  it('a form value of 5,000 characters and a button value of 2,001 are refused the same way', async () => {
    const form = await send('Ben', {
      kind: 'formSubmit',
      formId: `checkin:${seeded.ids.aOpenCheckin}`,
      values: { question: x(5000), change: 'c', prediction: '1/2', logistics: 'l', dataCollection: 'd' },
    });
    expect(form.text).toBe(TOO_LONG);
    const button = await send('Ben', { kind: 'action', actionId: 'checkin.answer', value: x(2001) });
    expect(button.text).toBe(TOO_LONG);
    expect(diffStates(seed, await readState(t.db))).toEqual([]);
  });

  it('exactly 4,000 characters is not refused for its length', async () => {
    const { text } = await command('Fran', `help ${x(3995 - '/pdsa '.length)}`);
    expect(text).not.toBe(TOO_LONG);
    expect(text).toMatch(/There is no command/);
  });
});

describe('an answer is at most 3,000 characters', () => {
  it('a 3,001-character reply is refused, naming the limit, and the question is asked again; 3,000 is kept whole', async () => {
    await command('Ben', `answer ${seeded.ids.aOpen}`);
    const refused = await reply('Ben', x(3001));
    expect(refused.text).toMatch(/^That answer is 3001 characters long; please keep it under 3000\./);
    expect(refused.text).toMatch(
      /Plan check-in for cycle #\d+, question 1 of 6: What question will this cycle answer\?/,
    );
    const draftOf = async () =>
      (
        await t.db
          .selectFrom('checkins')
          .select('draft')
          .where('id', '=', seeded.ids.aOpenCheckin)
          .executeTakeFirstOrThrow()
      ).draft;
    expect(await draftOf()).toEqual({});
    expect((await reply('Ben', x(3000))).text).toMatch(/^Got it\.\nQuestion 2 of 6/);
    expect((await draftOf())?.question).toBe(x(3000));
  });

  it('a 3,001-character answer in the check-in form is refused under its field, and nothing is answered', async () => {
    const { result } = await send('Ben', {
      kind: 'formSubmit',
      formId: `checkin:${seeded.ids.aOpenCheckin}`,
      values: { question: x(3001), change: 'c', prediction: '1/2', logistics: 'l', dataCollection: 'd' },
    });
    expect(result.fieldErrors).toEqual({
      question: 'That answer is 3001 characters long; please keep it under 3000.',
    });
    expect(textOf(result)).toMatch(/^Nothing was saved yet/);
    const checkin = await t.db
      .selectFrom('checkins')
      .select(['status', 'answer'])
      .where('id', '=', seeded.ids.aOpenCheckin)
      .executeTakeFirstOrThrow();
    expect(checkin).toEqual({ status: 'open', answer: null });
  });
});

type Named = {
  what: string;
  who: string;
  limit: number;
  /** The line with a text of `length` characters in the place of the input. */
  line: (text: string) => string;
  /** Where the accepted text is stored. */
  stored: (text: string) => Promise<unknown>;
};

const NAMED: Named[] = [
  {
    what: 'network name',
    who: 'Nel',
    limit: 120,
    line: (s) => `network create ${s}`,
    stored: (s) => t.db.selectFrom('networks').select('id').where('name', '=', s).executeTakeFirst(),
  },
  {
    what: 'aim',
    who: 'Fran',
    limit: 2000,
    line: (s) => `network aim ${s}`,
    stored: (s) => t.db.selectFrom('networks').select('id').where('aim', '=', s).executeTakeFirst(),
  },
  {
    what: 'site name',
    who: 'Fran',
    limit: 120,
    line: (s) => `site add ${s}`,
    stored: (s) => t.db.selectFrom('sites').select('id').where('name', '=', s).executeTakeFirst(),
  },
  {
    what: 'site name',
    who: 'Fran',
    limit: 120,
    line: (s) => `site rename Washington to ${s}`,
    stored: (s) => t.db.selectFrom('sites').select('id').where('name', '=', s).executeTakeFirst(),
  },
  {
    what: 'label',
    who: 'Fran',
    limit: 200,
    line: (s) => `site break Washington 2026-12-21 to 2027-01-01 ${s}`,
    stored: (s) => t.db.selectFrom('site_breaks').select('id').where('label', '=', s).executeTakeFirst(),
  },
  {
    what: 'measure name',
    who: 'Fran',
    limit: 120,
    line: (s) => `measure add ${s} kind value better higher`,
    stored: (s) => t.db.selectFrom('measures').select('id').where('name', '=', s).executeTakeFirst(),
  },
  {
    what: 'unit',
    who: 'Fran',
    limit: 40,
    line: (s) => `measure add Reading time kind value better higher unit ${s}`,
    stored: (s) => t.db.selectFrom('measures').select('id').where('unit', '=', s).executeTakeFirst(),
  },
  {
    what: 'change idea',
    who: 'Fran',
    limit: 500,
    line: (s) => `idea add ${s}`,
    stored: (s) => t.db.selectFrom('change_ideas').select('id').where('text', '=', s).executeTakeFirst(),
  },
  {
    what: 'driver',
    who: 'Fran',
    limit: 200,
    line: (s) => `idea add Read aloud daily driver ${s}`,
    stored: (s) => t.db.selectFrom('drivers').select('id').where('name', '=', s).executeTakeFirst(),
  },
  {
    what: 'driver',
    who: 'Fran',
    limit: 200,
    line: (s) => `driver add ${s}`,
    stored: (s) => t.db.selectFrom('drivers').select('id').where('name', '=', s).executeTakeFirst(),
  },
  {
    what: 'driver',
    who: 'Fran',
    limit: 200,
    line: (s) => `driver rename Families can help to ${s}`,
    stored: (s) => t.db.selectFrom('drivers').select('id').where('name', '=', s).executeTakeFirst(),
  },
  {
    what: 'condition name',
    who: 'Fran',
    limit: 40,
    line: (s) => `condition add ${s} values small, large`,
    stored: (s) => t.db.selectFrom('conditions').select('id').where('name', '=', s).executeTakeFirst(),
  },
  {
    what: 'condition name',
    who: 'Fran',
    limit: 40,
    line: (s) => `network conditions ${s}: small, large`,
    stored: (s) => t.db.selectFrom('conditions').select('id').where('name', '=', s).executeTakeFirst(),
  },
  {
    what: 'condition value',
    who: 'Fran',
    limit: 60,
    line: (s) => `condition add level values ${s}`,
    stored: (s) => t.db.selectFrom('condition_values').select('id').where('value', '=', s).executeTakeFirst(),
  },
  {
    what: 'condition value',
    who: 'Fran',
    limit: 60,
    line: (s) => `condition rename level middle to ${s}`,
    stored: (s) => t.db.selectFrom('condition_values').select('id').where('value', '=', s).executeTakeFirst(),
  },
  {
    // A change idea given as text when starting a cycle is added to the network's ideas: not cut short.
    what: 'change idea',
    who: 'Fran',
    limit: 500,
    line: (s) => `start Lincoln owner @Ben idea "${s}"`,
    stored: (s) => t.db.selectFrom('change_ideas').select('id').where('text', '=', s).executeTakeFirst(),
  },
  {
    what: 'question',
    who: 'Fran',
    limit: 1000,
    line: (s) => `start Lincoln owner @Ben question ${s}`,
    stored: (s) => t.db.selectFrom('cycles').select('id').where('question', '=', s).executeTakeFirst(),
  },
  {
    what: "person's name",
    who: 'Fran',
    limit: 200,
    line: (s) => `member add @${s} to Lincoln`,
    stored: (s) => t.db.selectFrom('people').select('id').where('display_name', '=', s).executeTakeFirst(),
  },
];

describe('each named thing has its own limit, and the refusal names it', () => {
  for (const input of NAMED) {
    it(`${input.what} (/pdsa ${input.line('…')}): ${input.limit} characters are kept whole, ${input.limit + 1} are refused and nothing is saved`, async () => {
      const over = await command(input.who, input.line(x(input.limit + 1)));
      expect(over.text).toBe(
        `The ${input.what} is ${input.limit + 1} characters long; keep it to ${input.limit} or fewer.`,
      );
      expect(await changes()).toEqual([]);
      await command(input.who, input.line(x(input.limit)));
      expect(await input.stored(x(input.limit))).toBeDefined();
    });
  }
});

describe("the start form's question has the limit of a typed one", () => {
  it('1,001 characters are refused in words and no cycle is started', async () => {
    const { ids } = seeded;
    const { text } = await send('Fran', {
      kind: 'formSubmit',
      formId: 'cycle.start',
      values: {
        site: String(ids.aSite),
        idea: String(ids.aIdeaId),
        measure: String(ids.aMeasure),
        from: '2026-11-30',
        to: '2026-12-11',
        question: x(1001),
      },
    });
    expect(text).toBe('The question is 1001 characters long; keep it to 1000 or fewer.');
    expect(await changes()).toEqual([]);
  });
});
