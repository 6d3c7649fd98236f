import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { WeeklyFigure } from '../core/digest/index.ts';
import type { MeasureKind } from '../core/domain.ts';
import type { Database } from '../db/schema.ts';
import type { Trx } from '../db/trx.ts';
import { aliveSince, type WeekBuckets, weekBucket } from './week-buckets.ts';

/**
 * THE weekly figure of a measure at a site; the digest's statistics all rest
 * on it, and this is the one place it is defined.
 *
 * - Which figures: those recorded by the Do ("data so far") and Study
 *   (result) check-ins of the site's cycles on that measure. Plan figures are
 *   predictions, not data. An edited answer counts once, with its latest
 *   figure and time.
 * - Which week: the ISO week (Monday to Sunday) of the answer's `answered_at`
 *   in the network's time zone, the same stretch of days for every site.
 * - Proportions and counts: Σ numerators / Σ denominators of the week's
 *   figures, so that a figure of 200 students weighs more than one of 20
 *   (and the sums feed the P′ and U′ charts). A figure given without counts
 *   (a bare "75%", a count with no exposure) cannot be weighed: it is used
 *   only in a week with no counted figure, proportions taking the mean, and
 *   counts treating each report as one unit of exposure (a mean per report).
 * - Values: the mean of the week's figures.
 *
 * Only the weeks shown are read, through checkins_figures_answered_idx
 * (migrations/0002), so the cost follows the weeks shown, not the history.
 */
export interface WeeklySums {
  measureId: number;
  siteId: number;
  week: string;
  /** Over the figures with a denominator. */
  numerators: number;
  denominators: number;
  counted: number;
  /** Over the figures without a denominator. */
  bareValues: number;
  bare: number;
  /** Over every figure (value measures). */
  allValues: number;
}

export async function loadWeeklySums(trx: Trx, networkId: number, weeks: WeekBuckets): Promise<WeeklySums[]> {
  return withWorkMemory(trx, (t) => sumsQuery(t, networkId, weeks));
}

/**
 * The aggregate groups a few hundred thousand figures on a large network.
 * PostgreSQL cannot estimate how many weeks the buckets make, so it may
 * expect ten times the groups there are and sort them on disk within the
 * default 4 MB of working memory; with 32 MB, for this transaction only, it
 * does not.
 */
async function withWorkMemory<T>(trx: Trx, run: (t: Trx) => Promise<T>): Promise<T> {
  const scoped = async (t: Trx) => {
    await sql`set local work_mem = '32MB'`.execute(t);
    return run(t);
  };
  return trx.isTransaction ? scoped(trx) : trx.transaction().execute(scoped);
}

function sumsQuery(trx: Trx, networkId: number, weeks: WeekBuckets): Promise<WeeklySums[]> {
  return sumFiguresByWeek(trx, weeks, (eb) =>
    eb.and([eb('cycles.network_id', '=', networkId), aliveSince(weeks.from)(eb)]),
  );
}

/** Which cycles' figures are summed (the weeks and the phases are always the rule's). */
export type FigureFilter = (eb: ExpressionBuilder<Database, 'checkins' | 'cycles'>) => Expression<SqlBool>;

/**
 * The sums of the Do and Study figures answered in `weeks`, per measure,
 * site and week, of the cycles `filter` keeps: summed by the database into
 * the week buckets (one array search per figure, through the figures
 * index), so a long history comes back as one row per week. The digest's
 * series and the learnings' baselines both read their figures here.
 */
export async function sumFiguresByWeek(
  trx: Trx,
  weeks: WeekBuckets,
  filter: FigureFilter,
): Promise<WeeklySums[]> {
  // The bucket is computed once per figure in a subquery: a GROUP BY may not
  // repeat an expression that holds a parameter (the weeks' starts).
  const figures = trx
    .selectFrom('checkins')
    .innerJoin('cycles', 'cycles.id', 'checkins.cycle_id')
    .where(filter)
    .where('checkins.phase', 'in', ['do', 'study'])
    .where('checkins.value', 'is not', null)
    .where('checkins.answered_at', '>=', weeks.from)
    .where('checkins.answered_at', '<', weeks.to)
    .select([
      'cycles.measure_id as measure_id',
      'cycles.site_id as site_id',
      'checkins.value as value',
      'checkins.numerator as numerator',
      'checkins.denominator as denominator',
      weekBucket(sql.ref('checkins.answered_at'), weeks).as('bucket'),
    ])
    .as('f');
  const rows = await trx
    .selectFrom(figures)
    .select([
      'f.measure_id',
      'f.site_id',
      'f.bucket',
      sql<number>`coalesce(sum(f.numerator) filter (where f.denominator is not null), 0)`.as('numerators'),
      sql<number>`coalesce(sum(f.denominator) filter (where f.denominator is not null), 0)`.as(
        'denominators',
      ),
      sql<number>`count(*) filter (where f.denominator is not null)`.as('counted'),
      sql<number>`coalesce(sum(f.value) filter (where f.denominator is null), 0)`.as('bare_values'),
      sql<number>`count(*) filter (where f.denominator is null)`.as('bare'),
      sql<number>`sum(f.value)`.as('all_values'),
    ])
    .groupBy(['f.measure_id', 'f.site_id', 'f.bucket'])
    .execute();
  return rows.map((r) => ({
    measureId: r.measure_id,
    siteId: r.site_id,
    week: weeks.weeks[r.bucket - 1]!,
    numerators: Number(r.numerators),
    denominators: Number(r.denominators),
    counted: Number(r.counted),
    bareValues: Number(r.bare_values),
    bare: Number(r.bare),
    allValues: Number(r.all_values),
  }));
}

/** The week's figure from its sums, by the rules above; null when nothing usable was recorded. */
export function weeklyFigure(kind: MeasureKind, sums: WeeklySums): WeeklyFigure | null {
  const base = { measureId: sums.measureId, siteId: sums.siteId, week: sums.week };
  if (kind === 'value') {
    const n = sums.counted + sums.bare;
    if (n === 0) return null;
    // A value measure's figures are plain values; any denominator is ignored.
    return { ...base, value: sums.allValues / n, numerator: null, denominator: null, figures: n };
  }
  if (sums.counted > 0 && sums.denominators > 0) {
    return {
      ...base,
      value: sums.numerators / sums.denominators,
      numerator: sums.numerators,
      denominator: sums.denominators,
      figures: sums.counted,
    };
  }
  if (sums.bare === 0) return null;
  if (kind === 'count') {
    return {
      ...base,
      value: sums.bareValues / sums.bare,
      numerator: sums.bareValues,
      denominator: sums.bare,
      figures: sums.bare,
    };
  }
  return {
    ...base,
    value: sums.bareValues / sums.bare,
    numerator: null,
    denominator: null,
    figures: sums.bare,
  };
}
