import { isoWeekBounds, previousIsoWeek } from '../schedule/iso-week.ts';
import { addDays } from '../schedule/local-time.ts';

// When the digest says "What we're learning": in the first digest posted in
// each month (the one posted in the first ISO week that starts in the
// month), about the weeks since the last time it said so. The digest posted
// in week W+1 reports on week W, so that digest's week is W.

export type LearningWindow = { from: string; to: string };

/** On demand, the section looks back this many days, today included. */
export const ON_DEMAND_DAYS = 28;

const mondayOf = (week: string) => isoWeekBounds(week, 'UTC').startsOn;

/** Is the digest about `week` the month's first, the one that carries the section? */
export function isLearningWeek(week: string): boolean {
  return Number(addDays(mondayOf(week), 7).slice(8, 10)) <= 7;
}

/** The days the section of the digest about `week` covers: from the week after the last section's to `week`'s Sunday. */
export function learningWindow(week: string): LearningWindow {
  let previous = previousIsoWeek(week);
  while (!isLearningWeek(previous)) previous = previousIsoWeek(previous);
  return { from: addDays(mondayOf(previous), 7), to: addDays(mondayOf(week), 6) };
}

/** The days `/pdsa digest learning` covers when asked on `today`. */
export function onDemandWindow(today: string): LearningWindow {
  return { from: addDays(today, -(ON_DEMAND_DAYS - 1)), to: today };
}
