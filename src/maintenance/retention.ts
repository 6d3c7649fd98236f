import type { Db } from '../db/connect.ts';
import { pruneExpiredFiles } from '../files/published-files.ts';
import { pruneEvents } from '../store/inbound-events.ts';
import { blankRawRepliesBefore } from '../store/raw-replies.ts';

export type RetentionResult = { eventsPruned: number; repliesCleared: number; filesDeleted: number };

/**
 * Housekeeping run by the scheduler: forgets inbound event ids after two
 * days (platforms retry for at most a day), and, when a retention period
 * is set, blanks the raw text of replies older than it. Free text may hold
 * what no one should keep for long (a student's name), while the
 * structured answers stay. Published pictures and files are deleted when
 * their links expire.
 */
export async function applyRetention(db: Db, now: Date, retentionDays: number): Promise<RetentionResult> {
  const eventsPruned = await pruneEvents(db, now, 48);
  let repliesCleared = 0;
  if (retentionDays > 0) {
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
    repliesCleared = await blankRawRepliesBefore(db, cutoff);
  }
  const filesDeleted = await pruneExpiredFiles(db, now);
  return { eventsPruned, repliesCleared, filesDeleted };
}
