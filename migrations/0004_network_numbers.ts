import { type Kysely, sql } from 'kysely';

// Change ideas and cycles are numbered within their network (1, 2, 3…):
// people type and read these numbers (`/pdsa cycle 3`, "Idea 2"), and a
// database-wide id made a network with three ideas show "Idea 37". Buttons
// and forms keep carrying the ids, which people never see.
//
// Rows from before keep their id as their number, so every number already
// shown in a chat or typed in a command still names the same row in its
// network; new rows continue after the network's highest number.
//
// The number is given by a trigger, so that every way a row is inserted
// (commands, forms, the sample network, imports) numbers it the same way.
// Two processes that add a cycle to one network at once would both read
// the same highest number; a transaction-scoped advisory lock on the
// (table, network) pair makes the second wait until the first commits, and
// the unique constraint is the last guard.

const TABLES = ['change_ideas', 'cycles'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function assign_network_number() returns trigger language plpgsql as $$
    begin
      if new.number is null then
        perform pg_advisory_xact_lock(tg_relid::integer, new.network_id);
        execute format('select coalesce(max(number), 0) + 1 from %I.%I where network_id = $1',
                       tg_table_schema, tg_table_name)
          into new.number using new.network_id;
      end if;
      return new;
    end $$`.execute(db);
  for (const table of TABLES) {
    await sql`alter table ${sql.table(table)} add column number integer`.execute(db);
    await sql`update ${sql.table(table)} set number = id`.execute(db);
    await sql`alter table ${sql.table(table)} alter column number set not null`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_number_check`)} check (number > 0)`.execute(
      db,
    );
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_network_number_key`)} unique (network_id, number)`.execute(
      db,
    );
    await sql`create trigger ${sql.id(`${table}_number`)} before insert on ${sql.table(table)}
      for each row execute function assign_network_number()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await sql`drop trigger if exists ${sql.id(`${table}_number`)} on ${sql.table(table)}`.execute(db);
    await sql`alter table ${sql.table(table)} drop column if exists number`.execute(db);
  }
  await sql`drop function if exists assign_network_number()`.execute(db);
}
