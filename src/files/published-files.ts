import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import { deleteExpiredFiles, insertPublishedFile, publishedFileByToken } from '../store/published-files.ts';

// Pictures and files served by URL (table published_files), for platforms
// that take them only as a link. A picture's token is the hash of its bytes:
// the same chart sent to three channels, or sent again after a failed
// attempt, is one row, and knowing its address means already having it. A
// file's token is random and its link expires: an export lists people and
// their answers, and a link in a chat can be forwarded.

export const PICTURE_DAYS = 400;
export const FILE_HOURS = 24;

export type PublishedFile = { contentType: string; fileName: string; bytes: Uint8Array };

export type Publication = { token: string; fileName: string; expiresAt: Date };

/** Keeps a picture for PICTURE_DAYS (long enough for a school year of digests to keep their charts). */
export async function publishPicture(
  db: Db,
  picture: { bytes: Uint8Array; fileName: string; contentType?: string },
  now: Date,
): Promise<Publication> {
  const token = createHash('sha256').update(picture.bytes).digest('base64url');
  const expiresAt = new Date(now.getTime() + PICTURE_DAYS * 86_400_000);
  const fileName = safeFileName(picture.fileName, 'chart.png');
  // Sent again: the picture stays as long as its latest use needs it.
  await insertPublishedFile(
    db,
    {
      token,
      content_type: picture.contentType ?? 'image/png',
      file_name: fileName,
      bytes: picture.bytes,
      created_at: now,
      expires_at: expiresAt,
    },
    'extend',
  );
  return { token, fileName, expiresAt };
}

/** Keeps a file behind a random token for FILE_HOURS. */
export async function publishFile(db: Db, file: PublishedFile, now: Date): Promise<Publication> {
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + FILE_HOURS * 3_600_000);
  const fileName = safeFileName(file.fileName, 'export.csv');
  await insertPublishedFile(
    db,
    {
      token,
      content_type: file.contentType,
      file_name: fileName,
      bytes: file.bytes,
      created_at: now,
      expires_at: expiresAt,
    },
    'fail',
  );
  return { token, fileName, expiresAt };
}

/** A published file that has not expired, or undefined. */
export async function readPublished(db: Db, token: string, now: Date): Promise<PublishedFile | undefined> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return undefined;
  const row = await publishedFileByToken(db, token, now);
  return row ? { contentType: row.content_type, fileName: row.file_name, bytes: row.bytes } : undefined;
}

/** Deletes what has expired; run with the other housekeeping. */
export async function pruneExpiredFiles(db: Db, now: Date): Promise<number> {
  return deleteExpiredFiles(db, now);
}

/** A name that is safe in a URL path and a Content-Disposition header. */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return cleaned === '' ? fallback : cleaned;
}
