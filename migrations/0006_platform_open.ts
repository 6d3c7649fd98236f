import { type Kysely, sql } from 'kysely';

// A platform is an id its adapter registers ('slack', 'teams', 'shell', and
// whatever is plugged in next), not a list the database keeps: the CHECKs of
// 0001 that named the three platforms give way to one that checks the id's
// shape only, the shape src/core/domain.ts accepts.

const COLUMNS = [
  ['installations', 'platform'],
  ['networks', 'digest_platform'],
  ['people', 'platform'],
  ['deliveries', 'platform'],
  ['digests', 'platform'],
  ['inbound_events', 'platform'],
] as const;

const ID_SHAPE = '^[a-z][a-z0-9_-]{0,31}$';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of COLUMNS) {
    await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(`${table}_${column}_check`)}`.execute(
      db,
    );
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_${column}_id_check`)} check (${sql.ref(column)} ~ ${sql.lit(ID_SHAPE)})`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of COLUMNS) {
    await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(`${table}_${column}_id_check`)}`.execute(
      db,
    );
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_${column}_check`)} check (${sql.ref(column)} in ('slack', 'teams', 'shell'))`.execute(
      db,
    );
  }
}
