import { digestAt, isoWeekOf, previousIsoWeek } from '../core/schedule/iso-week.ts';

// Which week a digest is about. The digest posted in ISO week W reports on
// W − 1, the last complete week: with the default Monday 08:00 posting time
// the current week has barely begun, and a week's figures are whole only once
// it is over. `digests.iso_week` and the dedupe keys name the week reported on.

/** Weeks of weekly figures the digest reads and shows: about half a school year. */
export const SERIES_WEEKS = 26;

/** The week the digest posted at `now` reports on. */
export function reportWeekAt(now: Date, timeZone: string): string {
  return previousIsoWeek(isoWeekOf(now, timeZone));
}

export type DigestSchedule = { digestWeekday: number; digestHour: number; timeZone: string };

/** The week whose digest is due at `now` (its posting time this week has come), or null. */
export function dueReportWeek(now: Date, schedule: DigestSchedule): string | null {
  const current = isoWeekOf(now, schedule.timeZone);
  const at = digestAt(current, schedule.digestWeekday, schedule.digestHour, schedule.timeZone);
  return now.getTime() >= at.getTime() ? previousIsoWeek(current) : null;
}

/** `count` ISO weeks ending with `week`, oldest first. */
export function weeksEndingWith(week: string, count: number): string[] {
  const weeks = [week];
  while (weeks.length < count) weeks.unshift(previousIsoWeek(weeks[0]!));
  return weeks;
}
