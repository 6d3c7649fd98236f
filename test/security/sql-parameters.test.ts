import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CompiledQuery, type KyselyPlugin, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../src/bot/inbound.ts';
import { botHarness, textOf } from '../bot/support/bot-harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { type DbState, readState, restoreState } from './support/db-state.ts';
import { buildTwoNetworks, type TwoNetworks } from './support/two-networks.ts';

// All SQL goes through Kysely with the values as parameters: text people
// type never becomes part of a statement. Shown two ways: the sources use
// no raw SQL strings, and while the bot handles commands full of SQL-looking
// text, every statement it runs is compiled and inspected: the text is
// only ever among the parameters, it is stored exactly as typed, and
// nothing else in the database is touched.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('the sources build no SQL from strings', () => {
  it('src/ and adapters/ use no sql.raw, sql.lit or driver-level query strings (one reviewed exception)', () => {
    const reviewed = new Set([
      // The PGlite health probe when opening the embedded database: a constant.
      "src/db/connect.ts: await pglite.query('select 1');",
    ]);
    const found: string[] = [];
    for (const dir of ['src', 'adapters']) {
      for (const file of sourceFiles(join(ROOT, dir))) {
        const lines = readFileSync(file, 'utf8').split('\n');
        for (const line of lines) {
          if (/sql\.raw\(|sql\.lit\(|CompiledQuery\.raw\(|\.query\(|\.unsafe\(|\.executeQuery\(/.test(line)) {
            const entry = `${relative(ROOT, file)}: ${line.trim()}`;
            if (!reviewed.has(entry)) found.push(entry);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });
});

// Strings an attacker might type. None holds a double quote, so that in a
// command each can be written in double quotes and is one value.
const HOSTILE = [
  "Robert'); drop table cycles;--",
  "x' or '1'='1",
  "'; delete from members where ''='",
  '1; select pg_sleep(5)',
  "') union select display_name from people --",
  '$1 $2 ? :name',
  "\\'; -- backslash",
  'Ｒｏｂｅｒｔ＇）；ｄｒｏｐ ｔａｂｌｅ',
];
// Parts of them that never occur in the bot's own SQL.
const TELLTALES = [
  'drop table',
  "'1'='1",
  'delete from members',
  'pg_sleep',
  'union select display_name',
  'backslash',
  'ｄｒｏｐ',
];

let t: TestDatabase;
let seeded: TwoNetworks;
let seed: DbState;

beforeAll(async () => {
  t = await createTestDatabase();
  seeded = await buildTwoNetworks(t.db);
  seed = await readState(t.db);
}, 120_000);
afterAll(() => t?.close());
beforeEach(() => restoreState(t.db, seed));

/** A bot on the same database whose every statement is compiled and kept for inspection. */
function spiedBot() {
  const statements: CompiledQuery[] = [];
  const executor = t.db.getExecutor();
  const spy: KyselyPlugin = {
    transformQuery(args) {
      statements.push(executor.compileQuery(args.node, args.queryId));
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  const h = botHarness(t.db.withPlugin(spy), new Date('2026-11-30T15:00:00Z'));
  let n = 0;
  const handle = (who: string, event: Record<string, unknown>) =>
    h.bot.handle({ ...event, eventId: `sql-${++n}-${Math.random()}`, actor: h.actor(who) } as InboundEvent);
  const send = async (who: string, event: Record<string, unknown>) => textOf(await handle(who, event));
  return {
    statements,
    command: (who: string, line: string) => send(who, { kind: 'command', text: `/pdsa ${line}` }),
    result: (who: string, line: string) => handle(who, { kind: 'command', text: `/pdsa ${line}` }),
    reply: (who: string, text: string) => send(who, { kind: 'reply', text }),
    submit: (who: string, formId: string, values: Record<string, string>) =>
      send(who, { kind: 'formSubmit', formId, values }),
  };
}

/** The statements ran the text only as a parameter, never as part of their SQL. */
function expectTextOnlyAsParameters(statements: CompiledQuery[], text: string): void {
  expect(statements.length).toBeGreaterThan(20);
  const telltales = TELLTALES.filter((w) => text.toLowerCase().includes(w.toLowerCase()));
  const inSql = statements.filter((st) =>
    telltales.some((w) => st.sql.toLowerCase().includes(w.toLowerCase())),
  );
  expect(inSql.map((st) => st.sql)).toEqual([]);
  const asParameter = statements.filter((st) =>
    st.parameters.some((p) => (typeof p === 'string' ? p : (JSON.stringify(p) ?? '')).includes(text)),
  );
  expect(asParameter.length).toBeGreaterThan(0);
}

async function tableCounts(): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    select tablename as name from pg_tables where schemaname = current_schema() order by 1`.execute(t.db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const row = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(t.db);
    counts[name] = row.rows[0]!.n;
  }
  return counts;
}

describe('SQL-looking text is stored literally and runs nothing', () => {
  for (const s of HOSTILE) {
    it(`${s}: as a network, site, measure, idea, break, aim, question, person and answer`, async () => {
      const bot = spiedBot();
      const before = await tableCounts();
      const q = `"${s}"`;
      const unit = s.slice(0, 40).trim();
      const condition = unit;
      expect(await bot.command('Nel', `network create ${q}`)).toMatch(/is set up/);
      expect(await bot.command('Fran', `site add ${q}`)).toMatch(/Added the site/);
      expect(await bot.command('Fran', `members ${q}`)).toMatch(/Nobody is at .* yet/);
      expect(await bot.command('Fran', `cycles ${q}`)).toMatch(/Cycles at /);
      expect(await bot.command('Fran', `site rename ${q} to "${s} 2"`)).toMatch(/is now called/);
      expect(await bot.command('Fran', `measure add ${q} kind value better higher unit "${unit}"`)).toMatch(
        /Added the measure/,
      );
      expect(await bot.command('Fran', `measure show ${q}`)).toMatch(/Predictions and results/);
      expect(await bot.command('Fran', `idea add ${q} driver ${q}`)).toMatch(/Added change idea/);
      expect(await bot.command('Fran', `network aim ${q}`)).toMatch(/is now:/);
      expect(await bot.command('Fran', `condition add "${condition}"`)).toMatch(/Conditions of/);
      expect(await bot.command('Fran', `condition add level values ${q}`)).toMatch(/level: /);
      expect(await bot.command('Fran', `site break Lincoln 2026-12-21 to 2027-01-01 ${q}`)).toMatch(
        /on a break/,
      );
      expect(
        await bot.command('Fran', `start Lincoln owner @Ben measure On-time arrival idea 1 question ${q}`),
      ).toMatch(/started/);
      expect(await bot.command('Fran', `member add ${q} to Lincoln`)).toMatch(/^Added /);
      expect(await bot.command('Ben', `answer ${seeded.ids.aOpen}`)).toMatch(/Answer by replying/);
      expect(await bot.reply('Ben', s)).toMatch(/Got it/);

      const one = async (q: Promise<unknown[]>) => (await q).length;
      expect(await one(t.db.selectFrom('networks').select('id').where('name', '=', s).execute())).toBe(1);
      expect(await one(t.db.selectFrom('networks').select('id').where('aim', '=', s).execute())).toBe(1);
      expect(await one(t.db.selectFrom('sites').select('id').where('name', '=', `${s} 2`).execute())).toBe(1);
      expect(
        await one(
          t.db.selectFrom('measures').select('id').where('name', '=', s).where('unit', '=', unit).execute(),
        ),
      ).toBe(1);
      expect(
        await one(
          t.db
            .selectFrom('change_ideas')
            .innerJoin('idea_drivers', 'idea_drivers.change_idea_id', 'change_ideas.id')
            .innerJoin('drivers', 'drivers.id', 'idea_drivers.driver_id')
            .select('change_ideas.id')
            .where('change_ideas.text', '=', s)
            .where('drivers.name', '=', s)
            .execute(),
        ),
      ).toBe(1);
      expect(await one(t.db.selectFrom('site_breaks').select('id').where('label', '=', s).execute())).toBe(1);
      expect(
        await one(t.db.selectFrom('conditions').select('id').where('name', '=', condition).execute()),
      ).toBe(1);
      expect(
        await one(t.db.selectFrom('condition_values').select('id').where('value', '=', s).execute()),
      ).toBe(1);
      expect(await one(t.db.selectFrom('cycles').select('id').where('question', '=', s).execute())).toBe(1);
      expect(await one(t.db.selectFrom('people').select('id').where('display_name', '=', s).execute())).toBe(
        1,
      );
      expect(await one(t.db.selectFrom('raw_replies').select('id').where('text', '=', s).execute())).toBe(1);
      const draft = await t.db
        .selectFrom('checkins')
        .select('draft')
        .where('id', '=', seeded.ids.aOpenCheckin)
        .executeTakeFirstOrThrow();
      expect(draft.draft?.question).toBe(s);

      // Every table is there, and only the rows these commands add were added.
      const after = await tableCounts();
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const [table, count] of Object.entries(after))
        expect(count, table).toBeGreaterThanOrEqual(before[table]!);
      expect(after.cycles).toBe(before.cycles! + 1);
      expect(after.members).toBe(before.members! + 2);
      expectTextOnlyAsParameters(bot.statements, s);
    });
  }

  it('a double quote, a NUL and other control characters in answers: the quote is kept, control characters are not', async () => {
    const bot = spiedBot();
    expect(await bot.command('Ben', `answer ${seeded.ids.aOpen}`)).toMatch(/Answer by replying/);
    const text = `"; drop table members; --\u0000\u0007 end`;
    expect(await bot.reply('Ben', text)).toMatch(/Got it/);
    const draft = await t.db
      .selectFrom('checkins')
      .select('draft')
      .where('id', '=', seeded.ids.aOpenCheckin)
      .executeTakeFirstOrThrow();
    expect(draft.draft?.question).toBe('"; drop table members; --  end');
    expect(
      await bot.submit('Ben', `checkin:${seeded.ids.aOpenCheckin}`, {
        question: 'Q "quoted" \'single\'',
        change: "'); drop table checkins;--",
        prediction: '18/24',
        logistics: 'L',
        dataCollection: 'D',
      }),
    ).toMatch(/is saved/);
    const answered = await t.db
      .selectFrom('checkins')
      .select('answer')
      .where('id', '=', seeded.ids.aOpenCheckin)
      .executeTakeFirstOrThrow();
    expect(answered.answer).toMatchObject({
      question: 'Q "quoted" \'single\'',
      change: "'); drop table checkins;--",
    });
    expectTextOnlyAsParameters(bot.statements, '"; drop table members; --  end');
    expectTextOnlyAsParameters(bot.statements, "'); drop table checkins;--");
  });

  it('LIKE wildcards in a name match nothing but themselves', async () => {
    const bot = spiedBot();
    expect(await bot.command('Fran', 'members "%"')).toMatch(/^There is no site "%"/);
    expect(await bot.command('Fran', 'cycles "_incoln"')).toMatch(/^There is no site "_incoln"/);
    expect(await bot.command('Fran', 'measure show "%"')).toMatch(/^There is no measure "%"/);
    expect(await bot.command('Fran', 'member role "%" facilitator')).toMatch(
      /I don't know anyone called "%"/,
    );
  });

  it('a name a spreadsheet would run as a formula is exported defused', async () => {
    const bot = spiedBot();
    expect(await bot.command('Fran', `site add "=cmd|' /C calc'!A0"`)).toMatch(/Added the site/);
    expect(await bot.command('Fran', `start "=cmd|' /C calc'!A0" owner @Ben idea 1`)).toMatch(/started/);
    const result = await bot.result('Fran', 'export');
    const files = result.replies.flatMap((r) => r.message.blocks).filter((b) => b.type === 'file');
    const cycles = files.find((f) => f.type === 'file' && f.fileName.startsWith('pdsa-cycles'));
    expect(cycles?.type === 'file' && String(cycles.content)).toContain(",'=cmd|' /C calc'!A0,");
  });
});
