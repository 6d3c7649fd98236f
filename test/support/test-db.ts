import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, sql } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { type Db, openDatabase } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/schema.ts';
import { PG_DATE, PG_INT8, parseDate, parseInt8 } from '../../src/db/type-parsers.ts';

// Integration tests run on a real Postgres: an in-memory PGlite by default,
// or the server named by TEST_DATABASE_URL. Each test file gets its own
// migrated database (a PGlite, or a schema of its own on the server, so
// files can run in parallel); `reset()` empties it between tests.

export type TestDatabase = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Server only: the URL and schema, for tests that start other processes. */
  url?: string;
  schema?: string;
  reset(): Promise<void>;
  close(): Promise<void>;
};

export const serverUrl = process.env.TEST_DATABASE_URL || undefined;

export async function createTestDatabase(): Promise<TestDatabase> {
  if (serverUrl) {
    const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const opened = await openDatabase(
      { kind: 'postgres', url: serverUrl },
      { searchPath: schema, poolSize: 5 },
    );
    await migrateToLatest(opened.db, schema);
    return {
      db: opened.db,
      kind: 'postgres',
      url: serverUrl,
      schema,
      reset: () => truncateAll(opened.db),
      close: async () => {
        await opened.close();
        const dropper = new pg.Client({ connectionString: serverUrl });
        await dropper.connect();
        await dropper.query(`drop schema if exists ${schema} cascade`);
        await dropper.end();
      },
    };
  }
  return openPGliteCopy();
}

let image: Blob | undefined;
/** PGlites that a finished test file gave back, emptied, for the next file in this worker. */
const idle: PGlite[] = [];

/**
 * An empty, migrated PGlite. Loading one costs most of a second of CPU even
 * from the image test/support/global-setup.ts made for the run, so a file
 * that closes its database hands it back emptied for the next file in the
 * same worker (files share their worker: see vitest.config.ts); a file that
 * needs two at once gets a second. Without the run's image (one file run
 * through another config) a fresh PGlite is migrated.
 */
async function openPGliteCopy(): Promise<TestDatabase> {
  let pglite = idle.pop();
  while (pglite?.closed) pglite = idle.pop();
  // A PGlite handed back keeps nothing of the previous file's session either.
  if (pglite) await pglite.exec('discard all');
  else pglite = await loadPGlite();
  const opened = pglite;
  // The file sees the PGlite through a handle that is revoked when it closes
  // its database, so a timer it left running fails loudly instead of
  // writing into the next file's data.
  const handle = Proxy.revocable(opened, {
    get: (target, key) => {
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite: handle.proxy }) });
  let emptyAll: string | undefined;
  const reset = async () => {
    emptyAll ??= await emptyAllScript(db);
    await opened.exec(emptyAll);
  };
  let closed = false;
  return {
    db,
    kind: 'pglite',
    reset,
    close: async () => {
      if (closed || opened.closed) return;
      closed = true;
      // Revoked before it is emptied: a query the file left running (a timer,
      // a retry) can then no longer land rows in the next file's database
      // after they were deleted.
      emptyAll ??= await emptyAllScript(db);
      handle.revoke();
      await reset();
      idle.push(opened);
    },
  };
}

async function loadPGlite(): Promise<PGlite> {
  const file = inject('pgliteImage');
  if (file && !image) image = new Blob([readFileSync(file)]);
  const pglite = new PGlite({
    parsers: { [PG_DATE]: parseDate, [PG_INT8]: parseInt8 },
    ...(file ? { loadDataDir: image } : {}),
  });
  if (!file) {
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    await migrateToLatest(db);
  }
  return pglite;
}

/**
 * Empties every table and restarts every id sequence, as TRUNCATE ... RESTART
 * IDENTITY does, in a fifth of the time on PGlite (TRUNCATE makes new files
 * for every table, DELETE on a handful of rows does not). Foreign keys are
 * not checked meanwhile: every table ends up empty anyway.
 */
async function emptyAllScript(db: Db): Promise<string> {
  const tables = await sql<{ name: string }>`
    select quote_ident(tablename) as name from pg_tables
    where schemaname = current_schema() and tablename not like 'kysely_%'`.execute(db);
  const sequences = await sql<{ name: string }>`
    select quote_ident(relname) as name from pg_class
    where relkind = 'S' and relnamespace = current_schema()::regnamespace`.execute(db);
  return [
    'begin',
    'set local session_replication_role = replica',
    ...tables.rows.map((t) => `delete from ${t.name}`),
    ...sequences.rows.map((s) => `alter sequence ${s.name} restart`),
    'commit',
  ].join(';\n');
}

async function truncateAll(db: Db): Promise<void> {
  const tables = await sql<{ tablename: string }>`
    select tablename from pg_tables
    where schemaname = current_schema() and tablename not like 'kysely_%'`.execute(db);
  if (tables.rows.length === 0) return;
  const list = tables.rows.map((t) => `"${t.tablename}"`).join(', ');
  await sql.raw(`truncate ${list} restart identity cascade`).execute(db);
}
