import type { MeasureInfo } from '../../core/checkin-questions.ts';
import type { CheckinRow, CycleRow } from '../../db/schema.ts';
import type { Trx } from '../../db/trx.ts';

// A read model: a check-in with its cycle, measure, idea, site, network and
// member, as the check-in conversation and its replies need them.

/** A check-in with everything needed to ask it, answer it and describe it. */
export type CheckinContext = {
  checkin: CheckinRow;
  cycle: CycleRow;
  measure: MeasureInfo & { id: number; better: 'higher' | 'lower' };
  ideaText: string;
  siteName: string;
  networkName: string;
  networkId: number;
  personId: number;
  memberName: string;
  ownerMemberId: number | null;
};

export async function loadCheckinContext(trx: Trx, checkinId: number): Promise<CheckinContext | undefined> {
  const checkin = await trx.selectFrom('checkins').selectAll().where('id', '=', checkinId).executeTakeFirst();
  if (!checkin) return undefined;
  const cycle = await trx
    .selectFrom('cycles')
    .selectAll()
    .where('id', '=', checkin.cycle_id)
    .executeTakeFirstOrThrow();
  const row = await trx
    .selectFrom('cycles')
    .innerJoin('measures', 'measures.id', 'cycles.measure_id')
    .innerJoin('change_ideas', 'change_ideas.id', 'cycles.change_idea_id')
    .innerJoin('sites', 'sites.id', 'cycles.site_id')
    .innerJoin('networks', 'networks.id', 'cycles.network_id')
    .select([
      'measures.id as measureId',
      'measures.name as measureName',
      'measures.kind as measureKind',
      'measures.unit as measureUnit',
      'measures.better as measureBetter',
      'change_ideas.text as ideaText',
      'sites.name as siteName',
      'networks.name as networkName',
      'networks.id as networkId',
    ])
    .where('cycles.id', '=', cycle.id)
    .executeTakeFirstOrThrow();
  const who = await trx
    .selectFrom('members')
    .innerJoin('people', 'people.id', 'members.person_id')
    .select(['people.id as personId', 'people.display_name as name'])
    .where('members.id', '=', checkin.member_id)
    .executeTakeFirstOrThrow();
  return {
    checkin,
    cycle,
    measure: {
      id: row.measureId,
      name: row.measureName,
      kind: row.measureKind,
      unit: row.measureUnit,
      better: row.measureBetter,
    },
    ideaText: row.ideaText,
    siteName: row.siteName,
    networkName: row.networkName,
    networkId: row.networkId,
    personId: who.personId,
    memberName: who.name,
    ownerMemberId: cycle.owner_member_id,
  };
}
