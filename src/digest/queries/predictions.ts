import { sql } from 'kysely';
import type { PredictionRecord } from '../../core/digest/index.ts';
import type { Measurement } from '../../core/domain.ts';
import { isoWeekOfDate } from '../../core/schedule/iso-week.ts';
import type { Trx } from '../../db/trx.ts';
import { aliveSince, type WeekBuckets, weekBucket } from '../week-buckets.ts';

// Cycles whose result (Study) was recorded in the last PREDICTION_WEEKS of
// the weeks shown, with the prediction made in their Plan check-in, and what
// surprised the owner of the results recorded in the digest's own week.

/** A school term: long enough for a site's record of predictions, short enough to stay current. */
export const PREDICTION_WEEKS = 13;

function measurement(value: number, numerator: number | null, denominator: number | null): Measurement {
  return { value, ...(numerator !== null && denominator !== null ? { numerator, denominator } : {}) };
}

export async function loadPredictions(
  trx: Trx,
  networkId: number,
  buckets: WeekBuckets,
): Promise<PredictionRecord[]> {
  const reportBucket = buckets.weeks.length;
  const from = new Date(buckets.starts[Math.max(0, reportBucket - PREDICTION_WEEKS)]!);
  const [rows, notes] = await Promise.all([
    // Only columns of the figures index on the Study side, so the window is read from the index.
    trx
      .selectFrom('checkins as study')
      .innerJoin('cycles', 'cycles.id', 'study.cycle_id')
      .innerJoin('checkins as plan', (j) =>
        j
          .onRef('plan.cycle_id', '=', 'study.cycle_id')
          .on('plan.phase', '=', 'plan')
          .on('plan.value', 'is not', null),
      )
      .where('cycles.network_id', '=', networkId)
      .where(aliveSince(from))
      .where('study.phase', '=', 'study')
      .where('study.value', 'is not', null)
      .where('study.answered_at', '>=', from)
      .where('study.answered_at', '<', buckets.to)
      .select([
        'cycles.number as cycleId',
        'cycles.site_id as siteId',
        'cycles.measure_id as measureId',
        'cycles.starts_on as startsOn',
        weekBucket(sql.ref('study.answered_at'), buckets).as('bucket'),
        'study.value as rv',
        'study.numerator as rn',
        'study.denominator as rd',
        'plan.value as pv',
        'plan.numerator as pn',
        'plan.denominator as pd',
        // Seconds rather than a Date: parsing thousands of timestamps showed in the digest's time.
        sql<number | null>`extract(epoch from plan.answered_at)::float8`.as('plannedAt'),
      ])
      .execute(),
    trx
      .selectFrom('checkins')
      .innerJoin('cycles', 'cycles.id', 'checkins.cycle_id')
      .where('cycles.network_id', '=', networkId)
      .where('checkins.phase', '=', 'study')
      .where('checkins.value', 'is not', null)
      .where('checkins.answered_at', '>=', new Date(buckets.starts[reportBucket - 1]!))
      .where('checkins.answered_at', '<', buckets.to)
      .select(['cycles.number as cycleId', sql<string | null>`checkins.answer->>'surprised'`.as('surprised')])
      .execute(),
  ]);

  const surprised = new Map(notes.map((n) => [n.cycleId, n.surprised?.trim() || null]));
  // Dates repeat across cycles; the week of each is worked out once.
  const weekOfDate = new Map<string, string>();
  const startWeek = (date: string) => {
    let week = weekOfDate.get(date);
    if (week === undefined) {
      week = isoWeekOfDate(date);
      weekOfDate.set(date, week);
    }
    return week;
  };
  // A cycle whose owner changed may have two Plan answers: the latest prediction counts.
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) {
    const seen = latest.get(r.cycleId);
    if (!seen || (r.plannedAt ?? 0) > (seen.plannedAt ?? 0)) latest.set(r.cycleId, r);
  }
  return [...latest.values()]
    .sort((a, b) => a.cycleId - b.cycleId)
    .map((r) => ({
      cycleId: r.cycleId,
      siteId: r.siteId,
      measureId: r.measureId,
      startWeek: startWeek(r.startsOn),
      resultWeek: buckets.weeks[r.bucket - 1]!,
      predicted: measurement(r.pv!, r.pn, r.pd),
      result: measurement(r.rv!, r.rn, r.rd),
      surprised: r.bucket === reportBucket ? (surprised.get(r.cycleId) ?? null) : null,
    }));
}
