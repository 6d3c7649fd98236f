import type { Platform } from '../core/domain.ts';
import type { Db } from '../db/connect.ts';

/** A person, by row or by their identity on a platform. */
export type PersonKey = { personId: number } | { platform: Platform; workspaceId: string; userId: string };

/**
 * A platform said someone can no longer be written to (they removed the
 * app, their account was deactivated, a message was refused for good). The
 * planner stops prompting them and facilitators see it in `members` and in
 * the digest; hearing from them again (resolveCaller) makes them reachable.
 * The first time and reason are kept. False when the bot never knew the person.
 */
export async function markUnreachable(db: Db, who: PersonKey, reason: string, now: Date): Promise<boolean> {
  let update = db.updateTable('people').set((eb) => ({
    unreachable_at: eb.fn.coalesce('unreachable_at', eb.val(now)),
    unreachable_reason: eb.fn.coalesce('unreachable_reason', eb.val(reason)),
    updated_at: now,
  }));
  update =
    'personId' in who
      ? update.where('id', '=', who.personId)
      : update
          .where('platform', '=', who.platform)
          .where('workspace_id', '=', who.workspaceId)
          .where('platform_user_id', '=', who.userId);
  const result = await update.executeTakeFirst();
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
