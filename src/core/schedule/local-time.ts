import { DateTime, IANAZone } from 'luxon';

// Calendar dates are ISO strings 'YYYY-MM-DD' read as a local date with no
// zone; instants are JS Dates. Only this file and iso-week.ts know about zones.

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidTimeZone(tz: string): boolean {
  // Intl also accepts offsets like '+05:00', which have no DST rules and are
  // not what a school's calendar means: ask for a named zone.
  return /^[A-Za-z]/.test(tz) && IANAZone.isValidZone(tz);
}

export function isIsoDate(text: string): boolean {
  return dayNumber(text) !== null;
}

export function todayIn(now: Date, tz: string): string {
  return wallClockOf(now, tz).date;
}

export type WallClock = { date: string; hour: number; minute: number };

export function wallClockOf(instant: Date, tz: string): WallClock {
  const local = DateTime.fromJSDate(instant, { zone: zoneOf(tz) });
  return {
    date: formatDay(Date.UTC(local.year, local.month - 1, local.day)),
    hour: local.hour,
    minute: local.minute,
  };
}

// The instant a clock in `tz` shows `hour:minute` on `date`. In a
// spring-forward gap that reading never happens, so take the first instant
// after it (the transition itself); in a fall-back overlap it happens twice,
// so take the first. Luxon alone does neither (it shifts gaps by the jump and
// prefers the later occurrence), hence the search below.
export function localInstant(date: string, hour: number, minute: number, tz: string): Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`hour out of range: ${hour}`);
  if (!Number.isInteger(minute) || minute < 0 || minute > 59) {
    throw new RangeError(`minute out of range: ${minute}`);
  }
  const zone = zoneOf(tz);
  const wall = requireDay(date) * MS_PER_DAY + (hour * 60 + minute) * MS_PER_MINUTE;
  const offsetAt = (ms: number) => zone.offset(ms) * MS_PER_MINUTE;
  const wallAt = (ms: number) => ms + offsetAt(ms);

  // Every offset that could apply near this wall time; two days either side
  // covers any real transition, including whole skipped days (Apia, 2011).
  const offsets = new Set<number>();
  for (let d = -2; d <= 2; d++) offsets.add(offsetAt(wall + d * MS_PER_DAY));

  let first: number | null = null;
  for (const offset of offsets) {
    const candidate = wall - offset;
    if (wallAt(candidate) === wall && (first === null || candidate < first)) first = candidate;
  }
  if (first !== null) return new Date(first);

  // A gap: the clock jumps from below `wall` to above it somewhere in
  // [wall - maxOffset, wall - minOffset]; find that jump to the millisecond.
  let lo = wall - Math.max(...offsets);
  let hi = wall - Math.min(...offsets);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallAt(mid) >= wall) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
  return formatDay((requireDay(date) + n) * MS_PER_DAY);
}

// 1 = Monday .. 7 = Sunday.
export function isoWeekday(date: string): number {
  const weekday = new Date(requireDay(date) * MS_PER_DAY).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

// Signed: positive when `b` is after `a`, so addDays(a, daysBetween(a, b)) === b.
export function daysBetween(a: string, b: string): number {
  return requireDay(b) - requireDay(a);
}

function zoneOf(tz: string): IANAZone {
  if (!isValidTimeZone(tz)) throw new RangeError(`unknown time zone: ${tz}`);
  return IANAZone.create(tz);
}

// Days since 1970-01-01, or null when the text is not a real calendar date
// (the round trip rejects 2026-02-30, which Date.UTC would roll over).
function dayNumber(text: string): number | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  // Date.UTC maps years 0..99 to 1900..1999; no school calendar needs them.
  if (Number(y) < 100 || formatDay(ms) !== text) return null;
  return ms / MS_PER_DAY;
}

function requireDay(text: string): number {
  const day = dayNumber(text);
  if (day === null) throw new RangeError(`not a date (YYYY-MM-DD): ${text}`);
  return day;
}

function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
