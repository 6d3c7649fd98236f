import { DateTime } from 'luxon';
import { quoteInput } from '../quoted-input.ts';
import { MONTH_NAMES, monthFromWord, weekdayFromWord } from './calendar-words.ts';
import { parseNumberWord } from './numbers.ts';
import { FINAL_PUNCTUATION, failure, foldInput, type ParseFailure, withoutTrailing } from './result.ts';

// Reads the dates people type for cycle ends, pauses and breaks. `today` is
// the date in the person's own time zone, so no clock is read here.
//
// Choices where people's habits differ:
// - Dates written only with numbers must put the year first (2026-12-03).
//   "12/03" is refused, even when only one reading exists ("25/12"), so that
//   the rule is easy to state; the error offers the possible dates.
// - A weekday ("mon", "next monday") is the next such day strictly after
//   today; "this monday" is today when today is a Monday.
// - A month and day without a year ("dec 3") is the next such date on or
//   after today. "feb 29" in a year without one is refused, not moved.
// - "+1m" adds a calendar month and stops at the end of a shorter month:
//   2026-01-31 + 1m = 2026-02-28.

export type DateResult = { ok: true; date: string } | ParseFailure;
export type DateRangeResult = { ok: true; startsOn: string; endsOn: string } | ParseFailure;

const EXAMPLES = '2026-12-01, tomorrow, friday, dec 3 or +7d';
const RANGE_EXAMPLES = '2026-12-21 to 2027-01-01, dec 21 - jan 1 or 2026-12-21..2027-01-01';

type Unit = 'days' | 'weeks' | 'months' | 'years';

const UNITS: Record<string, Unit> = {
  d: 'days',
  day: 'days',
  days: 'days',
  w: 'weeks',
  wk: 'weeks',
  wks: 'weeks',
  week: 'weeks',
  weeks: 'weeks',
  m: 'months',
  mo: 'months',
  mos: 'months',
  mth: 'months',
  mths: 'months',
  month: 'months',
  months: 'months',
  y: 'years',
  yr: 'years',
  yrs: 'years',
  year: 'years',
  years: 'years',
};

function readToday(today: string): DateTime {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(today) ? DateTime.fromISO(today, { zone: 'utc' }) : undefined;
  // A caller bug, not something a person typed: fail loudly.
  if (!parsed?.isValid)
    throw new RangeError(`today must be a date like 2026-12-01, not ${JSON.stringify(today)}`);
  return parsed;
}

function iso(date: DateTime): string {
  return date.toISODate()!;
}

function daysInMonth(year: number, month: number): number {
  return DateTime.utc(year, month, 1).daysInMonth!;
}

function monthName(month: number): string {
  return MONTH_NAMES[month - 1]!;
}

function shortMonth(month: number): string {
  return monthName(month).slice(0, 3).toLowerCase();
}

// Years of four digits keep every result a well-formed YYYY-MM-DD.
function finish(date: DateTime, typed: string): DateResult {
  if (!date.isValid || date.year < 1000 || date.year > 9999) {
    return failure(`${typed} is too far away. Pick a date closer to today, like ${EXAMPLES}.`);
  }
  return { ok: true, date: iso(date) };
}

function exactDate(year: number, month: number, day: number, typed: string): DateResult {
  if (month < 1 || month > 12) {
    return failure(
      `${typed} has no month ${month}: months go from 01 to 12. Type the date as year-month-day, like 2026-12-01.`,
    );
  }
  const length = daysInMonth(year, month);
  if (day < 1 || day > length) {
    return failure(
      `${typed} isn't a real date: ${monthName(month)} ${year} has ${length} days. Try ${iso(DateTime.utc(year, month, length))}.`,
    );
  }
  return finish(DateTime.utc(year, month, day), typed);
}

/** The next `month` `day` on or after `anchor`. */
function nextMonthDay(month: number, day: number, anchor: DateTime, typed: string): DateResult {
  // 29 February exists in leap years only; any other day either always or never exists.
  const longest = month === 2 ? 29 : daysInMonth(2001, month);
  if (day < 1 || day > longest) {
    return failure(
      `${typed} isn't a real date: ${monthName(month)} has ${longest} days. Try ${shortMonth(month)} ${longest}.`,
    );
  }
  let year = anchor.year;
  const fits = (y: number) => day <= daysInMonth(y, month) && DateTime.utc(y, month, day) >= anchor;
  if (!fits(year)) year += 1;
  if (day > daysInMonth(year, month)) {
    let leapYear = year + 1;
    while (daysInMonth(leapYear, 2) !== 29) leapYear += 1;
    return failure(
      `There is no ${monthName(month)} ${day} in ${year}. Type feb 28 or mar 1, or give a leap year, like ${leapYear}-02-29.`,
    );
  }
  return finish(DateTime.utc(year, month, day), typed);
}

function readAmount(word: string): number | undefined {
  if (/^\d{1,4}$/.test(word)) return Number(word);
  if (word === 'a' || word === 'an') return 1;
  return parseNumberWord(word);
}

const DAY_OF_MONTH = /^(\d{1,2})(?:st|nd|rd|th)?$/;

// "dec 3", "december 3rd, 2026", "3 dec", "3rd of december", "3-dec-2026".
function readMonthDay(s: string, anchor: DateTime, typed: string): DateResult | undefined {
  const words = s
    .replace(/^the /, '')
    .split(/[\s,\-/.]+/)
    .filter((w) => w !== '' && w !== 'of');
  const monthAt = words.findIndex((w) => /^\p{L}+$/u.test(w) && monthFromWord(w) !== undefined);
  if (monthAt === -1 || monthAt > 1) return undefined;
  const month = monthFromWord(words[monthAt]!)!;
  if (words.length === 1) return failure(`${typed} needs a day too, like ${shortMonth(month)} 3.`);
  const dayWord = monthAt === 0 ? words[1]! : words[0]!;
  const yearWord = words[2];
  const day = DAY_OF_MONTH.exec(dayWord);
  if (!day || words.length > 3 || (yearWord !== undefined && !/^\d{4}$/.test(yearWord))) return undefined;
  return yearWord === undefined
    ? nextMonthDay(month, Number(day[1]), anchor, typed)
    : exactDate(Number(yearWord), month, Number(day[1]), typed);
}

// "12/03": March 12 in most of the world, December 3 in the United States.
function refuseNumericDayMonth(
  a: number,
  b: number,
  yearText: string | undefined,
  anchor: DateTime,
  typed: string,
) {
  const year =
    yearText === undefined ? undefined : Number(yearText.length === 2 ? `20${yearText}` : yearText);
  const readings: { iso: string; words: string }[] = [];
  for (const [month, day] of [
    [b, a],
    [a, b],
  ] as const) {
    if (month < 1 || month > 12) continue;
    const result =
      year === undefined ? nextMonthDay(month, day, anchor, typed) : exactDate(year, month, day, typed);
    if (!result.ok || readings.some((r) => r.iso === result.date)) continue;
    readings.push({
      iso: result.date,
      words: month === b ? `${day} ${shortMonth(month)}` : `${shortMonth(month)} ${day}`,
    });
  }
  if (readings.length === 0) return failure(`I couldn't read ${typed} as a date. Try ${EXAMPLES}.`);
  const isoList = readings.map((r) => r.iso).join(' or ');
  const wordList = readings.map((r) => r.words).join(' or ');
  return failure(
    `${typed} is read differently in different countries. Type the year first, ${isoList}, or name the month: ${wordList}.`,
  );
}

function resolve(text: string, today: DateTime, anchor: DateTime): DateResult {
  const typed = quoteInput(text);
  const s = foldInput(text).replace(/^(?:on|by) /, '');
  if (s === '') return failure(`Please type a date, for example ${EXAMPLES}.`);

  const yearFirst = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (yearFirst) return exactDate(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]), typed);

  switch (s) {
    case 'today':
      return finish(today, typed);
    case 'tomorrow':
    case 'tomorow':
    case 'tmrw':
    case 'tmr':
      return finish(today.plus({ days: 1 }), typed);
    case 'yesterday':
      return finish(today.minus({ days: 1 }), typed);
  }

  // "+7d", "+2 weeks", "-3d": counted from the anchor, so that the end of a
  // range can be given as a length.
  const offset = /^([+-]) ?(\d{1,4}) ?([a-z]+)$/.exec(s);
  if (offset) {
    const unit = UNITS[offset[3]!];
    if (unit === undefined)
      return failure(`I don't know the unit in ${typed}. Use d, w or m, like +7d, +2w or +1m.`);
    const amount = Number(offset[2]) * (offset[1] === '-' ? -1 : 1);
    return finish(anchor.plus({ [unit]: amount }), typed);
  }

  const spoken =
    /^in (\S+) ([a-z]+)$/.exec(s) ??
    /^(\S+) ([a-z]+) (?:from now|from today|later)$/.exec(s) ??
    /^(\S+) ([a-z]+) (ago)$/.exec(s);
  if (spoken) {
    const amount = readAmount(spoken[1]!);
    const unit = UNITS[spoken[2]!];
    if (amount !== undefined && unit !== undefined && spoken[2]!.length > 1) {
      return finish(today.plus({ [unit]: spoken[3] === 'ago' ? -amount : amount }), typed);
    }
    return failure(`I couldn't read ${typed} as a date. Try in 3 days, in 2 weeks, +7d or ${EXAMPLES}.`);
  }

  const weekday = /^(?:(next|this|coming) )?(\p{L}+)$/u.exec(s);
  const target = weekday ? weekdayFromWord(weekday[2]!) : undefined;
  if (weekday && target !== undefined) {
    const ahead = (target - anchor.weekday + 7) % 7;
    const days = weekday[1] === 'this' ? ahead : ahead || 7;
    return finish(anchor.plus({ days }), typed);
  }

  const monthDay = readMonthDay(s, anchor, typed);
  if (monthDay) return monthDay;

  const numeric = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?$/.exec(s);
  if (numeric)
    return refuseNumericDayMonth(Number(numeric[1]), Number(numeric[2]), numeric[3], anchor, typed);

  return failure(`I couldn't read ${typed} as a date. Try ${EXAMPLES}.`);
}

/**
 * Reads one date. `today` is YYYY-MM-DD in the person's time zone; it throws
 * only when `today` itself is malformed. When ok, `date` is a real YYYY-MM-DD.
 */
export function parseDateText(text: string, today: string): DateResult {
  const day = readToday(today);
  return resolve(text, day, day);
}

/** The longest text read as a range of dates; longer is refused as too long. */
export const MAX_RANGE_TEXT = 200;
const RANGE_SEPARATOR = /\s*\.\.\s*|\s+(?:to|until|till|til|through|thru|and)\s+|\s*[-–—]\s*/gi;

/**
 * Reads a span of days, ends included: "2026-12-21 to 2027-01-01",
 * "dec 21 - jan 1". The end is read from the start, so "dec 21 - jan 1" ends
 * in the January after, "dec 21 to +14d" two weeks after December 21, and
 * "dec 21 to fri" on the Friday after. A single date is a one-day range.
 */
export function parseDateRange(text: string, today: string): DateRangeResult {
  const day = readToday(today);
  const typed = quoteInput(text);
  const s = withoutTrailing(text.trim().replace(/^(?:from|between)\s+/i, ''), FINAL_PUNCTUATION);
  if (s === '') return failure(`Please type the first and last day, for example ${RANGE_EXAMPLES}.`);
  // Every separator is tried in turn, so bound the work a pasted paragraph could cause.
  if (s.length > MAX_RANGE_TEXT)
    return failure(`${typed} is too long for two dates. Type them like ${RANGE_EXAMPLES}.`);
  if (/(?:\.\.|[-–—]|\s(?:to|until|till|til|through|thru|and))$/i.test(s)) {
    return failure(`${typed} has no last day. Type both days, like ${RANGE_EXAMPLES}.`);
  }

  const single = resolve(s, day, day);
  if (single.ok) return { ok: true, startsOn: single.date, endsOn: single.date };

  // Hyphens also sit inside dates, so try every separator and keep the
  // splits where both sides are dates.
  const readings = new Map<string, { startsOn: string; endsOn: string }>();
  let firstProblem: ParseFailure | undefined;
  const separators = [...s.matchAll(RANGE_SEPARATOR)];
  if (separators.length === 0) return single;
  for (const separator of separators) {
    const left = s.slice(0, separator.index).trim();
    const right = s.slice(separator.index + separator[0].length).trim();
    if (left === '' || right === '') continue;
    const start = resolve(left, day, day);
    const end = start.ok ? resolve(right, day, DateTime.fromISO(start.date, { zone: 'utc' })) : start;
    if (start.ok && end.ok) {
      readings.set(`${start.date}..${end.date}`, { startsOn: start.date, endsOn: end.date });
    } else if (!end.ok && firstProblem === undefined && separator[0] !== '-') {
      // A hyphen with no spaces is likely inside a date, so its failure says little.
      firstProblem = end;
    }
  }
  const found = [...readings.values()];
  if (found.length > 1) {
    return failure(
      `${typed} can be read more than one way. Type both dates in full, like ${RANGE_EXAMPLES}.`,
    );
  }
  const range = found[0];
  if (range === undefined) {
    return firstProblem ?? failure(`I couldn't read ${typed} as a range of dates. Try ${RANGE_EXAMPLES}.`);
  }
  if (range.endsOn < range.startsOn) {
    return failure(
      `${typed} ends (${range.endsOn}) before it starts (${range.startsOn}). Put the first day first: ${range.endsOn} to ${range.startsOn}.`,
    );
  }
  return { ok: true, ...range };
}
