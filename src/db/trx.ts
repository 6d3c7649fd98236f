import type { Transaction } from 'kysely';
import type { Db } from './connect.ts';
import type { Database } from './schema.ts';

/** A database handle inside or outside a transaction: what every table's owner module takes. */
export type Trx = Transaction<Database> | Db;
