import { sql } from 'kysely';
import type { Trx } from '../../bot/context.ts';
import type { PredictionRecord } from '../../core/digest/index.ts';
import type { Measurement } from '../../core/domain.ts';
import { isoWeekOf, isoWeekOfDate } from '../../core/schedule/iso-week.ts';

// Cycles whose result (Study) was recorded within the weeks shown, with the
// prediction made in their Plan check-in.

function measurement(value: number, numerator: number | null, denominator: number | null): Measurement {
  return { value, ...(numerator !== null && denominator !== null ? { numerator, denominator } : {}) };
}

export async function loadPredictions(
  trx: Trx,
  networkId: number,
  timeZone: string,
  from: Date,
  to: Date,
): Promise<PredictionRecord[]> {
  const rows = await trx
    .selectFrom('checkins as study')
    .innerJoin('cycles', 'cycles.id', 'study.cycle_id')
    .innerJoin('checkins as plan', (j) =>
      j
        .onRef('plan.cycle_id', '=', 'cycles.id')
        .on('plan.phase', '=', 'plan')
        .on('plan.value', 'is not', null),
    )
    .where('cycles.network_id', '=', networkId)
    .where('study.phase', '=', 'study')
    .where('study.value', 'is not', null)
    .where('study.answered_at', '>=', from)
    .where('study.answered_at', '<', to)
    // One prediction per cycle even if its owner changed: the latest.
    .distinctOn('study.id')
    .select([
      'study.id',
      'cycles.id as cycleId',
      'cycles.site_id as siteId',
      'cycles.measure_id as measureId',
      'cycles.starts_on as startsOn',
      'study.answered_at as answeredAt',
      'study.value as rv',
      'study.numerator as rn',
      'study.denominator as rd',
      'plan.value as pv',
      'plan.numerator as pn',
      'plan.denominator as pd',
      sql<string | null>`study.answer->>'surprised'`.as('surprised'),
    ])
    .orderBy('study.id')
    .orderBy('plan.answered_at', 'desc')
    .execute();
  return rows.map((r) => ({
    cycleId: r.cycleId,
    siteId: r.siteId,
    measureId: r.measureId,
    startWeek: isoWeekOfDate(r.startsOn),
    resultWeek: isoWeekOf(new Date(r.answeredAt!), timeZone),
    predicted: measurement(r.pv!, r.pn, r.pd),
    result: measurement(r.rv!, r.rn, r.rd),
    surprised: r.surprised?.trim() ? r.surprised.trim() : null,
  }));
}
