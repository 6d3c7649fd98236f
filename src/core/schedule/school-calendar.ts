import { addDays, isIsoDate, isoWeekday, isValidTimeZone, localInstant, wallClockOf } from './local-time.ts';

// One member's view of the school year: when their school is open, when they
// are away, and when the bot may speak to them.
export type SchoolCalendar = {
  timeZone: string;
  promptHour: number;
  promptMinute: number;
  schoolDays: number[]; // ISO weekdays, 1 = Monday; see DEFAULT_SCHOOL_DAYS
  breaks: { startsOn: string; endsOn: string }[]; // both ends inclusive
  pausedUntil?: string | null; // away up to and including this date
  quietHours?: { start: number; end: number }; // local hours [start, end), may wrap midnight
};

export const DEFAULT_SCHOOL_DAYS: readonly number[] = [1, 2, 3, 4, 5];

// How far ahead to look for a school day before deciding the calendar has
// none (every day a break, no school days): a year plus a long summer.
export const SEARCH_LIMIT_DAYS = 400;

// A day on which this member can be prompted: a school weekday, outside every
// break, and not within their pause. The pause has no start, so every date up
// to pausedUntil counts as paused.
export function isSchoolDay(date: string, cal: SchoolCalendar): boolean {
  if (!cal.schoolDays.includes(isoWeekday(date))) return false;
  if (cal.pausedUntil && date <= cal.pausedUntil) return false;
  // ISO dates compare correctly as strings; a reversed break covers nothing.
  return !cal.breaks.some((b) => b.startsOn <= date && date <= b.endsOn);
}

// The first school day after `date` (or on it, when inclusive), or null when
// none comes within SEARCH_LIMIT_DAYS, so a misconfigured calendar cannot
// loop forever. A pause is jumped over first: a long leave should not use up
// the search.
export function nextSchoolDay(
  date: string,
  cal: SchoolCalendar,
  opts: { inclusive: boolean },
): string | null {
  let day = opts.inclusive ? date : addDays(date, 1);
  if (cal.pausedUntil && day <= cal.pausedUntil) day = addDays(cal.pausedUntil, 1);
  for (let i = 0; i < SEARCH_LIMIT_DAYS; i++, day = addDays(day, 1)) {
    if (isSchoolDay(day, cal)) return day;
  }
  return null;
}

// How many school days came after `from` up to and including `to` (both
// ISO dates): how long something asked on `from` has waited, in the days
// the member's school was open. Weekends, breaks and a pause do not count.
// Counts at most SEARCH_LIMIT_DAYS days.
export function schoolDaysSince(from: string, to: string, cal: SchoolCalendar): number {
  let count = 0;
  let day = addDays(from, 1);
  for (let i = 0; i < SEARCH_LIMIT_DAYS && day <= to; i++, day = addDays(day, 1)) {
    if (isSchoolDay(day, cal)) count++;
  }
  return count;
}

// The instant of the prompt on the first school day on or after `date`.
export function promptAt(date: string, cal: SchoolCalendar): Date | null {
  const day = nextSchoolDay(date, cal, { inclusive: true });
  return day === null ? null : promptTimeOn(day, cal);
}

// The instant of the prompt time on `date`, school day or not. Quiet hours
// are a promise to the member and win over the prompt time: a prompt time set
// inside them moves to the end of the quiet hours that morning.
export function promptTimeOn(date: string, cal: SchoolCalendar): Date {
  if (isQuietHour(cal.promptHour, cal)) return localInstant(date, cal.quietHours!.end, 0, cal.timeZone);
  return localInstant(date, cal.promptHour, cal.promptMinute, cal.timeZone);
}

// Quiet hours are whole local hours, start inclusive and end exclusive: with
// 20..7, 19:59 may be sent and 20:00 to 06:59 may not. start === end means
// no quiet hours rather than a silent day.
export function isQuietHour(hour: number, cal: SchoolCalendar): boolean {
  const quiet = cal.quietHours;
  if (!quiet || quiet.start === quiet.end) return false;
  return quiet.start < quiet.end
    ? quiet.start <= hour && hour < quiet.end
    : hour >= quiet.start || hour < quiet.end;
}

export function isAllowedTime(instant: Date, cal: SchoolCalendar): boolean {
  const local = wallClockOf(instant, cal.timeZone);
  return isSchoolDay(local.date, cal) && !isQuietHour(local.hour, cal);
}

// `instant` itself when it falls on a school day outside quiet hours;
// otherwise the next prompt time at or after it (so a reminder due at 22:00
// or on Saturday waits for the member's usual prompt time, not for 07:00).
// Null when the calendar has no school day ahead.
export function clampToAllowedTime(instant: Date, cal: SchoolCalendar): Date | null {
  if (isAllowedTime(instant, cal)) return instant;
  const today = wallClockOf(instant, cal.timeZone).date;
  const sameDay = promptAt(today, cal);
  if (sameDay === null || sameDay.getTime() >= instant.getTime()) return sameDay;
  return promptAt(addDays(today, 1), cal);
}

// What is wrong with a calendar, in words a facilitator can act on; empty when
// nothing is. The functions above assume a calendar that passes.
export function schoolCalendarProblems(cal: SchoolCalendar): string[] {
  const problems: string[] = [];
  const isHour = (h: number) => Number.isInteger(h) && h >= 0 && h <= 23;
  if (!isValidTimeZone(cal.timeZone)) problems.push(`unknown time zone "${cal.timeZone}"`);
  if (!isHour(cal.promptHour)) problems.push(`prompt hour ${cal.promptHour} is not 0..23`);
  if (!Number.isInteger(cal.promptMinute) || cal.promptMinute < 0 || cal.promptMinute > 59) {
    problems.push(`prompt minute ${cal.promptMinute} is not 0..59`);
  }
  if (cal.schoolDays.length === 0) problems.push('no school days in the week');
  for (const day of cal.schoolDays) {
    if (!Number.isInteger(day) || day < 1 || day > 7)
      problems.push(`school day ${day} is not a weekday 1..7`);
  }
  for (const b of cal.breaks) {
    if (!isIsoDate(b.startsOn) || !isIsoDate(b.endsOn)) {
      problems.push(`break ${b.startsOn}..${b.endsOn} is not two dates`);
    } else if (b.startsOn > b.endsOn) {
      problems.push(`break ${b.startsOn}..${b.endsOn} ends before it starts`);
    }
  }
  if (cal.pausedUntil && !isIsoDate(cal.pausedUntil))
    problems.push(`pause end ${cal.pausedUntil} is not a date`);
  if (cal.quietHours && (!isHour(cal.quietHours.start) || !isHour(cal.quietHours.end))) {
    problems.push(`quiet hours ${cal.quietHours.start}..${cal.quietHours.end} are not hours 0..23`);
  }
  return problems;
}
