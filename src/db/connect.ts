import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { DatabaseOpenError } from './database-open-error.ts';
import { GuardedClient } from './guarded-client.ts';
import type { Database } from './schema.ts';
import { type DatabaseTimeouts, DEFAULT_TIMEOUTS } from './timeouts.ts';
import { PG_DATE, PG_INT8, parseDate, parseInt8 } from './type-parsers.ts';

export type Db = Kysely<Database>;
export type { DatabaseTimeouts };
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
  /** Postgres only; PGlite runs in this process and has nothing to wait for. */
  timeouts?: Partial<DatabaseTimeouts>;
};

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<OpenDatabase> {
  return target.kind === 'postgres' ? openPostgres(target.url, options) : openPGlite(target.dataDir);
}

const IDLE_IN_TRANSACTION_MS = 60_000;

function openPostgres(url: string, options: OpenOptions): OpenDatabase {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => {
      if (oid === PG_DATE) return parseDate;
      if (oid === PG_INT8) return parseInt8;
      // biome-ignore lint/suspicious/noExplicitAny: pg's own overloads
      return pg.types.getTypeParser(oid, format as any);
    },
  };
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const pool = new pg.Pool({
    Client: GuardedClient,
    connectionString: url,
    max: options.poolSize ?? 10,
    types,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.queryMs,
    // A transaction left open by a stalled process (its locks held) is ended
    // by the server rather than blocking others.
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    // Idle connections whose server host vanished (no FIN, no RST) are
    // noticed and dropped instead of being handed out. A frozen server
    // process still answers keepalives from its kernel: for that the query
    // timeout is what counts.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: 'pdsa-bot',
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
