import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, wallClockOf } from '../../../src/core/schedule/local-time.ts';
import {
  clampToAllowedTime,
  isQuietHour,
  isSchoolDay,
  nextSchoolDay,
  promptAt,
  promptTimeOn,
  type SchoolCalendar,
  schoolCalendarProblems,
  schoolDaysSince,
} from '../../../src/core/schedule/school-calendar.ts';

const NY = 'America/New_York';
const iso = (d: Date | null) => d?.toISOString() ?? null;

function calendar(overrides: Partial<SchoolCalendar> = {}): SchoolCalendar {
  return {
    timeZone: NY,
    promptHour: 8,
    promptMinute: 0,
    schoolDays: [1, 2, 3, 4, 5],
    breaks: [],
    ...overrides,
  };
}

describe('prompts around daylight saving time in New York', () => {
  const cal = calendar();

  it('stays at 08:00 local through the March change (Sunday 2026-03-08)', () => {
    expect(iso(promptAt('2026-03-05', cal))).toBe('2026-03-05T13:00:00.000Z'); // Thu, EST
    expect(iso(promptAt('2026-03-06', cal))).toBe('2026-03-06T13:00:00.000Z'); // Fri, EST
    expect(iso(promptAt('2026-03-07', cal))).toBe('2026-03-09T12:00:00.000Z'); // Sat -> Mon, EDT
    expect(iso(promptAt('2026-03-08', cal))).toBe('2026-03-09T12:00:00.000Z'); // Sun -> Mon, EDT
    expect(iso(promptAt('2026-03-10', cal))).toBe('2026-03-10T12:00:00.000Z'); // Tue, EDT
  });

  it('stays at 08:00 local through the November change (Sunday 2026-11-01)', () => {
    expect(iso(promptAt('2026-10-30', cal))).toBe('2026-10-30T12:00:00.000Z'); // Fri, EDT
    expect(iso(promptAt('2026-10-31', cal))).toBe('2026-11-02T13:00:00.000Z'); // Sat -> Mon, EST
    expect(iso(promptAt('2026-11-03', cal))).toBe('2026-11-03T13:00:00.000Z'); // Tue, EST
  });

  it('moves a prompt time inside the spring-forward gap to 03:00 local', () => {
    const weekend = calendar({ promptHour: 2, promptMinute: 30, schoolDays: [1, 2, 3, 4, 5, 6, 7] });
    const at = promptAt('2026-03-08', weekend)!;
    expect(iso(at)).toBe('2026-03-08T07:00:00.000Z');
    expect(wallClockOf(at, NY)).toEqual({ date: '2026-03-08', hour: 3, minute: 0 });
    // The day after, 02:30 exists again.
    expect(iso(promptAt('2026-03-09', weekend))).toBe('2026-03-09T06:30:00.000Z');
  });
});

describe('sites on both sides of the date line', () => {
  const guam = calendar({ timeZone: 'Pacific/Guam' }); // UTC+10, no DST
  const pagoPago = calendar({ timeZone: 'Pacific/Pago_Pago' }); // UTC-11, no DST

  it('prompts each at 08:00 local on its own Monday, 21 hours apart', () => {
    const a = promptAt('2026-03-02', guam)!;
    const b = promptAt('2026-03-02', pagoPago)!;
    expect(iso(a)).toBe('2026-03-01T22:00:00.000Z');
    expect(iso(b)).toBe('2026-03-02T19:00:00.000Z');
    expect(b.getTime() - a.getTime()).toBe(21 * 3_600_000);
    expect(wallClockOf(a, 'Pacific/Guam')).toEqual({ date: '2026-03-02', hour: 8, minute: 0 });
    expect(wallClockOf(b, 'Pacific/Pago_Pago')).toEqual({ date: '2026-03-02', hour: 8, minute: 0 });
  });

  it('sees Guam Monday as Pago Pago Sunday, which is not a school day there', () => {
    const guamMonday = promptAt('2026-03-02', guam)!;
    const there = wallClockOf(guamMonday, 'Pacific/Pago_Pago');
    expect(there.date).toBe('2026-03-01');
    expect(isSchoolDay(there.date, pagoPago)).toBe(false);
    expect(iso(clampToAllowedTime(guamMonday, pagoPago))).toBe('2026-03-02T19:00:00.000Z');
  });
});

describe('school days', () => {
  it('skips weekends', () => {
    const cal = calendar();
    expect(isSchoolDay('2026-03-06', cal)).toBe(true);
    expect(isSchoolDay('2026-03-07', cal)).toBe(false);
    expect(nextSchoolDay('2026-03-07', cal, { inclusive: true })).toBe('2026-03-09');
    expect(nextSchoolDay('2026-03-06', cal, { inclusive: true })).toBe('2026-03-06');
    expect(nextSchoolDay('2026-03-06', cal, { inclusive: false })).toBe('2026-03-09');
  });

  it('honours other school weeks', () => {
    // Sunday to Thursday, as in much of the Middle East.
    const cal = calendar({ timeZone: 'Asia/Jerusalem', schoolDays: [7, 1, 2, 3, 4] });
    expect(nextSchoolDay('2026-03-06', cal, { inclusive: true })).toBe('2026-03-08');
  });

  it('skips breaks, including their first and last days', () => {
    const cal = calendar({ breaks: [{ startsOn: '2026-04-06', endsOn: '2026-04-08' }] });
    expect(isSchoolDay('2026-04-03', cal)).toBe(true);
    expect(isSchoolDay('2026-04-06', cal)).toBe(false);
    expect(isSchoolDay('2026-04-08', cal)).toBe(false);
    expect(isSchoolDay('2026-04-09', cal)).toBe(true);
    expect(nextSchoolDay('2026-04-03', cal, { inclusive: false })).toBe('2026-04-09');
  });

  it('runs a break on into a weekend and the next break', () => {
    const cal = calendar({
      breaks: [
        { startsOn: '2026-12-21', endsOn: '2026-12-31' },
        { startsOn: '2027-01-01', endsOn: '2027-01-04' },
      ],
    });
    expect(nextSchoolDay('2026-12-18', cal, { inclusive: false })).toBe('2027-01-05');
  });

  it('prompts a paused member on the first school day after the pause', () => {
    const cal = calendar({ pausedUntil: '2026-03-11' });
    expect(isSchoolDay('2026-03-11', cal)).toBe(false);
    expect(nextSchoolDay('2026-03-09', cal, { inclusive: true })).toBe('2026-03-12');
    expect(iso(promptAt('2026-03-09', cal))).toBe('2026-03-12T12:00:00.000Z');
    // A pause ending on a Friday resumes on Monday.
    expect(nextSchoolDay('2026-03-09', calendar({ pausedUntil: '2026-03-13' }), { inclusive: true })).toBe(
      '2026-03-16',
    );
    // A pause that ended is ignored.
    expect(nextSchoolDay('2026-03-12', cal, { inclusive: true })).toBe('2026-03-12');
  });

  it('looks past a long leave', () => {
    const cal = calendar({ pausedUntil: '2028-06-30' });
    expect(nextSchoolDay('2026-03-02', cal, { inclusive: true })).toBe('2028-07-03');
  });

  it('returns null instead of looping when no day is a school day', () => {
    const allBreak = calendar({ breaks: [{ startsOn: '2000-01-01', endsOn: '2099-12-31' }] });
    expect(nextSchoolDay('2026-03-02', allBreak, { inclusive: true })).toBeNull();
    expect(promptAt('2026-03-02', allBreak)).toBeNull();
    expect(nextSchoolDay('2026-03-02', calendar({ schoolDays: [] }), { inclusive: true })).toBeNull();
    expect(clampToAllowedTime(new Date('2026-03-02T15:00:00Z'), allBreak)).toBeNull();
  });

  it('finds a school day with no school day skipped', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 30 })), {
          maxLength: 5,
        }),
        (start, schoolDays, gaps) => {
          const from = addDays('2020-01-01', start);
          const breaks = gaps.map(([s, len]) => ({
            startsOn: addDays('2020-01-01', s),
            endsOn: addDays('2020-01-01', s + len),
          }));
          const cal = calendar({ schoolDays, breaks });
          const found = nextSchoolDay(from, cal, { inclusive: true });
          expect(found).not.toBeNull();
          expect(isSchoolDay(found!, cal)).toBe(true);
          for (let d = from; d < found!; d = addDays(d, 1)) expect(isSchoolDay(d, cal)).toBe(false);
        },
      ),
    );
  });
});

describe('schoolDaysSince', () => {
  const winter = calendar({ breaks: [{ startsOn: '2026-12-21', endsOn: '2027-01-01' }] });
  it.each([
    ['2026-12-04', '2026-12-04', 0, 'the same day'],
    ['2026-12-04', '2026-12-07', 1, 'Friday to Monday: the weekend does not count'],
    ['2026-12-04', '2026-12-08', 2, 'Friday to Tuesday'],
    ['2026-12-18', '2027-01-05', 2, 'a winter break waited out'],
    ['2026-12-18', '2026-12-30', 0, 'during the break'],
  ])('%s to %s is %i school days (%s)', (from, to, n) => {
    expect(schoolDaysSince(from, to, winter)).toBe(n);
  });

  it('does not count the days of a pause', () => {
    expect(schoolDaysSince('2026-12-04', '2026-12-11', calendar({ pausedUntil: '2026-12-09' }))).toBe(2);
  });
});

describe('quiet hours', () => {
  const cal = calendar({ quietHours: { start: 20, end: 7 } });

  it('spans midnight, start inclusive and end exclusive', () => {
    expect(isQuietHour(19, cal)).toBe(false);
    expect(isQuietHour(20, cal)).toBe(true);
    expect(isQuietHour(0, cal)).toBe(true);
    expect(isQuietHour(6, cal)).toBe(true);
    expect(isQuietHour(7, cal)).toBe(false);
    expect(isQuietHour(13, calendar({ quietHours: { start: 12, end: 14 } }))).toBe(true);
    expect(isQuietHour(3, calendar({ quietHours: { start: 5, end: 5 } }))).toBe(false);
    expect(isQuietHour(3, calendar())).toBe(false);
  });

  it('leaves an allowed instant alone', () => {
    const at = new Date('2026-03-03T19:00:00Z'); // Tue 14:00 EST
    expect(clampToAllowedTime(at, cal)).toEqual(at);
    expect(iso(clampToAllowedTime(new Date('2026-03-04T00:59:00Z'), cal))).toBe('2026-03-04T00:59:00.000Z'); // 19:59
  });

  it('moves an evening instant to the next morning prompt', () => {
    // Tue 22:00 EST -> Wed 08:00 EST.
    expect(iso(clampToAllowedTime(new Date('2026-03-04T03:00:00Z'), cal))).toBe('2026-03-04T13:00:00.000Z');
    // Tue 20:00 exactly is already quiet.
    expect(iso(clampToAllowedTime(new Date('2026-03-04T01:00:00Z'), cal))).toBe('2026-03-04T13:00:00.000Z');
  });

  it('moves an early-morning instant to that morning prompt', () => {
    // Wed 05:00 EST -> Wed 08:00 EST.
    expect(iso(clampToAllowedTime(new Date('2026-03-04T10:00:00Z'), cal))).toBe('2026-03-04T13:00:00.000Z');
  });

  it('moves weekend and Friday-night instants to Monday', () => {
    // Sat 10:00 EST -> Mon 08:00 EDT (across the March change).
    expect(iso(clampToAllowedTime(new Date('2026-03-07T15:00:00Z'), cal))).toBe('2026-03-09T12:00:00.000Z');
    // Fri 21:00 EST -> Mon.
    expect(iso(clampToAllowedTime(new Date('2026-03-07T02:00:00Z'), cal))).toBe('2026-03-09T12:00:00.000Z');
  });

  it('keeps a prompt time set inside quiet hours out of them', () => {
    const early = calendar({ promptHour: 6, promptMinute: 30, quietHours: { start: 21, end: 7 } });
    expect(iso(promptTimeOn('2026-03-03', early))).toBe('2026-03-03T12:00:00.000Z'); // 07:00 EST
    expect(iso(clampToAllowedTime(new Date('2026-03-03T02:00:00Z'), early))).toBe('2026-03-03T12:00:00.000Z');
  });
});

describe('schoolCalendarProblems', () => {
  it('passes a sound calendar', () => {
    expect(schoolCalendarProblems(calendar({ quietHours: { start: 20, end: 7 } }))).toEqual([]);
  });

  it('names each problem', () => {
    const problems = schoolCalendarProblems({
      timeZone: 'Eastern',
      promptHour: 25,
      promptMinute: -1,
      schoolDays: [0],
      breaks: [
        { startsOn: '2026-04-10', endsOn: '2026-04-06' },
        { startsOn: 'Easter', endsOn: '2026-04-06' },
      ],
      pausedUntil: 'June',
      quietHours: { start: 20, end: 24 },
    });
    expect(problems).toHaveLength(8);
  });
});
