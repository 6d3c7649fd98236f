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

/**
 * The app was removed from a whole workspace: nobody there can be written
 * to. `reason` also marks whom `markWorkspaceReachable` may clear later.
 */
export async function markWorkspaceUnreachable(
  db: Db,
  where: { platform: Platform; workspaceId: string },
  reason: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('people')
    .set({ unreachable_at: now, unreachable_reason: reason, updated_at: now })
    .where('platform', '=', where.platform)
    .where('workspace_id', '=', where.workspaceId)
    .where('unreachable_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The app is back in the workspace: those it made unreachable (and only they) can be written to again. */
export async function markWorkspaceReachable(
  db: Db,
  where: { platform: Platform; workspaceId: string },
  reason: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('people')
    .set({ unreachable_at: null, unreachable_reason: null, updated_at: now })
    .where('platform', '=', where.platform)
    .where('workspace_id', '=', where.workspaceId)
    .where('unreachable_reason', '=', reason)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
