import type { Trx } from '../db/trx.ts';

// The owner of the `idea_drivers` table: the driver each change idea acts
// on, at most one per idea.

export type IdeaDriver = { ideaId: number; driverId: number };

/** Which driver each placed idea of a network is on. */
export function ideaDriversOf(trx: Trx, networkId: number): Promise<IdeaDriver[]> {
  return trx
    .selectFrom('idea_drivers')
    .innerJoin('drivers', 'drivers.id', 'idea_drivers.driver_id')
    .select(['idea_drivers.change_idea_id as ideaId', 'idea_drivers.driver_id as driverId'])
    .where('drivers.network_id', '=', networkId)
    .orderBy('idea_drivers.change_idea_id')
    .execute();
}

/** Puts the idea on the driver, in place of any driver it was on. The caller checks both are the network's. */
export async function placeIdea(trx: Trx, ideaId: number, driverId: number, at: Date): Promise<void> {
  await trx
    .insertInto('idea_drivers')
    .values({ change_idea_id: ideaId, driver_id: driverId, linked_at: at })
    .onConflict((oc) => oc.column('change_idea_id').doUpdateSet({ driver_id: driverId, linked_at: at }))
    .execute();
}

export async function unplaceIdea(trx: Trx, ideaId: number): Promise<void> {
  await trx.deleteFrom('idea_drivers').where('change_idea_id', '=', ideaId).execute();
}
