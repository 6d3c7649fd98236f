import { sql } from 'kysely';
import type { Db } from '../../../src/db/connect.ts';

// The whole database as data: every row of every table of the bot's schema,
// to compare before and after an event ("nothing changed"), to restore a
// prepared state between tests without building it again, and to tell which
// rows belong to which network.

export type Row = Record<string, unknown>;
export type DbState = Map<string, Row[]>;

type Column = { name: string; type: string };

let tablesCache: WeakMap<Db, Promise<{ name: string; columns: Column[] }[]>> = new WeakMap();

/** The bot's tables in the order they were created (so parents before children). */
function tablesOf(db: Db): Promise<{ name: string; columns: Column[] }[]> {
  let cached = tablesCache.get(db);
  if (!cached) {
    cached = (async () => {
      const tables = await sql<{ name: string }>`
        select c.relname as name from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind = 'r' and c.relname not like 'kysely_%'
        order by c.oid`.execute(db);
      // Generated columns (drivers.parent_kind) are computed, never written back.
      const columns = await sql<{ table: string; name: string; type: string }>`
        select table_name as table, column_name as name, data_type as type
        from information_schema.columns
        where table_schema = current_schema() and is_generated = 'NEVER'
        order by table_name, ordinal_position`.execute(db);
      return tables.rows.map((t) => ({
        name: t.name,
        columns: columns.rows.filter((c) => c.table === t.name).map((c) => ({ name: c.name, type: c.type })),
      }));
    })();
    tablesCache.set(db, cached);
  }
  return cached;
}

/** Forget the table list (after a migration in the same database). */
export function forgetTables(): void {
  tablesCache = new WeakMap();
  referencesCache = new WeakMap();
}

/**
 * Every row of every table, in one statement (so one round trip): each
 * table as a JSON array of its rows, ordered by the rows' text.
 */
export async function readState(db: Db): Promise<DbState> {
  const tables = await tablesOf(db);
  const parts = tables.map(
    (t) =>
      sql`${t.name}::text, (select coalesce(json_agg(r order by r::text), '[]'::json) from ${sql.table(t.name)} r)`,
  );
  const result = await sql<{
    state: Record<string, Row[]>;
  }>`select json_build_object(${sql.join(parts)}) as state`.execute(db);
  const state = result.rows[0]?.state ?? {};
  return new Map(tables.map((t) => [t.name, state[t.name] ?? []]));
}

/** One string per table (for a quick equality test and readable diffs). */
export function describeState(state: DbState): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [table, rows] of state) out.set(table, rows.map(stableJson));
  return out;
}

/** Rows added or removed between two states, per table; empty when nothing changed. */
export function diffStates(before: DbState, after: DbState): string[] {
  const a = describeState(before);
  const b = describeState(after);
  const changes: string[] = [];
  for (const table of new Set([...a.keys(), ...b.keys()])) {
    const was = new Set(a.get(table) ?? []);
    const now = new Set(b.get(table) ?? []);
    for (const row of was) if (!now.has(row)) changes.push(`${table} - ${row}`);
    for (const row of now) if (!was.has(row)) changes.push(`${table} + ${row}`);
  }
  return changes;
}

let referencesCache: WeakMap<Db, Promise<{ child: string; parent: string }[]>> = new WeakMap();

/** Foreign keys: which table refers to which. */
function referencesOf(db: Db): Promise<{ child: string; parent: string }[]> {
  let cached = referencesCache.get(db);
  if (!cached) {
    cached = sql<{ child: string; parent: string }>`
      select c.relname as child, p.relname as parent from pg_constraint k
      join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = current_schema()`
      .execute(db)
      .then((r) => r.rows);
    referencesCache.set(db, cached);
  }
  return cached;
}

/**
 * Puts the database back exactly as `state` had it, identities included.
 * With `only`, just those tables (and the tables that refer to them, which
 * emptying them empties too) are put back: quicker when little changed.
 */
export async function restoreState(db: Db, state: DbState, only?: readonly string[]): Promise<void> {
  let tables = await tablesOf(db);
  if (only) {
    const refs = await referencesOf(db);
    const closure = new Set(only);
    for (let grew = true; grew; ) {
      grew = false;
      for (const { child, parent } of refs) {
        if (closure.has(parent) && !closure.has(child)) {
          closure.add(child);
          grew = true;
        }
      }
    }
    tables = tables.filter((t) => closure.has(t.name));
    if (tables.length === 0) return;
  }
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    for (const table of tables) await sql`delete from ${sql.table(table.name)}`.execute(trx);
    for (const table of tables) {
      const rows = state.get(table.name) ?? [];
      if (rows.length === 0) continue;
      const cols = table.columns;
      const values = rows.map(
        (row) =>
          sql`(${sql.join(
            cols.map((c) => {
              const v = row[c.name];
              // Parameters go as text; jsonb gets its JSON, so that arrays stay JSON arrays.
              if (v === null || v === undefined) return sql`null`;
              if (c.type === 'jsonb' || c.type === 'json') return sql`${JSON.stringify(v)}::jsonb`;
              return sql`${v}`;
            }),
          )})`,
      );
      await sql`insert into ${sql.table(table.name)} (${sql.join(cols.map((c) => sql.ref(c.name)))})
        overriding system value values ${sql.join(values)}`.execute(trx);
    }
    for (const table of tables) {
      if (!table.columns.some((c) => c.name === 'id')) continue;
      await sql`select setval(pg_get_serial_sequence(${table.name}, 'id'), coalesce(max(id), 1), max(id) is not null) from ${sql.table(table.name)}`.execute(
        trx,
      );
    }
  });
}

/**
 * The rows of one network: its own row and every row that hangs from it
 * (sites, breaks, members and their people, measures, ideas, conditions,
 * drivers, cycles and everything under them, its deliveries and digests).
 */
export function rowsOfNetwork(state: DbState, networkId: number): Map<string, string[]> {
  const rows = (t: string) => state.get(t) ?? [];
  const ids = (t: string, where: (r: Row) => boolean) =>
    new Set(
      rows(t)
        .filter(where)
        .map((r) => r.id as number),
    );
  const sites = ids('sites', (r) => r.network_id === networkId);
  const members = rows('members').filter((r) => r.network_id === networkId);
  const people = new Set(members.map((m) => m.person_id as number));
  const cycles = ids('cycles', (r) => r.network_id === networkId);
  const checkins = ids('checkins', (r) => cycles.has(r.cycle_id as number));
  const conditions = ids('conditions', (r) => r.network_id === networkId);
  const drivers = ids('drivers', (r) => r.network_id === networkId);
  const pick: Record<string, (r: Row) => boolean> = {
    networks: (r) => r.id === networkId,
    sites: (r) => sites.has(r.id as number),
    site_breaks: (r) => sites.has(r.site_id as number),
    people: (r) => people.has(r.id as number),
    members: (r) => r.network_id === networkId,
    measures: (r) => r.network_id === networkId,
    change_ideas: (r) => r.network_id === networkId,
    conditions: (r) => conditions.has(r.id as number),
    condition_values: (r) => conditions.has(r.condition_id as number),
    site_conditions: (r) => sites.has(r.site_id as number),
    drivers: (r) => drivers.has(r.id as number),
    idea_drivers: (r) => drivers.has(r.driver_id as number),
    cycles: (r) => cycles.has(r.id as number),
    cycle_participants: (r) => cycles.has(r.cycle_id as number),
    checkins: (r) => checkins.has(r.id as number),
    checkin_revisions: (r) => checkins.has(r.checkin_id as number),
    raw_replies: (r) => people.has(r.person_id as number),
    deliveries: (r) => r.network_id === networkId || people.has(r.person_id as number),
    digests: (r) => r.network_id === networkId,
  };
  const out = new Map<string, string[]>();
  for (const [table, where] of Object.entries(pick))
    out.set(table, rows(table).filter(where).map(stableJson));
  return out;
}

/** JSON with keys sorted, so that equal rows give equal strings. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Row)
        .sort()
        .map((k) => [k, sortKeys((value as Row)[k])]),
    );
  }
  return value;
}
