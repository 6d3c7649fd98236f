import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { DatabaseTarget } from '../db/connect.ts';

/**
 * Where the terminal saves the charts and exports it shows: beside the data
 * they were made from. The embedded database in `<dir>` keeps them in
 * `files/` next to it (./.data/files for the default ./.data/pgdata); a
 * throwaway in-memory database, in a temporary folder of its own (made when
 * the first file is saved), so that trying the bot, or a test, leaves
 * nothing in the project; PostgreSQL, in ./.data/files.
 */
export function filesFolderFor(database: DatabaseTarget, temporaryRoot: string = tmpdir()): string {
  if (database.kind === 'postgres') return resolve('.data/files');
  if (database.dataDir === 'memory') {
    return join(temporaryRoot, `pdsa-bot-files-${randomBytes(6).toString('hex')}`);
  }
  return join(dirname(resolve(database.dataDir)), 'files');
}
