import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  digestAt,
  isoWeekBounds,
  isoWeekOf,
  isoWeekOfDate,
  parseIsoWeek,
  previousIsoWeek,
} from '../../../src/core/schedule/iso-week.ts';
import { addDays } from '../../../src/core/schedule/local-time.ts';

const NY = 'America/New_York';
const iso = (d: Date) => d.toISOString();

describe('isoWeekOf', () => {
  it('puts 2026-12-28..2027-01-03 in 2026-W53 and starts 2027-W01 on 2027-01-04', () => {
    // 2026 starts on a Thursday, so it has 53 ISO weeks.
    for (const day of ['2026-12-28', '2026-12-31', '2027-01-01', '2027-01-03']) {
      expect(isoWeekOf(new Date(`${day}T12:00:00Z`), 'UTC')).toBe('2026-W53');
    }
    expect(isoWeekOf(new Date('2027-01-04T12:00:00Z'), 'UTC')).toBe('2027-W01');
  });

  it('handles other year ends', () => {
    expect(isoWeekOfDate('2024-12-30')).toBe('2025-W01'); // a Monday in December, week 1 of next year
    expect(isoWeekOfDate('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOfDate('2025-12-28')).toBe('2025-W52');
    expect(isoWeekOfDate('2025-12-29')).toBe('2026-W01');
    expect(isoWeekOfDate('2026-11-23')).toBe('2026-W48');
  });

  it('agrees with luxon on every day of a decade', () => {
    for (let day = '2020-01-01'; day < '2030-01-01'; day = addDays(day, 1)) {
      const dt = DateTime.fromISO(day, { zone: 'utc' });
      expect(isoWeekOfDate(day)).toBe(`${dt.weekYear}-W${String(dt.weekNumber).padStart(2, '0')}`);
    }
  });

  it('reads the week in the given zone', () => {
    // Sunday 2027-01-03 20:00Z is already Monday 06:00 in Guam.
    const now = new Date('2027-01-03T20:00:00Z');
    expect(isoWeekOf(now, 'Pacific/Guam')).toBe('2027-W01');
    expect(isoWeekOf(now, NY)).toBe('2026-W53');
    // Monday 2027-01-04 05:00Z is still Sunday 18:00 in Pago Pago.
    expect(isoWeekOf(new Date('2027-01-04T05:00:00Z'), 'Pacific/Pago_Pago')).toBe('2026-W53');
  });
});

describe('parseIsoWeek', () => {
  it('accepts a week and gives its canonical form', () => {
    expect(parseIsoWeek('2026-W47')).toEqual({ ok: true, week: '2026-W47', weekYear: 2026, weekNumber: 47 });
    expect(parseIsoWeek(' 2026w47 ')).toEqual({ ok: true, week: '2026-W47', weekYear: 2026, weekNumber: 47 });
    expect(parseIsoWeek('2026-W53').ok).toBe(true);
  });

  it('explains what is wrong', () => {
    const noW53 = parseIsoWeek('2027-W53');
    expect(noW53).toEqual({ ok: false, error: '2027 has weeks W01 to W52, not W53' });
    expect(parseIsoWeek('2026-W00').ok).toBe(false);
    expect(parseIsoWeek('2026-W54').ok).toBe(false);
    for (const text of ['next week', '2026-47', '2026-W4', '26-W47', '']) {
      const parsed = parseIsoWeek(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain('2026-W47');
    }
  });
});

describe('isoWeekBounds', () => {
  it('spans Monday to Sunday in a zone far ahead of UTC', () => {
    expect(isoWeekBounds('2026-W53', 'Pacific/Guam')).toEqual({
      startsOn: '2026-12-28',
      endsOn: '2027-01-03',
      start: new Date('2026-12-27T14:00:00Z'),
      end: new Date('2027-01-03T14:00:00Z'),
    });
  });

  it('spans Monday to Sunday in a zone far behind UTC', () => {
    expect(isoWeekBounds('2027-W01', 'Pacific/Pago_Pago')).toEqual({
      startsOn: '2027-01-04',
      endsOn: '2027-01-10',
      start: new Date('2027-01-04T11:00:00Z'),
      end: new Date('2027-01-11T11:00:00Z'),
    });
  });

  it('is an hour short in the week the clocks spring forward', () => {
    const week = isoWeekBounds('2026-W10', NY); // Mon 03-02 .. Sun 03-08
    expect(week.startsOn).toBe('2026-03-02');
    expect(week.endsOn).toBe('2026-03-08');
    expect(iso(week.start)).toBe('2026-03-02T05:00:00.000Z');
    expect(iso(week.end)).toBe('2026-03-09T04:00:00.000Z');
    expect(week.end.getTime() - week.start.getTime()).toBe(167 * 3_600_000);
  });

  it('chains: each week ends where the next starts', () => {
    let week = '2027-W02';
    for (let i = 0; i < 60; i++) {
      const previous = previousIsoWeek(week);
      expect(isoWeekBounds(previous, NY).end).toEqual(isoWeekBounds(week, NY).start);
      week = previous;
    }
  });

  it('rejects a bad week or zone', () => {
    expect(() => isoWeekBounds('2027-W53', NY)).toThrow(RangeError);
    expect(() => isoWeekBounds('2026-W10', 'Nowhere/Land')).toThrow(RangeError);
  });
});

describe('previousIsoWeek', () => {
  it('steps back across year ends', () => {
    expect(previousIsoWeek('2026-W10')).toBe('2026-W09');
    expect(previousIsoWeek('2027-W01')).toBe('2026-W53');
    expect(previousIsoWeek('2026-W01')).toBe('2025-W52');
  });
});

describe('digestAt', () => {
  it('posts at the same local hour either side of the March change in New York', () => {
    expect(iso(digestAt('2026-W10', 1, 9, NY))).toBe('2026-03-02T14:00:00.000Z'); // Mon 09:00 EST
    expect(iso(digestAt('2026-W10', 5, 9, NY))).toBe('2026-03-06T14:00:00.000Z'); // Fri 09:00 EST
    expect(iso(digestAt('2026-W10', 7, 9, NY))).toBe('2026-03-08T13:00:00.000Z'); // Sun 09:00 EDT
    expect(iso(digestAt('2026-W11', 1, 9, NY))).toBe('2026-03-09T13:00:00.000Z'); // Mon 09:00 EDT
  });

  it('moves a digest hour in the gap to 03:00 and takes the first of a repeated hour', () => {
    expect(iso(digestAt('2026-W10', 7, 2, NY))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(digestAt('2026-W44', 7, 1, NY))).toBe('2026-11-01T05:00:00.000Z'); // 01:00 EDT
    expect(iso(digestAt('2026-W45', 1, 9, NY))).toBe('2026-11-02T14:00:00.000Z'); // 09:00 EST
  });

  it('follows the European change, on a different Sunday', () => {
    expect(iso(digestAt('2026-W13', 5, 16, 'Europe/London'))).toBe('2026-03-27T16:00:00.000Z'); // GMT
    expect(iso(digestAt('2026-W14', 5, 16, 'Europe/London'))).toBe('2026-04-03T15:00:00.000Z'); // BST
  });

  it('rejects a weekday outside 1..7', () => {
    expect(() => digestAt('2026-W10', 0, 9, NY)).toThrow(RangeError);
    expect(() => digestAt('2026-W10', 8, 9, NY)).toThrow(RangeError);
  });
});
