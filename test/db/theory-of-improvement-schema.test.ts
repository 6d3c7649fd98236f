import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, type OpenDatabase, openDatabase } from '../../src/db/connect.ts';
import { migrator } from '../../src/db/migrate.ts';
import { serverUrl } from '../support/test-db.ts';

// Migration 0005: the free-text drivers of earlier versions become drivers
// on the diagram, and the new tables keep their shape by themselves (a
// driver tree two levels deep inside one network, a site's value always one
// of its condition's, one value in force at a time).

let opened: OpenDatabase;
let schema: string | undefined;
let db: Db;

beforeAll(async () => {
  if (serverUrl) {
    schema = `m_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    opened = await openDatabase({ kind: 'postgres', url: serverUrl }, { searchPath: schema, poolSize: 2 });
  } else {
    opened = await openDatabase({ kind: 'pglite', dataDir: 'memory' });
  }
  db = opened.db;
}, 60_000);

afterAll(async () => {
  await opened?.close();
  if (serverUrl && schema) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
});

const migrateTo = async (name: string) => {
  const result = await migrator(db, schema).migrateTo(name);
  if (result.error) throw result.error;
};

describe('migration 0005', () => {
  it('turns the free-text drivers into one driver per network and name, each idea on its own, and back', async () => {
    await migrateTo('0003_published_files');
    const network = async (name: string) =>
      (
        await sql<{
          id: number;
        }>`insert into networks (name, time_zone) values (${name}, 'UTC') returning id`.execute(db)
      ).rows[0]!.id;
    const a = await network('A');
    const b = await network('B');
    const idea = (n: number, text: string, driver: string | null) =>
      sql`insert into change_ideas (network_id, text, driver) values (${n}, ${text}, ${driver})`.execute(db);
    await idea(a, 'Greet at the door', 'Belonging');
    await idea(a, 'Morning circle', '  belonging ');
    await idea(a, 'Text families', 'Families');
    await idea(a, 'Something', '   ');
    await idea(a, 'Nothing', null);
    await idea(b, 'Greet at the door', 'Belonging');

    await migrateTo('0005_theory_of_improvement');
    const drivers = await db
      .selectFrom('drivers')
      .select(['network_id', 'name', 'kind', 'parent_id'])
      .orderBy('id')
      .execute();
    expect(drivers).toEqual([
      { network_id: a, name: 'Belonging', kind: 'primary', parent_id: null },
      { network_id: a, name: 'Families', kind: 'primary', parent_id: null },
      { network_id: b, name: 'Belonging', kind: 'primary', parent_id: null },
    ]);
    const placed = await db
      .selectFrom('idea_drivers')
      .innerJoin('change_ideas', 'change_ideas.id', 'idea_drivers.change_idea_id')
      .innerJoin('drivers', 'drivers.id', 'idea_drivers.driver_id')
      .select(['change_ideas.text', 'drivers.name', 'drivers.network_id'])
      .orderBy('change_ideas.id')
      .execute();
    expect(placed).toEqual([
      { text: 'Greet at the door', name: 'Belonging', network_id: a },
      { text: 'Morning circle', name: 'Belonging', network_id: a },
      { text: 'Text families', name: 'Families', network_id: a },
      { text: 'Greet at the door', name: 'Belonging', network_id: b },
    ]);
    const columns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
      where table_schema = current_schema() and table_name = 'change_ideas'`.execute(db);
    expect(columns.rows.map((c) => c.column_name)).not.toContain('driver');

    await migrateTo('0003_published_files');
    const back = await sql<{ text: string; driver: string | null }>`
      select text, driver from change_ideas order by id`.execute(db);
    expect(back.rows).toEqual([
      { text: 'Greet at the door', driver: 'Belonging' },
      { text: 'Morning circle', driver: 'Belonging' },
      { text: 'Text families', driver: 'Families' },
      { text: 'Something', driver: null },
      { text: 'Nothing', driver: null },
      { text: 'Greet at the door', driver: 'Belonging' },
    ]);
    await migrator(db, schema).migrateToLatest();
  });

  it('keeps the driver tree two levels deep and inside one network', async () => {
    const [a, b] = (await db.selectFrom('networks').select('id').orderBy('id').execute()).map((n) => n.id);
    const add = (networkId: number, name: string, parentId: number | null) =>
      db
        .insertInto('drivers')
        .values({
          network_id: networkId,
          name,
          parent_id: parentId,
          kind: parentId === null ? 'primary' : 'secondary',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const top = await add(a!, 'Mornings', null);
    const under = await add(a!, 'Breakfast', top.id);
    await expect(add(a!, 'Deeper', under.id)).rejects.toThrow(/foreign key/i);
    await expect(add(b!, 'Elsewhere', top.id)).rejects.toThrow(/foreign key/i);
    await expect(
      sql`insert into drivers (network_id, name, kind) values (${a}, 'Odd', 'secondary')`.execute(db),
    ).rejects.toThrow(/check/i);
    await expect(add(a!, 'MORNINGS', null)).rejects.toThrow(/drivers_network_name_key/);
    // A primary driver with secondaries under it cannot become a secondary one.
    const other = await add(a!, 'Attendance matters', null);
    await expect(
      db
        .updateTable('drivers')
        .set({ parent_id: other.id, kind: 'secondary' })
        .where('id', '=', top.id)
        .execute(),
    ).rejects.toThrow(/foreign key/i);
  });

  it("takes a site's value only from its own condition, one value in force at a time", async () => {
    const network = (await db.selectFrom('networks').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const site = await db
      .insertInto('sites')
      .values({ network_id: network, name: 'Lincoln' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const condition = async (name: string, value: string) => {
      const c = await db
        .insertInto('conditions')
        .values({ network_id: network, name })
        .returning('id')
        .executeTakeFirstOrThrow();
      const v = await db
        .insertInto('condition_values')
        .values({ condition_id: c.id, value })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { conditionId: c.id, valueId: v.id };
    };
    const level = await condition('level', 'middle');
    const locale = await condition('locale', 'urban');
    const row = (valueId: number, validFrom: string | null, validTo: string | null) =>
      db
        .insertInto('site_conditions')
        .values({
          site_id: site.id,
          condition_id: level.conditionId,
          value_id: valueId,
          valid_from: validFrom,
          valid_to: validTo,
        })
        .execute();
    await expect(row(locale.valueId, null, null)).rejects.toThrow(/foreign key/i);
    await row(level.valueId, null, null);
    await expect(row(level.valueId, '2026-09-01', null)).rejects.toThrow(/site_conditions_current_key/);
    await expect(row(level.valueId, '2026-09-01', '2026-08-01')).rejects.toThrow(/check/i);
    await expect(
      db
        .insertInto('condition_values')
        .values({ condition_id: level.conditionId, value: 'MIDDLE' })
        .execute(),
    ).rejects.toThrow(/condition_values_condition_value_key/);
    // Removing a condition takes its values and every site's history of it along.
    await db.deleteFrom('conditions').where('id', '=', level.conditionId).execute();
    expect(await db.selectFrom('site_conditions').select('id').execute()).toEqual([]);
  });
});
