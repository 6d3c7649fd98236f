import type { Insertable } from 'kysely';
import type { PublishedFilesTable } from '../db/schema.ts';
import type { Trx } from '../db/trx.ts';

// The owner of the `published_files` table: pictures and files served by
// URL (src/files/published-files.ts decides their tokens and lifetimes).

/** Stores a file; when `onSameToken` is 'extend', a file stored before under its token lives until the new expiry. */
export async function insertPublishedFile(
  trx: Trx,
  file: Insertable<PublishedFilesTable> & { expires_at: Date },
  onSameToken: 'fail' | 'extend',
): Promise<void> {
  let insert = trx.insertInto('published_files').values(file);
  if (onSameToken === 'extend') {
    insert = insert.onConflict((oc) => oc.column('token').doUpdateSet({ expires_at: file.expires_at }));
  }
  await insert.execute();
}

export function publishedFileByToken(trx: Trx, token: string, now: Date) {
  return trx
    .selectFrom('published_files')
    .select(['content_type', 'file_name', 'bytes'])
    .where('token', '=', token)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function deleteExpiredFiles(trx: Trx, now: Date): Promise<number> {
  const result = await trx.deleteFrom('published_files').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
