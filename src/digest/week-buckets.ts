import { type Expression, type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { isoWeekBounds } from '../core/schedule/iso-week.ts';
import type { Database } from '../db/schema.ts';

/**
 * The ISO weeks a digest shows, as the instants they start at in the
 * network's zone (daylight saving included, by src/core/schedule). The
 * queries put a timestamp in its week with `width_bucket` over these
 * instants: one array search per row, where `date_trunc(… at time zone …)`
 * converted every row and the week labels took a date library call each.
 */
export type WeekBuckets = { weeks: string[]; starts: string[]; from: Date; to: Date };

export function weekBuckets(weeks: readonly string[], timeZone: string): WeekBuckets {
  const bounds = weeks.map((w) => isoWeekBounds(w, timeZone));
  return {
    weeks: [...weeks],
    starts: bounds.map((b) => b.start.toISOString()),
    from: bounds[0]!.start,
    to: bounds.at(-1)!.end,
  };
}

/** 1 for the first week … n for the last; only meaningful for instants within [from, to). */
export function weekBucket(instant: Expression<unknown>, buckets: WeekBuckets): RawBuilder<number> {
  return sql<number>`width_bucket(${instant}, ${buckets.starts}::timestamptz[])`;
}

/**
 * Cycles that can hold an answer given at or after `since`: a closed cycle's
 * answers can no longer change (core/cycle-phases.ts, canAnswer), so one
 * closed before it has none. Lets the queries skip a network's past cycles
 * through cycles_network_closed_idx instead of reading all of them.
 */
export function aliveSince(since: Date) {
  return (eb: ExpressionBuilder<Database, 'cycles'>) =>
    eb.or([eb('cycles.closed_at', 'is', null), eb('cycles.closed_at', '>=', since)]);
}
