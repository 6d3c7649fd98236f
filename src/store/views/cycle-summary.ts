import type { Trx } from '../../db/trx.ts';

/** What a cycle's confirmation names: its site (and clock), idea and measure. */
export function cycleSummary(trx: Trx, cycleId: number) {
  return trx
    .selectFrom('cycles')
    .innerJoin('sites', 'sites.id', 'cycles.site_id')
    .innerJoin('change_ideas', 'change_ideas.id', 'cycles.change_idea_id')
    .innerJoin('measures', 'measures.id', 'cycles.measure_id')
    .innerJoin('networks', 'networks.id', 'cycles.network_id')
    .select([
      'sites.name as site',
      'sites.time_zone as siteZone',
      'networks.time_zone as networkZone',
      'change_ideas.text as idea',
      'measures.name as measure',
    ])
    .where('cycles.id', '=', cycleId)
    .executeTakeFirstOrThrow();
}
