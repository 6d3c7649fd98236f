import type { DigestData, WeeklyFigure } from '../core/digest/index.ts';
import { isoWeekBounds } from '../core/schedule/iso-week.ts';
import { todayIn } from '../core/schedule/local-time.ts';
import type { Trx } from '../db/trx.ts';
import { loadCycleCounts, loadParticipation } from './queries/activity.ts';
import { loadOverdue, loadUnreachable } from './queries/attention.ts';
import { loadDecisions } from './queries/decisions.ts';
import { loadPredictions } from './queries/predictions.ts';
import { SERIES_WEEKS, weeksEndingWith } from './report-week.ts';
import { weekBuckets } from './week-buckets.ts';
import { loadWeeklySums, weeklyFigure } from './weekly-series.ts';

export type LoadOptions = {
  /** When the digest is built: the "needs attention" lists are as of then. */
  now: Date;
  seriesWeeks?: number;
};

/** Everything the digest of `week` says about a network, read for that week and the weeks shown. */
export async function loadDigestData(
  trx: Trx,
  networkId: number,
  week: string,
  options: LoadOptions,
): Promise<DigestData> {
  const network = await trx
    .selectFrom('networks')
    .select(['id', 'name', 'time_zone'])
    .where('id', '=', networkId)
    .executeTakeFirstOrThrow();
  const zone = network.time_zone;
  const weeks = weeksEndingWith(week, options.seriesWeeks ?? SERIES_WEEKS);
  const bounds = isoWeekBounds(week, zone);
  const buckets = weekBuckets(weeks, zone);

  // Independent reads: on a pool they run side by side; in a transaction, in turn.
  const [sites, measures, sums, cycles, participation, predictions, decisions, overdue, unreachable] =
    await Promise.all([
      trx
        .selectFrom('sites')
        .select(['id', 'name'])
        .where('network_id', '=', networkId)
        .orderBy('name')
        .execute(),
      trx
        .selectFrom('measures')
        .select(['id', 'name', 'kind', 'unit', 'better'])
        .where('network_id', '=', networkId)
        .orderBy('id')
        .execute(),
      loadWeeklySums(trx, networkId, buckets),
      loadCycleCounts(trx, networkId, bounds),
      loadParticipation(trx, networkId, bounds),
      loadPredictions(trx, networkId, buckets),
      loadDecisions(trx, networkId, bounds),
      loadOverdue(trx, networkId, options.now, todayIn(options.now, zone)),
      loadUnreachable(trx, networkId),
    ]);

  const kinds = new Map(measures.map((m) => [m.id, m.kind]));
  const figures = sums
    .map((s) => {
      const kind = kinds.get(s.measureId);
      return kind ? weeklyFigure(kind, s) : null;
    })
    .filter((f): f is WeeklyFigure => f !== null);

  return {
    network: { id: network.id, name: network.name, timeZone: zone },
    week,
    weekStartsOn: bounds.startsOn,
    weekEndsOn: bounds.endsOn,
    weeks,
    asOf: options.now.toISOString(),
    sites,
    measures,
    figures,
    cycles,
    participation,
    predictions,
    decisions,
    overdue,
    unreachable,
  };
}
