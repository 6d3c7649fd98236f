import { describe, expect, it } from 'vitest';
import { runChart } from '../../../src/core/variation/index.ts';
import { allFinite } from './all-finite.ts';
import { MONTGOMERY_SUBGROUPS } from './montgomery.ts';

describe('runChart: Anhøj rules', () => {
  it('finds no runs signal in Montgomery Table 7.4 around p̄ (25 useful, run 5 of 8, crossings 10 of 8)', () => {
    const proportions = MONTGOMERY_SUBGROUPS.map((s) => s.numerator / s.denominator);
    const result = runChart(proportions, { centre: 234 / 2450 });
    expect(result).toMatchObject({
      centreFrom: 'given',
      n: 25,
      longestRun: 5,
      longestRunLimit: 8,
      crossings: 10,
      crossingsMin: 8,
      longRunSignal: false,
      fewCrossingsSignal: false,
      runsSignal: false,
      tooShort: false,
    });
  });

  it('skips points on the median: they neither break nor extend a run', () => {
    // Sorted 0 1 2 2 2 3 5: median 2. Useful: 1 below, 3 above, 5 above, 0 below.
    const result = runChart([1, 3, 2, 5, 2, 0, 2]);
    expect(result.centre).toBe(2);
    expect(result.observations).toBe(7);
    expect(result.n).toBe(4);
    expect(result.longestRun).toBe(2);
    expect(result.crossings).toBe(2);
    expect(result.tooShort).toBe(true);
  });

  it('ignores missing weeks without breaking a run', () => {
    const result = runChart([1, null, 1, 9, null, 9, 5]);
    // Median of 1 1 9 9 5 is 5; sides - - + + (the 5 is on the line).
    expect(result.centre).toBe(5);
    expect(result.observations).toBe(5);
    expect(result.n).toBe(4);
    expect(result.longestRun).toBe(2);
    expect(result.crossings).toBe(1);
  });

  it('signals an unusually long run: 9 on one side among 12 useful points (limit 7)', () => {
    const result = runChart([-1, 1, -1, 1, 2, 2, 2, 2, 2, 2, 2, 2], { centre: 0 });
    expect(result.n).toBe(12);
    expect(result.longestRun).toBe(9);
    expect(result.longestRunLimit).toBe(7);
    expect(result.crossings).toBe(3);
    expect(result.crossingsMin).toBe(3);
    expect(result.longRunSignal).toBe(true);
    expect(result.fewCrossingsSignal).toBe(false);
    expect(result.runsSignal).toBe(true);
  });

  it('signals unusually few crossings: 1 crossing among 10 useful points (minimum 2)', () => {
    const result = runChart([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(result.centre).toBe(5.5);
    expect(result.longestRun).toBe(5);
    expect(result.longestRunLimit).toBe(6);
    expect(result.crossings).toBe(1);
    expect(result.crossingsMin).toBe(2);
    expect(result.fewCrossingsSignal).toBe(true);
    expect(result.longRunSignal).toBe(false);
    expect(result.runsSignal).toBe(true);
    expect(result.tooShort).toBe(false);
  });

  it('freezes the centre at the baseline median and still tests every point', () => {
    const result = runChart([1, 2, 3, 4, 5, 10, 10, 10, 10, 10, 10], { baseline: 5 });
    expect(result.centreFrom).toBe('baseline');
    expect(result.centre).toBe(3);
    expect(result.n).toBe(10);
    expect(result.longestRun).toBe(8);
    expect(result.runsSignal).toBe(true);
    expect(result.shifts).toEqual([{ start: 3, end: 10, side: 'above', length: 8 }]);
  });

  it('counts the baseline in positions, missing weeks included', () => {
    const result = runChart([null, 1, 3, 7, 9], { baseline: 2 });
    expect(result.centre).toBe(1);
    expect(result.centreFrom).toBe('baseline');
  });

  it('falls back to the whole series when the baseline holds no observation', () => {
    const result = runChart([null, null, 3, 7, 9], { baseline: 2 });
    expect(result.centre).toBe(7);
    expect(result.centreFrom).toBe('series');
  });

  it('gives no signal and no NaN for an empty, all-missing or flat series', () => {
    for (const values of [[], [null, null], [4, 4, 4]]) {
      const result = runChart(values);
      expect(result.n).toBe(0);
      expect(result.runsSignal).toBe(false);
      expect(result.tooShort).toBe(true);
      expect(result.shifts).toEqual([]);
      expect(result.trends).toEqual([]);
      expect(allFinite(result)).toBe(true);
    }
    expect(runChart([]).centre).toBeNull();
    expect(runChart([4, 4, 4]).centre).toBe(4);
  });

  it('treats a non-finite value as a missing week', () => {
    const result = runChart([1, Number.NaN, 3, Number.POSITIVE_INFINITY, 5]);
    expect(result.observations).toBe(3);
    expect(result.centre).toBe(3);
  });
});

describe('runChart: IHI shift', () => {
  // Sorted: 1 1 2 2 3 4 5 5 6 6 7 8 8 9 9, median 5 (indices 4 and 7 sit on it).
  const series = [2, 8, 1, 9, 5, 6, 7, 5, 8, 6, 9, 3, 4, 1, 2];

  it('finds six points above the median, stepping over the points on it', () => {
    const result = runChart(series);
    expect(result.centre).toBe(5);
    expect(result.shifts).toEqual([{ start: 3, end: 10, side: 'above', length: 6 }]);
  });

  it('leaves the headline to Anhøj: the shift is detail, 13 useful points give no runs signal', () => {
    const result = runChart(series);
    expect(result.n).toBe(13);
    expect(result.longestRun).toBe(6);
    expect(result.longestRunLimit).toBe(7);
    expect(result.crossings).toBe(4);
    expect(result.crossingsMin).toBe(3);
    expect(result.runsSignal).toBe(false);
  });

  it('does not call five points on one side a shift', () => {
    expect(runChart([1, 9, 9, 9, 9, 9, 1, 1, 1, 1, 1], { centre: 5 }).shifts).toEqual([]);
  });

  it('reports indices of the original array across missing weeks', () => {
    const result = runChart([9, null, 9, 9, null, 9, 9, 9, 1], { centre: 5 });
    expect(result.shifts).toEqual([{ start: 0, end: 7, side: 'above', length: 6 }]);
  });

  it('finds a shift below the median', () => {
    const result = runChart([5, 1, 1, 1, 1, 1, 1, 5], { centre: 3 });
    expect(result.shifts).toEqual([{ start: 1, end: 6, side: 'below', length: 6 }]);
  });
});

describe('runChart: IHI trend', () => {
  it('counts a repeated value once: it neither adds to nor breaks a trend of 5', () => {
    // Plateaus 10 | 4 | 5 5 | 6 | 7 | 8 | 3: 4 5 6 7 8 rise through five points.
    const result = runChart([10, 4, 5, 5, 6, 7, 8, 3]);
    expect(result.trends).toEqual([{ start: 1, end: 6, direction: 'up', length: 5 }]);
  });

  it('does not let a repeated value make up the fifth point', () => {
    expect(runChart([4, 5, 5, 6, 7]).trends).toEqual([]);
  });

  it('starts a trend at the last of equal opening values and ends it at the first of equal closing ones', () => {
    const result = runChart([3, 3, 4, 5, 6, 7, 7]);
    expect(result.trends).toEqual([{ start: 1, end: 5, direction: 'up', length: 5 }]);
  });

  it('finds a falling trend across missing weeks, and a turning point can end one trend and start another', () => {
    const result = runChart([9, 8, null, 7, 6, 5, 6, 7, 8, 9]);
    expect(result.trends).toEqual([
      { start: 0, end: 5, direction: 'down', length: 5 },
      { start: 5, end: 9, direction: 'up', length: 5 },
    ]);
  });

  it('does not call four rising points a trend', () => {
    expect(runChart([1, 2, 3, 4, 1]).trends).toEqual([]);
  });
});
