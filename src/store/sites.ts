import type { Insertable } from 'kysely';
import type { SiteRow, SitesTable } from '../db/schema.ts';
import type { Trx } from '../db/trx.ts';

// The owner of the `sites` table: the schools or places of a network, with
// their own clock when they keep one.

/** A network's sites, in the order they were added. */
export function sitesOf(trx: Trx, networkId: number): Promise<SiteRow[]> {
  return trx.selectFrom('sites').selectAll().where('network_id', '=', networkId).orderBy('id').execute();
}

export function siteById(trx: Trx, id: number): Promise<SiteRow | undefined> {
  return trx.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The site with this id, when it is in the network. */
export function siteInNetwork(trx: Trx, networkId: number, id: number): Promise<SiteRow | undefined> {
  return trx
    .selectFrom('sites')
    .selectAll()
    .where('id', '=', id)
    .where('network_id', '=', networkId)
    .executeTakeFirst();
}

/** The network's site with this name in any case. */
export function siteNamed(trx: Trx, networkId: number, name: string): Promise<SiteRow | undefined> {
  return trx
    .selectFrom('sites')
    .selectAll()
    .where('network_id', '=', networkId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

/** Each site of a network with how many active members it has. */
export function sitesWithMemberCounts(trx: Trx, networkId: number) {
  return trx
    .selectFrom('sites')
    .leftJoin('members', (join) =>
      join.onRef('members.site_id', '=', 'sites.id').on('members.status', '=', 'active'),
    )
    .select(['sites.id', 'sites.name', 'sites.time_zone', (eb) => eb.fn.count<string>('members.id').as('n')])
    .where('sites.network_id', '=', networkId)
    .groupBy(['sites.id', 'sites.name', 'sites.time_zone'])
    .execute();
}

export async function insertSite(trx: Trx, site: Insertable<SitesTable>): Promise<void> {
  await insertSites(trx, [site]);
}

export function insertSites(
  trx: Trx,
  sites: Insertable<SitesTable>[],
): Promise<{ id: number; name: string }[]> {
  return trx.insertInto('sites').values(sites).returning(['id', 'name']).execute();
}

export async function updateSite(
  trx: Trx,
  id: number,
  change: { name?: string; time_zone?: string | null },
): Promise<void> {
  await trx.updateTable('sites').set(change).where('id', '=', id).execute();
}
