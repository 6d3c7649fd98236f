import { BASELINE_WEEKS } from '../core/digest/predictions-text.ts';
import type { MeasureKind } from '../core/domain.ts';
import { isoWeekBounds, isoWeekOfDate, previousIsoWeek } from '../core/schedule/iso-week.ts';
import { addDays } from '../core/schedule/local-time.ts';
import { median } from '../core/variation/index.ts';
import type { Trx } from '../db/trx.ts';
import { weekBuckets } from '../digest/week-buckets.ts';
import { sumFiguresByWeek, type WeeklySums, weeklyFigure } from '../digest/weekly-series.ts';

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
 * week, in the digest's own week buckets (src/digest/week-buckets.ts).
 */
function weeklySums(
  trx: Trx,
  networkId: number,
  zone: string,
  siteIds: number[],
  measureIds: number[],
  weeks: string[],
): Promise<WeeklySums[]> {
  return sumFiguresByWeek(trx, weekBuckets(weeks, zone), (eb) =>
    eb.and([
      eb('cycles.network_id', '=', networkId),
      eb('cycles.site_id', 'in', siteIds),
      eb('cycles.measure_id', 'in', measureIds),
    ]),
  );
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
