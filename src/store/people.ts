import { sql } from 'kysely';
import type { Address } from '../core/address.ts';
import type { Platform } from '../core/domain.ts';
import type { PersonRow } from '../db/schema.ts';
import type { Trx } from '../db/trx.ts';

// The owner of the `people` table: everyone the bot has heard from or been
// told about, one row per identity on a platform.

/** A person by their identity on a platform. */
export type PersonIdentity = { platform: Platform; workspaceId: string; userId: string };

/**
 * What to do with what is already known of a person:
 * - `heard`: they wrote to the bot. The name, zone and address they came
 *   with replace the known ones (absent ones leave them be), and an address
 *   proves they can be reached again.
 * - `named`: someone else named them. A known person is left as they are.
 * - `mentioned`: a platform named them with an address. It replaces a known
 *   address unless that one holds a conversation reference (which is
 *   better: it proves the app is installed).
 */
export type KnownPerson = 'heard' | 'named' | 'mentioned';

export type PersonSighting = PersonIdentity & {
  /** Absent: a new person is called by their user id, a known one keeps their name. */
  displayName?: string;
  timeZone?: string | null;
  address?: Address | null;
};

/** The one way a person is recorded: inserted when new, else updated as `known` says. */
export async function upsertPerson(
  trx: Trx,
  seen: PersonSighting,
  known: KnownPerson,
  now?: Date,
): Promise<PersonRow> {
  const given = (value: unknown) => value !== undefined && value !== null && value !== '';
  return trx
    .insertInto('people')
    .values({
      platform: seen.platform,
      workspace_id: seen.workspaceId,
      platform_user_id: seen.userId,
      display_name: seen.displayName ?? seen.userId,
      time_zone: seen.timeZone ?? null,
      address: seen.address ?? null,
      ...(now ? { updated_at: now } : {}),
    })
    .onConflict((oc) =>
      oc.columns(['platform', 'workspace_id', 'platform_user_id']).doUpdateSet((eb) => {
        if (known === 'heard') {
          return {
            display_name: given(seen.displayName)
              ? eb.ref('excluded.display_name')
              : eb.ref('people.display_name'),
            time_zone: given(seen.timeZone) ? eb.ref('excluded.time_zone') : eb.ref('people.time_zone'),
            address: given(seen.address) ? eb.ref('excluded.address') : eb.ref('people.address'),
            // Hearing from someone proves they can be reached again.
            unreachable_at: given(seen.address) ? null : eb.ref('people.unreachable_at'),
            unreachable_reason: given(seen.address) ? null : eb.ref('people.unreachable_reason'),
            updated_at: now ?? sql<Date>`now()`,
          };
        }
        if (known === 'mentioned') {
          return {
            address: sql`case when people.address ? 'reference' then people.address else excluded.address end`,
          };
        }
        // A no-op update, so that the known row is returned.
        return { display_name: eb.ref('people.display_name') };
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function personByIdentity(trx: Trx, who: PersonIdentity): Promise<PersonRow | undefined> {
  return trx
    .selectFrom('people')
    .selectAll()
    .where('platform', '=', who.platform)
    .where('workspace_id', '=', who.workspaceId)
    .where('platform_user_id', '=', who.userId)
    .executeTakeFirst();
}

/** A person's stored address, when the bot knows one. */
export async function addressOfPerson(trx: Trx, who: PersonIdentity): Promise<Address | null> {
  const row = await trx
    .selectFrom('people')
    .select('address')
    .where('platform', '=', who.platform)
    .where('workspace_id', '=', who.workspaceId)
    .where('platform_user_id', '=', who.userId)
    .executeTakeFirst();
  return row?.address ?? null;
}

/** Keeps an address that reaches a known person (a 1:1 chat the bot opened with them): it proves they can be reached. */
export async function saveReachingAddress(
  trx: Trx,
  who: PersonIdentity,
  address: Address,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('people')
    .set({ address, unreachable_at: null, unreachable_reason: null, updated_at: now })
    .where('platform', '=', who.platform)
    .where('workspace_id', '=', who.workspaceId)
    .where('platform_user_id', '=', who.userId)
    .execute();
}

export function personById(trx: Trx, id: number): Promise<PersonRow | undefined> {
  return trx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether anyone in a workspace has one of these user ids. */
export async function anyPersonWithUserId(
  trx: Trx,
  platform: Platform,
  workspaceId: string,
  userIds: readonly string[],
): Promise<boolean> {
  if (userIds.length === 0) return false;
  const taken = await trx
    .selectFrom('people')
    .select('id')
    .where('platform', '=', platform)
    .where('workspace_id', '=', workspaceId)
    .where('platform_user_id', 'in', userIds)
    .limit(1)
    .execute();
  return taken.length > 0;
}

/** The time zone of the network a person belongs to, when they are in one. */
export async function networkTimeZoneOfPerson(trx: Trx, who: PersonIdentity): Promise<string | undefined> {
  const row = await trx
    .selectFrom('people')
    .innerJoin('members', 'members.person_id', 'people.id')
    .innerJoin('networks', 'networks.id', 'members.network_id')
    .select('networks.time_zone')
    .where('people.platform', '=', who.platform)
    .where('people.workspace_id', '=', who.workspaceId)
    .where('people.platform_user_id', '=', who.userId)
    .executeTakeFirst();
  return row?.time_zone;
}

/** Keeps a person's row but nothing that says who they were (they asked to be forgotten). */
export async function anonymizePerson(trx: Trx, id: number, alias: string, now: Date): Promise<void> {
  await trx
    .updateTable('people')
    .set({
      display_name: alias,
      platform_user_id: `forgotten:${id}`,
      time_zone: null,
      address: null,
      unreachable_at: null,
      unreachable_reason: null,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** A person, by row or by their identity on a platform. */
export type PersonKey = { personId: number } | PersonIdentity;

/**
 * A platform said someone can no longer be written to (they removed the
 * app, their account was deactivated, a message was refused for good). The
 * planner stops prompting them and facilitators see it in `members` and in
 * the digest; hearing from them again (upsertPerson 'heard') makes them
 * reachable. The first time and reason are kept. False when the bot never
 * knew the person.
 */
export async function markUnreachable(trx: Trx, who: PersonKey, reason: string, now: Date): Promise<boolean> {
  let update = trx.updateTable('people').set((eb) => ({
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
  trx: Trx,
  where: { platform: Platform; workspaceId: string },
  reason: string,
  now: Date,
): Promise<number> {
  const result = await trx
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
  trx: Trx,
  where: { platform: Platform; workspaceId: string },
  reason: string,
  now: Date,
): Promise<number> {
  const result = await trx
    .updateTable('people')
    .set({ unreachable_at: null, unreachable_reason: null, updated_at: now })
    .where('platform', '=', where.platform)
    .where('workspace_id', '=', where.workspaceId)
    .where('unreachable_reason', '=', reason)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
