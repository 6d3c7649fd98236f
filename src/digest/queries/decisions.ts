import { sql } from 'kysely';
import type { DecisionRecord } from '../../core/digest/index.ts';
import type { IsoWeekBounds } from '../../core/schedule/iso-week.ts';
import type { Trx } from '../../db/trx.ts';

// Decisions (adopt, adapt, abandon) made in the week, with the Study lesson
// ("What did you learn?") and the Act next step.

export async function loadDecisions(
  trx: Trx,
  networkId: number,
  week: IsoWeekBounds,
): Promise<DecisionRecord[]> {
  const rows = await trx
    .selectFrom('cycles')
    .innerJoin('change_ideas', 'change_ideas.id', 'cycles.change_idea_id')
    .leftJoin('checkins as study', (j) =>
      j
        .onRef('study.cycle_id', '=', 'cycles.id')
        .on('study.phase', '=', 'study')
        .on('study.status', '=', 'answered'),
    )
    .leftJoin('checkins as act', (j) =>
      j.onRef('act.cycle_id', '=', 'cycles.id').on('act.phase', '=', 'act').on('act.status', '=', 'answered'),
    )
    .where('cycles.network_id', '=', networkId)
    .where('cycles.decided_at', '>=', week.start)
    .where('cycles.decided_at', '<', week.end)
    .where('cycles.decision', 'is not', null)
    .distinctOn('cycles.id')
    .select([
      'cycles.number as cycleId',
      'cycles.site_id as siteId',
      'cycles.decision as decision',
      'change_ideas.number as changeIdeaId',
      'change_ideas.text as changeIdea',
      sql<string | null>`study.answer->>'learned'`.as('learned'),
      sql<string | null>`act.answer->>'nextStep'`.as('nextStep'),
    ])
    .orderBy('cycles.id')
    .execute();
  return rows.map((r) => ({
    cycleId: r.cycleId,
    siteId: r.siteId,
    changeIdeaId: r.changeIdeaId,
    changeIdea: r.changeIdea,
    decision: r.decision!,
    learned: r.learned?.trim() || null,
    nextStep: r.nextStep?.trim() || null,
  }));
}
