import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planCyclePrompts, reminderTimes } from '../../../src/core/schedule/cycle-schedule.ts';
import { wallClockOf } from '../../../src/core/schedule/local-time.ts';
import { isAllowedTime, type SchoolCalendar } from '../../../src/core/schedule/school-calendar.ts';

const NY = 'America/New_York';

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

const summary = (prompts: ReturnType<typeof planCyclePrompts>) =>
  prompts.map((p) => [p.phase, p.date, p.at.toISOString()]);

describe('planCyclePrompts', () => {
  it('plans a 14-day cycle across the March DST change at 08:00 local', () => {
    // Monday 2026-03-02 to Monday 2026-03-16; the middle is Monday 03-09.
    expect(summary(planCyclePrompts({ startsOn: '2026-03-02', endsOn: '2026-03-16' }, calendar()))).toEqual([
      ['plan', '2026-03-02', '2026-03-02T13:00:00.000Z'],
      ['do', '2026-03-09', '2026-03-09T12:00:00.000Z'],
      ['study', '2026-03-16', '2026-03-16T12:00:00.000Z'],
      ['act', '2026-03-16', '2026-03-16T12:00:00.000Z'],
    ]);
  });

  it('gives a one-day cycle all four prompts that day', () => {
    const prompts = planCyclePrompts({ startsOn: '2026-03-04', endsOn: '2026-03-04' }, calendar());
    expect(prompts.map((p) => p.phase)).toEqual(['plan', 'do', 'study', 'act']);
    for (const p of prompts) {
      expect(p.date).toBe('2026-03-04');
      expect(p.at.toISOString()).toBe('2026-03-04T13:00:00.000Z');
    }
  });

  it('moves a one-day cycle on a Saturday to Monday', () => {
    const prompts = planCyclePrompts({ startsOn: '2026-03-07', endsOn: '2026-03-07' }, calendar());
    expect(new Set(prompts.map((p) => p.date))).toEqual(new Set(['2026-03-09']));
  });

  it('moves a midpoint on a weekend to the Monday', () => {
    // Wednesday to Tuesday: the middle date, 03-07, is a Saturday.
    expect(summary(planCyclePrompts({ startsOn: '2026-03-04', endsOn: '2026-03-10' }, calendar()))).toEqual([
      ['plan', '2026-03-04', '2026-03-04T13:00:00.000Z'],
      ['do', '2026-03-09', '2026-03-09T12:00:00.000Z'],
      ['study', '2026-03-10', '2026-03-10T12:00:00.000Z'],
      ['act', '2026-03-10', '2026-03-10T12:00:00.000Z'],
    ]);
  });

  it('rounds the midpoint down and moves a Sunday end to Monday', () => {
    // 13 days: the middle is start + 6 = Sunday 03-08, the end is Sunday 03-15.
    const prompts = planCyclePrompts({ startsOn: '2026-03-02', endsOn: '2026-03-15' }, calendar());
    expect(prompts.map((p) => p.date)).toEqual(['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-16']);
  });

  it('starts a cycle that begins on a Saturday on Monday', () => {
    const prompts = planCyclePrompts({ startsOn: '2026-03-07', endsOn: '2026-03-20' }, calendar());
    expect(prompts[0]).toEqual({ phase: 'plan', date: '2026-03-09', at: new Date('2026-03-09T12:00:00Z') });
  });

  it('keeps Do on or before Study when a break swallows the middle', () => {
    const cal = calendar({ breaks: [{ startsOn: '2026-03-05', endsOn: '2026-03-12' }] });
    const prompts = planCyclePrompts({ startsOn: '2026-03-02', endsOn: '2026-03-13' }, cal);
    expect(prompts.map((p) => p.date)).toEqual(['2026-03-02', '2026-03-13', '2026-03-13', '2026-03-13']);
  });

  it('starts a paused member after the pause', () => {
    const cal = calendar({ pausedUntil: '2026-03-04' });
    const prompts = planCyclePrompts({ startsOn: '2026-03-02', endsOn: '2026-03-13' }, cal);
    expect(prompts.map((p) => p.date)).toEqual(['2026-03-05', '2026-03-09', '2026-03-13', '2026-03-13']);
  });

  it('plans the same Monday cycle at 08:00 local in Guam and in Pago Pago', () => {
    const cycle = { startsOn: '2026-03-02', endsOn: '2026-03-13' };
    const guam = planCyclePrompts(cycle, calendar({ timeZone: 'Pacific/Guam' }));
    const pago = planCyclePrompts(cycle, calendar({ timeZone: 'Pacific/Pago_Pago' }));
    expect(guam[0]?.at.toISOString()).toBe('2026-03-01T22:00:00.000Z');
    expect(pago[0]?.at.toISOString()).toBe('2026-03-02T19:00:00.000Z');
    guam.forEach((g, i) => {
      expect(pago[i]!.at.getTime() - g.at.getTime()).toBe(21 * 3_600_000);
    });
  });

  it('returns nothing when the calendar has no school day', () => {
    const cal = calendar({ breaks: [{ startsOn: '2026-01-01', endsOn: '2030-12-31' }] });
    expect(planCyclePrompts({ startsOn: '2026-03-02', endsOn: '2026-03-13' }, cal)).toEqual([]);
  });

  it('rejects a cycle that ends before it starts', () => {
    expect(() => planCyclePrompts({ startsOn: '2026-03-13', endsOn: '2026-03-02' }, calendar())).toThrow(
      RangeError,
    );
  });

  it('always yields ordered prompts on school days within reach of the cycle', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 60 }), (offset, length) => {
        const start = new Date(Date.UTC(2024, 0, 1 + offset)).toISOString().slice(0, 10);
        const end = new Date(Date.UTC(2024, 0, 1 + offset + length)).toISOString().slice(0, 10);
        const prompts = planCyclePrompts({ startsOn: start, endsOn: end }, calendar());
        expect(prompts).toHaveLength(4);
        const dates = prompts.map((p) => p.date);
        expect([...dates].sort()).toEqual(dates);
        expect(dates[0]! >= start).toBe(true);
        for (const p of prompts) expect(wallClockOf(p.at, NY)).toEqual({ date: p.date, hour: 8, minute: 0 });
      }),
    );
  });
});

describe('reminderTimes', () => {
  const cal = calendar({ quietHours: { start: 20, end: 7 } });
  const tuesday8am = new Date('2026-03-03T13:00:00Z');

  it('spaces reminders by the delay and holds one back out of quiet hours', () => {
    const times = reminderTimes(tuesday8am, cal, { delayHours: 4, maxCount: 3 });
    expect(times.map((t) => t.toISOString())).toEqual([
      '2026-03-03T17:00:00.000Z', // 12:00
      '2026-03-03T21:00:00.000Z', // 16:00
      '2026-03-04T13:00:00.000Z', // 20:00 is quiet: Wednesday 08:00
    ]);
  });

  it('stops at maxCount', () => {
    expect(reminderTimes(tuesday8am, cal, { delayHours: 24, maxCount: 2 })).toHaveLength(2);
    expect(reminderTimes(tuesday8am, cal, { delayHours: 24, maxCount: 0 })).toEqual([]);
  });

  it('moves a reminder due on Saturday to Monday, then counts from Monday', () => {
    const friday8am = new Date('2026-03-06T13:00:00Z');
    const times = reminderTimes(friday8am, cal, { delayHours: 24, maxCount: 2 });
    expect(times.map((t) => t.toISOString())).toEqual([
      '2026-03-09T12:00:00.000Z', // Monday 08:00 EDT
      '2026-03-10T12:00:00.000Z', // Tuesday 08:00 EDT
    ]);
  });

  it('moves a reminder due in Friday night quiet hours past the weekend', () => {
    const friday2pm = new Date('2026-03-06T19:00:00Z');
    const times = reminderTimes(friday2pm, cal, { delayHours: 8, maxCount: 1 });
    expect(times.map((t) => t.toISOString())).toEqual(['2026-03-09T12:00:00.000Z']);
  });

  it('gives fewer reminders when the school year runs out', () => {
    const lastDay = calendar({
      quietHours: { start: 20, end: 7 },
      breaks: [{ startsOn: '2026-03-04', endsOn: '2030-12-31' }],
    });
    expect(reminderTimes(tuesday8am, lastDay, { delayHours: 4, maxCount: 5 })).toHaveLength(2);
  });

  it('rejects a delay that is not positive', () => {
    expect(() => reminderTimes(tuesday8am, cal, { delayHours: 0, maxCount: 2 })).toThrow(RangeError);
    expect(() => reminderTimes(tuesday8am, cal, { delayHours: Number.NaN, maxCount: 2 })).toThrow(RangeError);
    expect(() => reminderTimes(tuesday8am, cal, { delayHours: 4, maxCount: -1 })).toThrow(RangeError);
  });

  it('keeps every reminder allowed and at least the delay after the one before', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1) / 3_600_000, max: Date.UTC(2027, 0, 1) / 3_600_000 }),
        fc.integer({ min: 1, max: 72 }),
        fc.integer({ min: 0, max: 6 }),
        (hours, delayHours, maxCount) => {
          const first = new Date(hours * 3_600_000);
          const times = reminderTimes(first, cal, { delayHours, maxCount });
          expect(times).toHaveLength(maxCount);
          let previous = first;
          for (const t of times) {
            expect(t.getTime() - previous.getTime()).toBeGreaterThanOrEqual(delayHours * 3_600_000);
            expect(isAllowedTime(t, cal)).toBe(true);
            previous = t;
          }
        },
      ),
    );
  });
});
