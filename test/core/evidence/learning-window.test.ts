import { describe, expect, it } from 'vitest';
import {
  isLearningWeek,
  learningWindow,
  onDemandWindow,
} from '../../../src/core/evidence/learning-window.ts';
import { isoWeekBounds, isoWeekOfDate } from '../../../src/core/schedule/iso-week.ts';
import { addDays } from '../../../src/core/schedule/local-time.ts';

// "What we're learning" rides on the first digest posted in each month
// (posted in week W+1, about week W), and covers every day since the last
// one: each day in exactly one month's section.

describe('the monthly learning section', () => {
  it('is in the digest posted in the first ISO week that starts in a month', () => {
    // Posted Mon 2 Nov 2026 (about W44) and Mon 7 Dec 2026 (about W49); not on the Mondays between.
    expect(['2026-W44', '2026-W45', '2026-W48', '2026-W49'].map(isLearningWeek)).toEqual([
      true,
      false,
      false,
      true,
    ]);
    // Across the new year: posted Mon 4 Jan 2027, about 2026-W53.
    expect(isLearningWeek('2026-W53')).toBe(true);
  });

  it('covers the days from the week after the last section to the end of its own week', () => {
    expect(learningWindow('2026-W49')).toEqual({ from: '2026-11-02', to: '2026-12-06' });
    expect(learningWindow('2026-W53')).toEqual({ from: '2026-12-07', to: '2027-01-03' });
  });

  it('gives every day of two years to exactly one section', () => {
    const covered = new Map<string, number>();
    let week = isoWeekOfDate('2026-01-05');
    const last = '2027-12-27';
    while (isoWeekBounds(week, 'UTC').startsOn <= last) {
      if (isLearningWeek(week)) {
        const w = learningWindow(week);
        for (let d = w.from; d <= w.to; d = addDays(d, 1)) covered.set(d, (covered.get(d) ?? 0) + 1);
      }
      week = isoWeekOfDate(addDays(isoWeekBounds(week, 'UTC').startsOn, 7));
    }
    const days = [...covered.keys()].sort();
    for (let d = days[0]!; d <= days.at(-1)!; d = addDays(d, 1)) expect(covered.get(d), d).toBe(1);
    expect(days.length).toBeGreaterThan(600);
  });

  it('on demand, looks back four weeks from today', () => {
    expect(onDemandWindow('2026-11-30')).toEqual({ from: '2026-11-03', to: '2026-11-30' });
  });
});
