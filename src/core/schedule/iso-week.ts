import { DateTime } from 'luxon';
import { quoteInput } from '../quoted-input.ts';
import { addDays, isIsoDate, isValidTimeZone, localInstant, todayIn } from './local-time.ts';

// Weeks are ISO-8601 week dates, '2026-W47': Monday to Sunday, numbered in
// the week-year that holds their Thursday, so the last days of December can
// belong to week 1 of the next year and the first days of January to week 52
// or 53 of the last.
export type IsoWeekBounds = { startsOn: string; endsOn: string; start: Date; end: Date };
export type ParsedIsoWeek =
  | { ok: true; week: string; weekYear: number; weekNumber: number }
  | { ok: false; error: string };

// Lenient about case, spaces and the basic form '2026W47', since people type
// it; the canonical form is what comes back.
const WEEK_TEXT = /^(\d{4})-?W(\d{2})$/i;

export function isoWeekOf(now: Date, tz: string): string {
  return isoWeekOfDate(todayIn(now, tz));
}

export function isoWeekOfDate(date: string): string {
  if (!isIsoDate(date)) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return DateTime.fromISO(date, { zone: 'utc' }).toFormat("kkkk-'W'WW");
}

export function parseIsoWeek(text: string): ParsedIsoWeek {
  const match = WEEK_TEXT.exec(text.trim());
  if (!match) return { ok: false, error: `${quoteInput(text)} is not a week; write it like 2026-W47` };
  const weekYear = Number(match[1]);
  const weekNumber = Number(match[2]);
  const weeks = DateTime.fromObject({ weekYear, weekNumber: 1, weekday: 1 }, { zone: 'utc' }).weeksInWeekYear;
  if (weekNumber < 1 || weekNumber > weeks) {
    return { ok: false, error: `${weekYear} has weeks W01 to W${weeks}, not W${match[2]}` };
  }
  return { ok: true, week: `${match[1]}-W${match[2]}`, weekYear, weekNumber };
}

// Monday..Sunday as dates, and as instants from local midnight on Monday up
// to (not including) local midnight on the next Monday. In zones that skip
// midnight for DST the first instant after the skipped hour is used.
export function isoWeekBounds(week: string, tz: string): IsoWeekBounds {
  if (!isValidTimeZone(tz)) throw new RangeError(`unknown time zone: ${tz}`);
  const startsOn = mondayOf(week);
  const nextMonday = addDays(startsOn, 7);
  return {
    startsOn,
    endsOn: addDays(startsOn, 6),
    start: localInstant(startsOn, 0, 0, tz),
    end: localInstant(nextMonday, 0, 0, tz),
  };
}

export function previousIsoWeek(week: string): string {
  return isoWeekOfDate(addDays(mondayOf(week), -7));
}

// When the digest for `week` is posted: `hour`:00 local on ISO `weekday`
// (1 = Monday .. 7 = Sunday) of that week.
export function digestAt(week: string, weekday: number, hour: number, tz: string): Date {
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
    throw new RangeError(`weekday must be 1 (Monday) to 7 (Sunday): ${weekday}`);
  }
  return localInstant(addDays(mondayOf(week), weekday - 1), hour, 0, tz);
}

function mondayOf(week: string): string {
  const parsed = parseIsoWeek(week);
  if (!parsed.ok) throw new RangeError(parsed.error);
  const { weekYear, weekNumber } = parsed;
  return DateTime.fromObject({ weekYear, weekNumber, weekday: 1 }, { zone: 'utc' }).toISODate()!;
}
