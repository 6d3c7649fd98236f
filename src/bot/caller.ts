import type { Caller, Trx } from './context.ts';
import type { Actor } from './inbound.ts';

/**
 * Finds or records the person behind an event and keeps what the platform
 * tells us about them (name, time zone, DM address) current.
 */
export async function resolveCaller(trx: Trx, actor: Actor, now: Date): Promise<Caller> {
  const person = await trx
    .insertInto('people')
    .values({
      platform: actor.platform,
      workspace_id: actor.workspaceId,
      platform_user_id: actor.userId,
      display_name: actor.displayName ?? actor.userId,
      time_zone: actor.timeZone ?? null,
      address: actor.address ?? null,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['platform', 'workspace_id', 'platform_user_id']).doUpdateSet((eb) => ({
        display_name: actor.displayName ? eb.ref('excluded.display_name') : eb.ref('people.display_name'),
        time_zone: actor.timeZone ? eb.ref('excluded.time_zone') : eb.ref('people.time_zone'),
        address: actor.address ? eb.ref('excluded.address') : eb.ref('people.address'),
        // Hearing from someone proves they can be reached again.
        unreachable_at: actor.address ? null : eb.ref('people.unreachable_at'),
        unreachable_reason: actor.address ? null : eb.ref('people.unreachable_reason'),
        updated_at: now,
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();

  const member =
    (await trx.selectFrom('members').selectAll().where('person_id', '=', person.id).executeTakeFirst()) ??
    null;
  const network = member
    ? ((await trx
        .selectFrom('networks')
        .selectAll()
        .where('id', '=', member.network_id)
        .executeTakeFirst()) ?? null)
    : null;
  return { person, member, network };
}
