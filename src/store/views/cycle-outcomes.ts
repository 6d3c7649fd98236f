import type { Trx } from '../../db/trx.ts';

/**
 * A network's cycles joined to what each one is about and to its answered
 * Plan (prediction), Study (result, learning) and Act (decision, next step)
 * check-ins: the record that learnings and exports read. Callers choose the
 * columns.
 */
export function cycleOutcomesQuery(trx: Trx, networkId: number) {
  return trx
    .selectFrom('cycles')
    .innerJoin('sites', 'sites.id', 'cycles.site_id')
    .innerJoin('change_ideas', 'change_ideas.id', 'cycles.change_idea_id')
    .innerJoin('measures', 'measures.id', 'cycles.measure_id')
    .leftJoin('members', 'members.id', 'cycles.owner_member_id')
    .leftJoin('people', 'people.id', 'members.person_id')
    .leftJoin('checkins as plan', (j) =>
      j
        .onRef('plan.cycle_id', '=', 'cycles.id')
        .on('plan.phase', '=', 'plan')
        .on('plan.status', '=', 'answered'),
    )
    .leftJoin('checkins as study', (j) =>
      j
        .onRef('study.cycle_id', '=', 'cycles.id')
        .on('study.phase', '=', 'study')
        .on('study.status', '=', 'answered'),
    )
    .leftJoin('checkins as act', (j) =>
      j.onRef('act.cycle_id', '=', 'cycles.id').on('act.phase', '=', 'act').on('act.status', '=', 'answered'),
    )
    .where('cycles.network_id', '=', networkId);
}

/** Every check-in of a network with its cycle, site, member and measure kind, for the export. */
export function checkinsForExport(trx: Trx, networkId: number) {
  return trx
    .selectFrom('checkins')
    .innerJoin('cycles', 'cycles.id', 'checkins.cycle_id')
    .innerJoin('sites', 'sites.id', 'cycles.site_id')
    .innerJoin('measures', 'measures.id', 'cycles.measure_id')
    .innerJoin('members', 'members.id', 'checkins.member_id')
    .innerJoin('people', 'people.id', 'members.person_id')
    .select([
      'checkins.id',
      'cycles.number as cycleNumber',
      'sites.name as site',
      'people.display_name as member',
      'checkins.phase',
      'checkins.status',
      'checkins.due_at',
      'checkins.answered_at',
      'checkins.version',
      'checkins.value',
      'checkins.numerator',
      'checkins.denominator',
      'checkins.answer',
      'measures.kind as kind',
    ])
    .where('cycles.network_id', '=', networkId)
    .orderBy('checkins.id')
    .execute();
}

/** Every cycle of a network with its prediction, result and the number of the cycle before it in its ramp, for the export. */
export function cyclesForExport(trx: Trx, networkId: number) {
  return cycleOutcomesQuery(trx, networkId)
    .leftJoin('cycles as parent', 'parent.id', 'cycles.parent_cycle_id')
    .select([
      'cycles.number',
      'cycles.site_id as siteId',
      'change_ideas.id as ideaId',
      'sites.name as site',
      'change_ideas.number as ideaNumber',
      'change_ideas.text as idea',
      'measures.name as measure',
      'measures.kind as kind',
      'people.display_name as owner',
      'cycles.question',
      'cycles.starts_on',
      'cycles.ends_on',
      'cycles.phase',
      'cycles.decision',
      'parent.number as parentNumber',
      'plan.value as pv',
      'plan.numerator as pn',
      'plan.denominator as pd',
      'study.value as rv',
      'study.numerator as rn',
      'study.denominator as rd',
      'plan.answer as planAnswer',
      'study.answer as studyAnswer',
    ])
    .orderBy('cycles.number')
    .execute();
}
