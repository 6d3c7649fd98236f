import { DateTime } from 'luxon';
import type { Measurement } from '../domain.ts';
import type { DigestMeasure } from './types.ts';

// Numbers and dates as the digest writes them: short, rounded for reading
// in a minute, and in one style everywhere.

/**
 * Whole percents (or `decimals` more), with one decimal below 1% so that a
 * small share never shows as 0%.
 */
export function percent(fraction: number, decimals = 0): string {
  const p = fraction * 100;
  if (p !== 0 && Math.abs(p) < 1) return `${Number(p.toFixed(Math.max(1, decimals)))}%`;
  return `${Number(p.toFixed(decimals))}%`;
}

/** At most three significant digits, no trailing zeros: 0.417, 4.2, 1,250. */
export function num(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Math.abs(n) >= 1000 ? Math.round(n) : Number(n.toPrecision(3));
  return rounded.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

function whole(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : num(n);
}

function withUnit(text: string, measure: DigestMeasure): string {
  return measure.unit && measure.unit !== '%' ? `${text} ${measure.unit}` : text;
}

/** "18 of 24 (75%)", "12 per 30 (0.4)", "4.2 minutes". */
export function figureText(
  measure: DigestMeasure,
  figure: { value: number; numerator?: number | null; denominator?: number | null },
  decimals = 0,
): string {
  const { numerator, denominator } = figure;
  const ratio = numerator != null && denominator != null;
  switch (measure.kind) {
    case 'proportion':
      return ratio
        ? `${whole(numerator)} of ${whole(denominator)} (${percent(figure.value, decimals)})`
        : percent(figure.value, decimals);
    case 'count':
      return ratio
        ? `${whole(numerator)} per ${whole(denominator)} (${num(figure.value)})`
        : num(figure.value);
    case 'value':
      return withUnit(num(figure.value), measure);
  }
}

/** A prediction or a result. */
export function measurementText(measure: DigestMeasure, m: Measurement): string {
  return figureText(measure, {
    value: m.value,
    numerator: m.numerator ?? null,
    denominator: m.denominator ?? null,
  });
}

/** A figure without its counts, for short lists: "75%", "0.4", "4.2". */
export function valueText(measure: DigestMeasure, value: number): string {
  return measure.kind === 'proportion' ? percent(value) : num(value);
}

/** Control limits: "52–71%", "0.1–0.3". */
export function rangeText(measure: DigestMeasure, lower: number, upper: number, decimals = 0): string {
  if (measure.kind === 'proportion') {
    return `${percent(lower, decimals).replace('%', '')}–${percent(upper, decimals)}`;
  }
  return `${num(lower)}–${num(upper)}`;
}

/** A difference between two figures: "8 percentage points", "1.5". */
export function gapText(measure: DigestMeasure, gap: number): string {
  if (measure.kind === 'proportion') {
    const points = Math.abs(gap * 100);
    const shown = Number(points.toFixed(1));
    return `${shown} percentage point${shown === 1 ? '' : 's'}`;
  }
  return withUnit(num(Math.abs(gap)), measure);
}

/**
 * The days from `startsOn` to `endsOn` ('YYYY-MM-DD'), as people write them:
 * "23–29 Nov", "30 Nov – 6 Dec"; the year is given when asked for, and
 * always when the days fall in two years ("28 Dec 2026 – 3 Jan 2027").
 */
export function dayRangeText(startsOn: string, endsOn: string, withYear = false): string {
  const a = DateTime.fromISO(startsOn, { zone: 'utc' });
  const b = DateTime.fromISO(endsOn, { zone: 'utc' });
  if (a.year !== b.year) return `${a.toFormat('d LLL yyyy')} – ${b.toFormat('d LLL yyyy')}`;
  const end = b.toFormat(withYear ? 'd LLL yyyy' : 'd LLL');
  if (a.hasSame(b, 'day')) return end;
  if (a.month !== b.month) return `${a.toFormat('d LLL')} – ${end}`;
  return `${a.toFormat('d')}–${end}`;
}

/** "16–22 Nov 2026", "30 Nov – 6 Dec 2026", "28 Dec 2026 – 3 Jan 2027". */
export function weekRangeText(startsOn: string, endsOn: string): string {
  return dayRangeText(startsOn, endsOn, true);
}

/**
 * The Monday an ISO week starts on, 'YYYY-MM-DD'. The digest's weeks are
 * already the network's own (Monday to Sunday in its time zone, see
 * src/digest/week-buckets.ts), so the dates of a week need no zone here.
 */
export function mondayOf(week: string): string {
  return DateTime.fromISO(`${week}-1`, { zone: 'utc' }).toISODate() ?? week;
}

function sundayOf(week: string): string {
  return DateTime.fromISO(`${week}-7`, { zone: 'utc' }).toISODate() ?? week;
}

/** The Monday a week starts on, as in "since 7 Sep". */
export function weekStartText(week: string): string {
  return DateTime.fromISO(mondayOf(week), { zone: 'utc' }).toFormat('d LLL');
}

/** One week's days: "23–29 Nov". */
export function weekText(week: string): string {
  return dayRangeText(mondayOf(week), sundayOf(week));
}

/** A stretch of weeks as the days they cover: "5 Oct – 29 Nov", or "23–29 Nov" for one week. */
export function weekSpan(weeks: readonly string[], start: number, end: number): string {
  const a = weeks[start];
  const b = weeks[end];
  if (a === undefined || b === undefined) return '';
  return dayRangeText(mondayOf(a), sundayOf(b));
}

/** '2026-W05' → 'W5', as the chart's axis had it. */
export function shortWeek(week: string): string {
  return week.slice(week.indexOf('W')).replace('W0', 'W');
}

/** An instant in the network's zone: "Wed 18 Nov". */
export function dayText(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat('ccc d LLL');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function listAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
