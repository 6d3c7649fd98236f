import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isIsoDate,
  isoWeekday,
  isValidTimeZone,
  localInstant,
  todayIn,
  wallClockOf,
} from '../../../src/core/schedule/local-time.ts';

const NY = 'America/New_York';
const iso = (d: Date) => d.toISOString();

describe('isValidTimeZone', () => {
  it('accepts IANA names and rejects the rest', () => {
    expect(isValidTimeZone(NY)).toBe(true);
    expect(isValidTimeZone('Pacific/Guam')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    // A fixed offset has no DST rules, so it cannot stand for a school's zone.
    expect(isValidTimeZone('+05:00')).toBe(false);
  });
});

describe('todayIn', () => {
  it('gives the local date, which differs across the date line at the same instant', () => {
    const now = new Date('2026-03-02T00:00:00Z');
    expect(todayIn(now, 'Pacific/Guam')).toBe('2026-03-02'); // 10:00 Monday
    expect(todayIn(now, 'Pacific/Pago_Pago')).toBe('2026-03-01'); // 13:00 Sunday
    expect(todayIn(now, NY)).toBe('2026-03-01'); // 19:00 Sunday
  });

  it('rejects an unknown zone', () => {
    expect(() => todayIn(new Date(), 'Nowhere/Land')).toThrow(RangeError);
  });
});

describe('localInstant', () => {
  it('puts 08:00 in New York at 13:00Z in winter and 12:00Z in summer time', () => {
    expect(iso(localInstant('2026-03-06', 8, 0, NY))).toBe('2026-03-06T13:00:00.000Z');
    expect(iso(localInstant('2026-03-09', 8, 0, NY))).toBe('2026-03-09T12:00:00.000Z');
    expect(iso(localInstant('2026-10-30', 8, 0, NY))).toBe('2026-10-30T12:00:00.000Z');
    expect(iso(localInstant('2026-11-02', 8, 0, NY))).toBe('2026-11-02T13:00:00.000Z');
  });

  it('moves a time inside the spring-forward gap to the first instant after it', () => {
    // 2026-03-08 in New York: 01:59:59 EST is followed by 03:00 EDT (07:00Z).
    expect(iso(localInstant('2026-03-08', 1, 59, NY))).toBe('2026-03-08T06:59:00.000Z');
    expect(iso(localInstant('2026-03-08', 2, 0, NY))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(localInstant('2026-03-08', 2, 30, NY))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(localInstant('2026-03-08', 3, 0, NY))).toBe('2026-03-08T07:00:00.000Z');
    expect(wallClockOf(localInstant('2026-03-08', 2, 30, NY), NY)).toEqual({
      date: '2026-03-08',
      hour: 3,
      minute: 0,
    });
  });

  it('takes the first of the two 01:30s when the clocks fall back', () => {
    // 2026-11-01 in New York: 01:30 EDT (05:30Z), then 01:30 EST (06:30Z).
    expect(iso(localInstant('2026-11-01', 1, 30, NY))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(localInstant('2026-11-01', 2, 0, NY))).toBe('2026-11-01T07:00:00.000Z');
    expect(iso(localInstant('2026-10-25', 1, 30, 'Europe/London'))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('handles a half-hour shift, a skipped midnight and a skipped day', () => {
    // Lord Howe Island springs forward 30 minutes, 02:00 +10:30 to 02:30 +11.
    expect(iso(localInstant('2026-10-04', 2, 15, 'Australia/Lord_Howe'))).toBe('2026-10-03T15:30:00.000Z');
    // Chile skips from Saturday 24:00 to Sunday 01:00.
    expect(iso(localInstant('2026-09-06', 0, 0, 'America/Santiago'))).toBe('2026-09-06T04:00:00.000Z');
    // Samoa skipped 2011-12-30 entirely; the next instant is 31st 00:00 +14.
    expect(iso(localInstant('2011-12-30', 8, 0, 'Pacific/Apia'))).toBe('2011-12-30T10:00:00.000Z');
  });

  it('rejects impossible input', () => {
    expect(() => localInstant('2026-02-30', 8, 0, NY)).toThrow(RangeError);
    expect(() => localInstant('2026-03-02', 24, 0, NY)).toThrow(RangeError);
    expect(() => localInstant('2026-03-02', 8, 60, NY)).toThrow(RangeError);
    expect(() => localInstant('2026-03-02', 8, 0, 'Nowhere/Land')).toThrow(RangeError);
  });

  it('inverts wallClockOf, choosing the earliest instant with that reading', () => {
    const zones = [NY, 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Guam', 'America/Santiago'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2030, 0, 1) / 60_000 }),
        fc.constantFrom(...zones),
        (minutes, tz) => {
          const instant = new Date(minutes * 60_000);
          const wall = wallClockOf(instant, tz);
          const back = localInstant(wall.date, wall.hour, wall.minute, tz);
          expect(wallClockOf(back, tz)).toEqual(wall);
          expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(instant.getTime() - back.getTime()).toBeLessThanOrEqual(3_600_000);
        },
      ),
    );
  });
});

describe('date arithmetic', () => {
  it('adds days across months, leap days and years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-08', 0)).toBe('2026-03-08');
  });

  it('numbers weekdays from Monday = 1', () => {
    expect(isoWeekday('2026-03-02')).toBe(1);
    expect(isoWeekday('2026-03-07')).toBe(6);
    expect(isoWeekday('2026-03-08')).toBe(7);
    expect(isoWeekday('2026-11-01')).toBe(7);
  });

  it('counts days between two dates, signed, ignoring DST', () => {
    expect(daysBetween('2026-03-01', '2026-03-15')).toBe(14);
    expect(daysBetween('2026-03-15', '2026-03-01')).toBe(-14);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(addDays('2026-03-02', daysBetween('2026-03-02', '2026-11-01'))).toBe('2026-11-01');
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-3-1')).toBe(false);
    expect(isIsoDate('2026-03-01T00:00')).toBe(false);
    expect(() => addDays('tomorrow', 1)).toThrow(RangeError);
    expect(() => addDays('2026-03-01', 0.5)).toThrow(RangeError);
  });
});
