import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { DatabaseOpenError } from './database-open-error.ts';
import type { Database } from './schema.ts';
import { PG_DATE, PG_INT8, parseDate, parseInt8 } from './type-parsers.ts';

export type Db = Kysely<Database>;
export { DatabaseOpenError };

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string | 'memory' };

export type OpenDatabase = {
  db: Db;
  kind: DatabaseTarget['kind'];
  /** Where the data lives, for messages (never includes a password). */
  describe: string;
  close(): Promise<void>;
};

export type OpenOptions = {
  /** Postgres only: a schema to use instead of public (tests isolate files this way). */
  searchPath?: string;
  poolSize?: number;
};

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<OpenDatabase> {
  return target.kind === 'postgres' ? openPostgres(target.url, options) : openPGlite(target.dataDir);
}

function openPostgres(url: string, options: OpenOptions): OpenDatabase {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => {
      if (oid === PG_DATE) return parseDate;
      if (oid === PG_INT8) return parseInt8;
      // biome-ignore lint/suspicious/noExplicitAny: pg's own overloads
      return pg.types.getTypeParser(oid, format as any);
    },
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types,
    connectionTimeoutMillis: 5_000,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  // An idle client losing its server must not crash the process; the next
  // query reports the outage where it can be handled.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const safe = new URL(url);
  safe.password = '';
  return {
    db,
    kind: 'postgres',
    describe: `PostgreSQL at ${safe.host}${safe.pathname}`,
    close: () => db.destroy(),
  };
}

async function openPGlite(dataDir: string): Promise<OpenDatabase> {
  const parsers = { [PG_DATE]: parseDate, [PG_INT8]: parseInt8 };
  let lock: DataDirLock | undefined;
  let pglite: PGlite;
  const describe =
    dataDir === 'memory' ? 'an in-memory database (nothing is saved)' : `the embedded database in ${dataDir}`;
  if (dataDir === 'memory') {
    pglite = new PGlite({ parsers });
  } else {
    const dir = resolve(dataDir);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new DatabaseOpenError(
        `Cannot create the data directory ${dir}: ${(error as Error).message}. Set PDSA_DATA_DIR to a folder you can write to.`,
      );
    }
    lock = acquireDataDirLock(dir);
    pglite = new PGlite(dir, { parsers });
  }
  try {
    await pglite.waitReady;
    await pglite.query('select 1');
  } catch (error) {
    lock?.release();
    throw new DatabaseOpenError(
      `The data directory ${resolve(dataDir)} could not be opened as a database (${(error as Error).message || 'it looks damaged'}). ` +
        'Move it aside to start afresh, or set PDSA_DATA_DIR=memory to try the bot without saving.',
    );
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    describe,
    close: async () => {
      await db.destroy();
      lock?.release();
    },
  };
}
