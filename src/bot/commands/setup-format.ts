import { DateTime } from 'luxon';
import { WEEKDAY_NAMES } from '../../core/parsing/calendar-words.ts';

// How the setup commands write dates, weekdays and hours in replies.

/** 2026-12-21 → "Mon 21 Dec 2026". */
export function formatDay(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'utc' }).toFormat('ccc d LLL yyyy');
}

/** ISO weekday 1..7 → "Monday". */
export function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday - 1] ?? `day ${weekday}`;
}

/** 15 → "15:00". */
export function formatHour(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** "1 site", "3 sites". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
