import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseDateRange, parseDateText } from '../../../src/core/parsing/dates.ts';

// Monday 30 November 2026.
const MONDAY = '2026-11-30';

function dateOf(text: string, today = MONDAY): string {
  const result = parseDateText(text, today);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to read as a date: ${result.error}`);
  return result.date;
}

function refusal(text: string, today = MONDAY): string {
  const result = parseDateText(text, today);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused, got ${result.date}`);
  return result.error;
}

function isRealIsoDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date, { zone: 'utc' }).isValid;
}

describe('parseDateText', () => {
  it.each([
    ['2026-12-01', '2026-12-01'],
    ['2026-12-1', '2026-12-01'],
    ['2026/12/01', '2026-12-01'],
    ['2024-02-29', '2024-02-29'],
    ['2020-01-01', '2020-01-01'],
    ['today', '2026-11-30'],
    ['Today.', '2026-11-30'],
    ['tomorrow', '2026-12-01'],
    ['TMRW', '2026-12-01'],
    ['yesterday', '2026-11-29'],
    ['+0d', '2026-11-30'],
    ['+7d', '2026-12-07'],
    ['+7 days', '2026-12-07'],
    ['+2w', '2026-12-14'],
    ['+1m', '2026-12-30'],
    ['+1y', '2027-11-30'],
    ['-3d', '2026-11-27'],
    ['in 3 days', '2026-12-03'],
    ['in three days', '2026-12-03'],
    ['in 2 weeks', '2026-12-14'],
    ['in a week', '2026-12-07'],
    ['in a month', '2026-12-30'],
    ['2 weeks from now', '2026-12-14'],
    ['3 days ago', '2026-11-27'],
    ['on friday', '2026-12-04'],
    ['by Friday', '2026-12-04'],
    ['friday', '2026-12-04'],
    ['fri', '2026-12-04'],
    ['Tues', '2026-12-01'],
    ['thurs', '2026-12-03'],
    ['sunday', '2026-12-06'],
    ['dec 3', '2026-12-03'],
    ['Dec. 3', '2026-12-03'],
    ['3 dec', '2026-12-03'],
    ['december 3', '2026-12-03'],
    ['december 3rd', '2026-12-03'],
    ['3rd of December', '2026-12-03'],
    ['the 3rd of december', '2026-12-03'],
    ['Dec 3 2026', '2026-12-03'],
    ['Dec 3, 2026', '2026-12-03'],
    ['3-dec-2026', '2026-12-03'],
    ['sept 1', '2027-09-01'],
    ['nov 30', '2026-11-30'],
    ['nov 29', '2027-11-29'],
    ['jan 1', '2027-01-01'],
    ['Dec 3 2025', '2025-12-03'],
    ['２０２６－１２－０１', '2026-12-01'],
  ])('reads %j as %s', (text, date) => {
    expect(dateOf(text)).toBe(date);
  });

  describe('weekdays', () => {
    it('takes the next such day strictly after today, even when today is that day', () => {
      expect(dateOf('monday')).toBe('2026-12-07');
      expect(dateOf('mon')).toBe('2026-12-07');
      expect(dateOf('next monday')).toBe('2026-12-07');
      expect(dateOf('tuesday')).toBe('2026-12-01');
    });

    it('takes today for "this monday" on a Monday', () => {
      expect(dateOf('this monday')).toBe('2026-11-30');
      expect(dateOf('this tuesday')).toBe('2026-12-01');
    });

    it('crosses a month and a year end', () => {
      expect(dateOf('friday', '2026-12-31')).toBe('2027-01-01');
    });
  });

  describe('a calendar month with +1m', () => {
    it.each([
      ['2026-01-31', '2026-02-28'],
      ['2028-01-31', '2028-02-29'],
      ['2026-03-31', '2026-04-30'],
      ['2026-12-31', '2027-01-31'],
      ['2026-02-28', '2026-03-28'],
      ['2028-02-29', '2028-03-29'],
    ])('from %s is %s', (today, date) => {
      expect(dateOf('+1m', today)).toBe(date);
    });

    it('stops at 28 February for a year from a leap day', () => {
      expect(dateOf('+1y', '2028-02-29')).toBe('2029-02-28');
    });
  });

  describe('leap days', () => {
    it('finds the next 29 February within the year', () => {
      expect(dateOf('feb 29', '2028-01-10')).toBe('2028-02-29');
      expect(dateOf('feb 29', '2027-03-01')).toBe('2028-02-29');
      expect(dateOf('feb 29', '2028-02-29')).toBe('2028-02-29');
    });

    it('refuses a 29 February that the coming year lacks, offering a leap year', () => {
      expect(refusal('feb 29')).toMatch(/no February 29 in 2027.*feb 28.*mar 1.*2028-02-29/);
      expect(refusal('feb 29', '2028-03-01')).toMatch(/no February 29 in 2029.*2032-02-29/);
    });

    it('refuses 29 February in a year without one', () => {
      expect(refusal('2026-02-29')).toMatch(/February 2026 has 28 days.*2026-02-28/);
      expect(refusal('feb 29 2026')).toMatch(/February 2026 has 28 days/);
    });
  });

  it.each([
    ['2026-02-30', /isn't a real date: February 2026 has 28 days\. Try 2026-02-28/],
    ['2026-04-31', /April 2026 has 30 days/],
    ['2026-13-01', /no month 13/],
    ['2026-00-10', /no month 0/],
    ['feb 30', /February has 29 days/],
    ['dec 32', /December has 31 days/],
    ['dec 0', /December has 31 days/],
    ['dec', /needs a day too, like dec 3/],
    ['12/03', /different countries.*2027-03-12 or 2026-12-03.*12 mar or dec 3/],
    ['12/03/2026', /2026-03-12 or 2026-12-03/],
    ['12.03.', /different countries/],
    ['25/12', /different countries.*2026-12-25.*25 dec/],
    ['5/5', /year first/],
    ['+7x', /unit.*\+7d, \+2w or \+1m/],
    ['in 3 fortnights', /in 3 days/],
    ['in many days', /in 3 days/],
    ['+9999y', /too far/],
    ['someday', /couldn't read "someday" as a date\. Try 2026-12-01, tomorrow, friday, dec 3 or \+7d/],
    ['next', /couldn't read/],
    ['', /Please type a date/],
    ['2026-12-01T10:00', /couldn't read/],
    ['99/99', /couldn't read/],
  ])('refuses %j and says what to type', (text, message) => {
    expect(refusal(text)).toMatch(message);
  });

  it('throws on a malformed today, which is a bug in the caller', () => {
    expect(() => parseDateText('tomorrow', '2026-2-3')).toThrow(RangeError);
    expect(() => parseDateText('tomorrow', '2026-02-30')).toThrow(RangeError);
  });
});

describe('parseDateRange', () => {
  it.each([
    ['2026-12-21 to 2027-01-01', '2026-12-21', '2027-01-01'],
    ['2026-12-21..2027-01-01', '2026-12-21', '2027-01-01'],
    ['2026-12-21 .. 2027-01-01', '2026-12-21', '2027-01-01'],
    ['2026-12-21 - 2027-01-01', '2026-12-21', '2027-01-01'],
    ['2026-12-21 – 2027-01-01', '2026-12-21', '2027-01-01'],
    ['2026-12-21-2027-01-01', '2026-12-21', '2027-01-01'],
    ['dec 21 - jan 1', '2026-12-21', '2027-01-01'],
    ['dec 21-jan 1', '2026-12-21', '2027-01-01'],
    ['Dec 21 TO Jan 1', '2026-12-21', '2027-01-01'],
    ['from dec 21 to jan 1', '2026-12-21', '2027-01-01'],
    ['between dec 21 and jan 1', '2026-12-21', '2027-01-01'],
    ['dec 21 through jan 1.', '2026-12-21', '2027-01-01'],
    ['dec 21 to +14d', '2026-12-21', '2027-01-04'],
    ['dec 21 to friday', '2026-12-21', '2026-12-25'],
    ['today to friday', '2026-11-30', '2026-12-04'],
    ['tomorrow..in 2 weeks', '2026-12-01', '2026-12-14'],
    ['dec 24', '2026-12-24', '2026-12-24'],
    ['2026-12-24 to 2026-12-24', '2026-12-24', '2026-12-24'],
  ])('reads %j', (text, startsOn, endsOn) => {
    expect(parseDateRange(text, MONDAY)).toEqual({ ok: true, startsOn, endsOn });
  });

  it('reads a year-end break from within December', () => {
    expect(parseDateRange('dec 21 - jan 1', '2026-12-01')).toEqual({
      ok: true,
      startsOn: '2026-12-21',
      endsOn: '2027-01-01',
    });
  });

  it.each([
    [
      '2027-01-01 to 2026-12-21',
      /ends \(2026-12-21\) before it starts \(2027-01-01\).*2026-12-21 to 2027-01-01/,
    ],
    ['dec 21 to feb 30', /"feb 30" isn't a real date/],
    ['dec 21 to someday', /"someday"/],
    ['whenever', /couldn't read "whenever" as a date/],
    ['soon - later', /couldn't read "soon" as a date/],
    ['dec 21 -jan', /"jan" needs a day too/],
    ['dec 21 -', /no last day.*dec 21 - jan 1/],
    ['dec 21 to', /no last day/],
    ['dec 21 to the day after', /couldn't read "the day after"/],
    ['soon to later', /couldn't read "soon"/],
    ['a - b - c', /couldn't read "a" as a date/],
    ['', /first and last day/],
    ['-'.repeat(300), /too long for two dates/],
  ])('refuses %j', (text, message) => {
    const result = parseDateRange(text, MONDAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('properties', () => {
  const today = fc
    .date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2090-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const dateLike = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.stringMatching(/^[+-]?\d{1,4} ?(?:d|w|m|y|days|weeks|months)?$/),
    fc.stringMatching(/^(?:in |next |this )?[a-z]{0,9} ?\d{0,2}(?:st|nd|rd|th)?,? ?\d{0,4}$/),
    fc.stringMatching(/^\d{1,4}[-/.]\d{1,2}(?:[-/.]\d{1,4})?$/),
    fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 32 })).map(([m, d]) => {
      const names = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
      return `${names[m - 1]} ${d}`;
    }),
  );

  it('never throws, and gives a real YYYY-MM-DD whenever it reads a date', () => {
    fc.assert(
      fc.property(dateLike, today, (text, day) => {
        const result = parseDateText(text, day);
        if (result.ok) expect(isRealIsoDate(result.date)).toBe(true);
        else expect(result.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads any real ISO date as itself', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        today,
        (date, day) => {
          const iso = date.toISOString().slice(0, 10);
          expect(parseDateText(iso, day)).toEqual({ ok: true, date: iso });
        },
      ),
    );
  });

  it('puts a month and day without a year within the coming year, on or after today', () => {
    fc.assert(
      fc.property(dateLike, today, (text, day) => {
        if (!/^[a-z]{3} \d{1,2}$/.test(text)) return;
        const result = parseDateText(text, day);
        if (!result.ok) return;
        expect(result.date >= day).toBe(true);
        const limit = DateTime.fromISO(day, { zone: 'utc' }).plus({ years: 1 }).toISODate()!;
        expect(result.date <= limit).toBe(true);
      }),
    );
  });

  it('never throws on ranges, and gives ordered real dates', () => {
    fc.assert(
      fc.property(
        fc.tuple(dateLike, fc.constantFrom(' to ', '..', ' - ', '-'), dateLike),
        today,
        ([a, sep, b], day) => {
          const result = parseDateRange(`${a}${sep}${b}`, day);
          if (!result.ok) return;
          expect(isRealIsoDate(result.startsOn) && isRealIsoDate(result.endsOn)).toBe(true);
          expect(result.endsOn >= result.startsOn).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
