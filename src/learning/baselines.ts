import { BASELINE_WEEKS } from '../core/digest/predictions-text.ts';
import type { MeasureKind } from '../core/domain.ts';
import { isoWeekBounds, isoWeekOf, isoWeekOfDate, previousIsoWeek } from '../core/schedule/iso-week.ts';
import { median } from '../core/variation/index.ts';
import type { Trx } from '../db/trx.ts';
import { type WeeklySums, weeklyFigure } from '../digest/weekly-series.ts';

// A cycle's baseline: the median of its site's weekly figures on the same
// measure in the weeks just before the cycle began, the level the change
// set out from. The weeks and their figures are the digest's own (the
// same BASELINE_WEEKS, the same weekly figure), so learnings and digest
// never disagree about where a site started.

export type BaselineCycle = {
  cycleId: number;
  siteId: number;
  measureId: number;
  kind: MeasureKind;
  startsOn: string;
};

/** Do and Study figures of these sites and measures answered in [from, to). Reads checkins as the digest's queries do. */
function figuresBetween(
  trx: Trx,
  networkId: number,
  siteIds: number[],
  measureIds: number[],
  from: Date,
  to: Date,
) {
  return trx
    .selectFrom('checkins')
    .innerJoin('cycles', 'cycles.id', 'checkins.cycle_id')
    .where('cycles.network_id', '=', networkId)
    .where('cycles.site_id', 'in', siteIds)
    .where('cycles.measure_id', 'in', measureIds)
    .where('checkins.phase', 'in', ['do', 'study'])
    .where('checkins.value', 'is not', null)
    .where('checkins.answered_at', '>=', from)
    .where('checkins.answered_at', '<', to)
    .select([
      'cycles.site_id as siteId',
      'cycles.measure_id as measureId',
      'checkins.answered_at as answeredAt',
      'checkins.value',
      'checkins.numerator',
      'checkins.denominator',
    ])
    .execute();
}

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
  const from = isoWeekBounds(weeksBefore(sorted[0]!).at(-1)!, zone).start;
  const to = isoWeekBounds(sorted.at(-1)!, zone).start;
  const rows = await figuresBetween(
    trx,
    networkId,
    [...new Set(cycles.map((c) => c.siteId))],
    [...new Set(cycles.map((c) => c.measureId))],
    from,
    to,
  );
  const sums = new Map<string, WeeklySums>();
  for (const r of rows) {
    const week = isoWeekOf(new Date(r.answeredAt!), zone);
    const key = `${r.siteId}:${r.measureId}:${week}`;
    const s = sums.get(key) ?? {
      measureId: r.measureId,
      siteId: r.siteId,
      week,
      numerators: 0,
      denominators: 0,
      counted: 0,
      bareValues: 0,
      bare: 0,
      allValues: 0,
    };
    if (r.denominator !== null) {
      s.numerators += r.numerator ?? 0;
      s.denominators += r.denominator;
      s.counted += 1;
    } else {
      s.bareValues += r.value!;
      s.bare += 1;
    }
    s.allValues += r.value!;
    sums.set(key, s);
  }
  for (const [i, c] of cycles.entries()) {
    const figures = weeksBefore(startWeeks[i]!)
      .map((w) => sums.get(`${c.siteId}:${c.measureId}:${w}`))
      .map((s) => (s ? weeklyFigure(c.kind, s)?.value : undefined))
      .filter((v): v is number => v !== undefined);
    out.set(c.cycleId, median(figures));
  }
  return out;
}
