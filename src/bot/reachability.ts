import type { Platform } from '../core/domain.ts';
import type { Db } from '../db/connect.ts';

/**
 * A platform said someone can no longer be written to (they removed the
 * app, their account was deactivated). The planner stops prompting them and
 * facilitators see it in `members` and in the digest; hearing from them
 * again (resolveCaller) makes them reachable. The first reason is kept.
 * False when the bot never knew the person.
 */
export async function markUnreachable(
  db: Db,
  who: { platform: Platform; workspaceId: string; userId: string },
  reason: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('people')
    .set((eb) => ({
      unreachable_at: eb.fn.coalesce('unreachable_at', eb.val(now)),
      unreachable_reason: eb.fn.coalesce('unreachable_reason', eb.val(reason)),
      updated_at: now,
    }))
    .where('platform', '=', who.platform)
    .where('workspace_id', '=', who.workspaceId)
    .where('platform_user_id', '=', who.userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
