import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findViolations, type Rules, tableAccesses, tablesOfSchema } from '../../scripts/table-owners.ts';

const TABLES = ['people', 'deliveries', 'checkins'];
const RULES: Rules = {
  owners: {
    people: ['src/store/people.ts'],
    deliveries: ['src/store/deliveries/'],
    checkins: ['src/store/checkins.ts'],
  },
  readModels: ['src/store/', 'src/digest/queries/'],
  pending: {},
};

describe('the table owners check', () => {
  it('passes writes in the owner and reads in owners and read models', () => {
    const files = [
      { path: 'src/store/people.ts', text: "trx.insertInto('people').values(p)" },
      { path: 'src/store/deliveries/claim.ts', text: "db.updateTable('deliveries').set(s)" },
      { path: 'src/store/deliveries/cancel.ts', text: "eb.selectFrom('checkins').select('id')" },
      {
        path: 'src/digest/queries/activity.ts',
        text: "db.selectFrom('checkins').innerJoin('people', 'a', 'b')",
      },
    ];
    expect(findViolations(files, TABLES, RULES)).toEqual([]);
  });

  it('names file and line of a write outside the owner, by kysely or raw SQL', () => {
    const files = [
      {
        path: 'src/bot/notify.ts',
        text: "const a = 1;\nawait trx\n  .insertInto('deliveries')\n  .values(row);\nawait sql`update people set x = 1`.execute(db);",
      },
    ];
    expect(findViolations(files, TABLES, RULES).map((v) => `${v.file}:${v.line} ${v.table}`)).toEqual([
      'src/bot/notify.ts:3 deliveries',
      'src/bot/notify.ts:5 people',
    ]);
  });

  it('refuses a read outside the owners and read models, even in a join or subquery', () => {
    const files = [
      {
        path: 'src/bot/commands/status.ts',
        text: "trx.selectFrom('members').leftJoin('people as p', 'p.id', 'x')\n.where(({ exists, selectFrom }) => exists(selectFrom('deliveries as d')))",
      },
    ];
    const found = findViolations(files, [...TABLES, 'members'], {
      ...RULES,
      owners: { ...RULES.owners, members: ['src/store/members.ts'] },
    });
    expect(found.map((v) => `${v.line} ${v.table} ${v.message.split(' ')[0]}`)).toEqual([
      '1 members reads',
      '1 people reads',
      '2 deliveries reads',
    ]);
  });

  it('allows no write in a read model, and names a table nobody owns', () => {
    const files = [{ path: 'src/digest/queries/x.ts', text: "db.deleteFrom('checkins')" }];
    const found = findViolations(files, [...TABLES, 'ghosts'], RULES);
    expect(found.map((v) => v.message)).toEqual([
      'table ghosts has no owner module',
      expect.stringContaining('writes checkins (deleteFrom); only its owner src/store/checkins.ts writes it'),
    ]);
  });

  it('keeps the pending list honest: an entry that is no longer needed fails the check', () => {
    const rules = { ...RULES, pending: { 'src/bot/notify.ts': ['people', 'deliveries'] } };
    const files = [{ path: 'src/bot/notify.ts', text: "trx.selectFrom('people')" }];
    expect(findViolations(files, TABLES, rules).map((v) => v.message)).toEqual([
      'pending entry src/bot/notify.ts → deliveries is no longer needed; remove it',
    ]);
  });

  it('reads raw SQL reads as reads and ignores words that are not tables', () => {
    const text =
      'sql`select count(*) from deliveries d join checkins c on c.id = d.checkin_id where x in (select 1 from generate_series(1, 3))`';
    expect(tableAccesses(text, new Set(TABLES)).map((a) => [a.table, a.write])).toEqual([
      ['deliveries', false],
      ['checkins', false],
    ]);
  });

  it('refuses a table named at run time outside src/store (read models may read one, a subquery), since it cannot be followed', () => {
    const files = [
      {
        path: 'src/bot/commands/start-form.ts',
        text: "const own = (table: T) => trx.selectFrom(table).select('id');",
      },
      {
        path: 'src/bot/x.ts',
        text: ['await sql`select id from $', '{sql.table(name)}`.execute(trx);'].join(''),
      },
      { path: 'src/store/views/counts.ts', text: 'trx.selectFrom(table).select(x)' },
      { path: 'src/digest/queries/figures.ts', text: 'trx.selectFrom(figures).select(x)' },
      { path: 'src/digest/queries/purge.ts', text: 'trx.deleteFrom(table)' },
    ];
    expect(findViolations(files, TABLES, RULES).map((v) => `${v.file}:${v.line}`)).toEqual([
      'src/bot/commands/start-form.ts:1',
      'src/bot/x.ts:1',
      'src/digest/queries/purge.ts:1',
    ]);
  });

  it('finds every table of the schema', () => {
    const schema = readFileSync(resolve(import.meta.dirname, '../../src/db/schema.ts'), 'utf8');
    const tables = tablesOfSchema(schema);
    expect(tables).toContain('deliveries');
    expect(tables).toContain('published_files');
    expect(tables.length).toBeGreaterThanOrEqual(22);
  });
});
