import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHour, parseWeekday } from '../../../src/core/parsing/durations.ts';

describe('parseHour', () => {
  it.each([
    ['8', 8, 0],
    ['08', 8, 0],
    ['0', 0, 0],
    ['20', 20, 0],
    ['8am', 8, 0],
    ['8 am', 8, 0],
    ['8AM', 8, 0],
    ['8 a.m.', 8, 0],
    ['8a', 8, 0],
    ['08:30', 8, 30],
    ['8:30', 8, 30],
    ['8.30', 8, 30],
    ['8:30am', 8, 30],
    ['3pm', 15, 0],
    ['3 PM', 15, 0],
    ['3:45 p.m.', 15, 45],
    ['15:00', 15, 0],
    ['23:59', 23, 59],
    ['00:00', 0, 0],
    ['12am', 0, 0],
    ['12:30am', 0, 30],
    ['12pm', 12, 0],
    ['12:30 pm', 12, 30],
    ['1500', 15, 0],
    ['0830', 8, 30],
    ['830', 8, 30],
    ['8h', 8, 0],
    ['8h30', 8, 30],
    ['noon', 12, 0],
    ['midnight', 0, 0],
    ['at 7', 7, 0],
    ['7 o’clock', 7, 0],
    ["7 o'clock", 7, 0],
    ['  8am. ', 8, 0],
  ])('reads %j as %i:%i', (text, hour, minute) => {
    expect(parseHour(text)).toEqual({ ok: true, hour, minute });
  });

  it.each([
    ['13pm', /with am or pm the hour goes from 1 to 12.*8am, 3pm, 08:30 or 15:00/],
    ['0am', /from 1 to 12/],
    ['24:00', /hours go from 0 to 23/],
    ['25', /hours go from 0 to 23/],
    ['8:60', /minutes go from 00 to 59/],
    ['2400', /hours go from 0 to 23/],
    ['8:5', /two digits for the minutes/],
    ['eight', /couldn't read "eight" as a time of day\. Try 8am, 3pm, 08:30 or 15:00/],
    ['8:30:00', /couldn't read/],
    ['morning', /couldn't read/],
    ['-1', /couldn't read/],
    ['', /Please type a time of day/],
  ])('refuses %j and says what to type', (text, message) => {
    const result = parseHour(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('never throws, and any time it reads is on the clock', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^\d{1,4}(?:[:.h]\d{0,2})? ?(?:[ap]\.?m?\.?)?$/)),
        (text) => {
          const result = parseHour(text);
          if (!result.ok) return;
          expect(Number.isInteger(result.hour) && result.hour >= 0 && result.hour <= 23).toBe(true);
          expect(Number.isInteger(result.minute) && result.minute >= 0 && result.minute <= 59).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads every HH:MM of the day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (hour, minute) => {
        const text = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
        expect(parseHour(text)).toEqual({ ok: true, hour, minute });
      }),
    );
  });
});

describe('parseWeekday', () => {
  it.each([
    ['monday', 1],
    ['Monday', 1],
    ['mon', 1],
    ['Mondays', 1],
    ['1', 1],
    ['tue', 2],
    ['tues', 2],
    ['wed', 3],
    ['weds', 3],
    ['wednesday', 3],
    ['thu', 4],
    ['thur', 4],
    ['thurs', 4],
    ['fri', 5],
    ['saturday', 6],
    ['sun', 7],
    ['7', 7],
    [' Friday. ', 5],
  ])('reads %j as %i', (text, weekday) => {
    expect(parseWeekday(text)).toEqual({ ok: true, weekday });
  });

  it.each([
    ['0', /1 \(Monday\) to 7 \(Sunday\).*monday or mon/],
    ['8', /1 \(Monday\) to 7 \(Sunday\)/],
    ['mo', /couldn't read "mo" as a day of the week/],
    ['mondy', /couldn't read/],
    ['weekday', /couldn't read/],
    ['', /Please type a day of the week/],
  ])('refuses %j and says what to type', (text, message) => {
    const result = parseWeekday(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseWeekday(text);
        if (result.ok) expect(result.weekday >= 1 && result.weekday <= 7).toBe(true);
      }),
    );
  });
});
