import { describe, expect, it } from 'vitest';
import {
  dayRangeText,
  weekRangeText,
  weekSpan,
  weekStartText,
  weekText,
} from '../../../src/core/digest/format.ts';

// Dates as people write them, in the digest's text: ISO week numbers stay in
// commands and exports.

describe('dates in the digest', () => {
  it('gives a week as its days, the year only in the heading', () => {
    expect(weekText('2026-W48')).toBe('23–29 Nov');
    expect(weekRangeText('2026-11-23', '2026-11-29')).toBe('23–29 Nov 2026');
    expect(weekText('2026-W49')).toBe('30 Nov – 6 Dec');
  });

  it('gives both years when the days fall in two', () => {
    expect(weekText('2026-W53')).toBe('28 Dec 2026 – 3 Jan 2027');
    expect(weekRangeText('2026-12-28', '2027-01-03')).toBe('28 Dec 2026 – 3 Jan 2027');
  });

  it('names the Monday a stretch of weeks starts on, and spans weeks from Monday to Sunday', () => {
    expect(weekStartText('2026-W37')).toBe('7 Sep');
    const weeks = [
      '2026-W40',
      '2026-W41',
      '2026-W42',
      '2026-W43',
      '2026-W44',
      '2026-W45',
      '2026-W46',
      '2026-W47',
    ];
    expect(weekSpan(weeks, 0, 7)).toBe('28 Sep – 22 Nov');
    expect(weekSpan(weeks, 7, 7)).toBe('16–22 Nov');
    expect(weekSpan(weeks, 3, 9)).toBe('');
  });

  it('reads week 1 of a year that starts in the December before', () => {
    expect(weekStartText('2026-W01')).toBe('29 Dec');
    expect(weekText('2026-W01')).toBe('29 Dec 2025 – 4 Jan 2026');
  });

  it('gives one day once', () => {
    expect(dayRangeText('2026-11-23', '2026-11-23')).toBe('23 Nov');
  });
});
