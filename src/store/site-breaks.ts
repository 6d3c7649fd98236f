import type { Trx } from '../db/trx.ts';

// The owner of the `site_breaks` table: days a site is closed (holidays,
// exam weeks), when no check-ins go out there.

export type Breaks = Map<number, { startsOn: string; endsOn: string }[]>;

/** The breaks of these sites, by site id: one query however many sites. */
export async function breaksOfSites(trx: Trx, siteIds: readonly number[]): Promise<Breaks> {
  const breaks: Breaks = new Map();
  const ids = [...new Set(siteIds)];
  if (ids.length === 0) return breaks;
  const rows = await trx
    .selectFrom('site_breaks')
    .select(['site_id', 'starts_on', 'ends_on'])
    .where('site_id', 'in', ids)
    .execute();
  for (const row of rows) {
    const list = breaks.get(row.site_id) ?? [];
    list.push({ startsOn: row.starts_on, endsOn: row.ends_on });
    breaks.set(row.site_id, list);
  }
  return breaks;
}

/** The breaks of one site. */
export function breaksOfSite(trx: Trx, siteId: number): Promise<{ startsOn: string; endsOn: string }[]> {
  return trx
    .selectFrom('site_breaks')
    .select(['starts_on as startsOn', 'ends_on as endsOn'])
    .where('site_id', '=', siteId)
    .execute();
}

/** The breaks of a site that overlap the days from `startsOn` to `endsOn` (both included). */
export function breaksWithin(trx: Trx, siteId: number, startsOn: string, endsOn: string) {
  return trx
    .selectFrom('site_breaks')
    .select(['starts_on as startsOn', 'ends_on as endsOn', 'label'])
    .where('site_id', '=', siteId)
    .where('starts_on', '<=', endsOn)
    .where('ends_on', '>=', startsOn)
    .orderBy('starts_on')
    .execute();
}

/** The breaks of a network's sites (or of one, or the one with id `breakId`), with their site. */
export function networkBreaks(trx: Trx, networkId: number, only: { siteId?: number; breakId?: number } = {}) {
  let query = trx
    .selectFrom('site_breaks')
    .innerJoin('sites', 'sites.id', 'site_breaks.site_id')
    .select([
      'site_breaks.id',
      'site_breaks.starts_on',
      'site_breaks.ends_on',
      'site_breaks.label',
      'sites.id as siteId',
      'sites.name as site',
      'sites.time_zone',
    ])
    .where('sites.network_id', '=', networkId);
  if (only.siteId !== undefined) query = query.where('sites.id', '=', only.siteId);
  if (only.breakId !== undefined) query = query.where('site_breaks.id', '=', only.breakId);
  return query.execute();
}

export async function insertBreak(
  trx: Trx,
  row: { site_id: number; starts_on: string; ends_on: string; label: string | null },
): Promise<number> {
  const added = await trx.insertInto('site_breaks').values(row).returning('id').executeTakeFirstOrThrow();
  return added.id;
}

export async function deleteBreak(trx: Trx, id: number): Promise<void> {
  await trx.deleteFrom('site_breaks').where('id', '=', id).execute();
}
