import { memberOfPerson } from '../store/members.ts';
import { networkById } from '../store/networks.ts';
import { upsertPerson } from '../store/people.ts';
import type { Caller, Trx } from './context.ts';
import type { Actor } from './inbound.ts';
import type { PlatformRegistry } from './platform-features.ts';

/**
 * Finds or records the person behind an event and keeps what the platform
 * tells us about them (name, time zone, DM address) current.
 */
export async function resolveCaller(
  trx: Trx,
  actor: Actor,
  now: Date,
  platforms: PlatformRegistry,
): Promise<Caller> {
  const features = platforms.featuresOf(actor.platform);
  const person = await upsertPerson(
    trx,
    {
      platform: actor.platform,
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      ...(actor.displayName ? { displayName: actor.displayName } : {}),
      timeZone: actor.timeZone ?? null,
      address: actor.address ?? null,
    },
    'heard',
    now,
  );

  const member = await memberOfPerson(trx, person.id);
  const network = member ? ((await networkById(trx, member.network_id)) ?? null) : null;
  return { person, member, network, features };
}
