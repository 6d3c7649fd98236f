import { sql } from 'kysely';
import { BASELINE_WEEKS } from '../core/digest/predictions-text.ts';
import type { MeasureKind } from '../core/domain.ts';
import { isoWeekBounds, isoWeekOfDate, previousIsoWeek } from '../core/schedule/iso-week.ts';
import { addDays } from '../core/schedule/local-time.ts';
import { median } from '../core/variation/index.ts';
import type { Trx } from '../db/trx.ts';
import { weekBucket, weekBuckets } from '../digest/week-buckets.ts';
import { type WeeklySums, weeklyFigure } from '../digest/weekly-series.ts';

// A cycle's baseline: the median of its site's weekly figures on the same
// measure in the weeks just before the cycle began, the level the change
// set out from. The weeks and their figures are the digest's own (the
// same BASELINE_WEEKS, the same weekly figure from the same sums), so
// learnings and digest never disagree about where a site started.

export type BaselineCycle = {
  cycleId: number;
  siteId: number;
  measureId: number;
  kind: MeasureKind;
  startsOn: string;
};

/**
 * The weekly sums of the Do and Study figures of these sites and measures
 * in the ISO weeks `weeks` (consecutive) of `zone`, per site, measure and
 * week: summed by the database into the digest's own week buckets
 * (src/digest/week-buckets.ts: one array search per figure, through the
 * figures index), so a long history comes back as one row per week.
 */
async function weeklySums(
  trx: Trx,
  networkId: number,
  zone: string,
  siteIds: number[],
  measureIds: number[],
  weeks: string[],
): Promise<WeeklySums[]> {
  const buckets = weekBuckets(weeks, zone);
  // The bucket is computed once per figure in a subquery: a GROUP BY may not
  // repeat an expression that holds a parameter (the weeks' starts).
  const figures = trx
    .selectFrom('checkins')
    .innerJoin('cycles', 'cycles.id', 'checkins.cycle_id')
    .where('cycles.network_id', '=', networkId)
    .where('cycles.site_id', 'in', siteIds)
    .where('cycles.measure_id', 'in', measureIds)
    .where('checkins.phase', 'in', ['do', 'study'])
    .where('checkins.value', 'is not', null)
    .where('checkins.answered_at', '>=', buckets.from)
    .where('checkins.answered_at', '<', buckets.to)
    .select([
      'cycles.site_id as site_id',
      'cycles.measure_id as measure_id',
      'checkins.value as value',
      'checkins.numerator as numerator',
      'checkins.denominator as denominator',
      weekBucket(sql.ref('checkins.answered_at'), buckets).as('bucket'),
    ])
    .as('f');
  const rows = await trx
    .selectFrom(figures)
    .select([
      'f.site_id as siteId',
      'f.measure_id as measureId',
      'f.bucket',
      sql<number>`coalesce(sum(f.numerator) filter (where f.denominator is not null), 0)`.as('numerators'),
      sql<number>`coalesce(sum(f.denominator) filter (where f.denominator is not null), 0)`.as(
        'denominators',
      ),
      sql<number>`count(*) filter (where f.denominator is not null)`.as('counted'),
      sql<number>`coalesce(sum(f.value) filter (where f.denominator is null), 0)`.as('bareValues'),
      sql<number>`count(*) filter (where f.denominator is null)`.as('bare'),
      sql<number>`sum(f.value)`.as('allValues'),
    ])
    .groupBy(['f.site_id', 'f.measure_id', 'f.bucket'])
    .execute();
  return rows.map((r) => ({
    siteId: r.siteId,
    measureId: r.measureId,
    week: buckets.weeks[r.bucket - 1]!,
    numerators: Number(r.numerators),
    denominators: Number(r.denominators),
    counted: Number(r.counted),
    bareValues: Number(r.bareValues),
    bare: Number(r.bare),
    allValues: Number(r.allValues),
  }));
}

const nextIsoWeek = (week: string) => isoWeekOfDate(addDays(isoWeekBounds(week, 'UTC').startsOn, 7));

function weeksBefore(week: string): string[] {
  const weeks: string[] = [];
  let w = week;
  for (let i = 0; i < BASELINE_WEEKS; i++) {
    w = previousIsoWeek(w);
    weeks.push(w);
  }
  return weeks;
}

/** The baseline of each cycle (by id), or null when its site had no figures in those weeks. */
export async function loadBaselines(
  trx: Trx,
  networkId: number,
  zone: string,
  cycles: readonly BaselineCycle[],
): Promise<Map<number, number | null>> {
  const out = new Map<number, number | null>();
  if (cycles.length === 0) return out;
  const startWeeks = cycles.map((c) => isoWeekOfDate(c.startsOn));
  const sorted = [...startWeeks].sort();
  // Every week from the earliest baseline week to the week before the last cycle began.
  const weeks = [weeksBefore(sorted[0]!).at(-1)!];
  const last = previousIsoWeek(sorted.at(-1)!);
  while (weeks.at(-1)! < last) weeks.push(nextIsoWeek(weeks.at(-1)!));
  const sums = await weeklySums(
    trx,
    networkId,
    zone,
    [...new Set(cycles.map((c) => c.siteId))],
    [...new Set(cycles.map((c) => c.measureId))],
    weeks,
  );
  const byKey = new Map(sums.map((s) => [`${s.siteId}:${s.measureId}:${s.week}`, s]));
  for (const [i, c] of cycles.entries()) {
    const figures = weeksBefore(startWeeks[i]!)
      .map((w) => byKey.get(`${c.siteId}:${c.measureId}:${w}`))
      .map((s) => (s ? weeklyFigure(c.kind, s)?.value : undefined))
      .filter((v): v is number => v !== undefined);
    out.set(c.cycleId, median(figures));
  }
  return out;
}
