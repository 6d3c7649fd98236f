import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { type Db, openDatabase } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

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
  const opened = await openDatabase({ kind: 'pglite', dataDir: 'memory' });
  await migrateToLatest(opened.db);
  return { db: opened.db, kind: 'pglite', reset: () => truncateAll(opened.db), close: () => opened.close() };
}

async function truncateAll(db: Db): Promise<void> {
  const tables = await sql<{ tablename: string }>`
    select tablename from pg_tables
    where schemaname = current_schema() and tablename not like 'kysely_%'`.execute(db);
  if (tables.rows.length === 0) return;
  const list = tables.rows.map((t) => `"${t.tablename}"`).join(', ');
  await sql.raw(`truncate ${list} restart identity cascade`).execute(db);
}
