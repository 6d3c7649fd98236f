import type { Measurement } from '../../core/domain.ts';
import type { Trx } from '../context.ts';

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

/**
 * A figure a check-in recorded, from its columns and its answer (which
 * alone keeps whether it was typed as approximate, "~18/24"); undefined
 * when none was recorded.
 */
export function recordedFigure(
  value: number | null,
  numerator: number | null,
  denominator: number | null,
  answered: unknown,
): Measurement | undefined {
  if (value === null) return undefined;
  const approximate = (answered as { approximate?: unknown } | null | undefined)?.approximate === true;
  return {
    value,
    ...(numerator !== null && denominator !== null ? { numerator, denominator } : {}),
    ...(approximate ? { approximate } : {}),
  };
}
