import { describe, expect, it } from 'vitest';
import { iChart } from '../../../src/core/variation/index.ts';
import { allFinite } from './all-finite.ts';

describe('iChart', () => {
  // Nine moving ranges of 2, then |16 − 22| = 6 and one huge jump |70 − 16| = 54.
  const series = [20, 22, 20, 22, 20, 22, 20, 22, 20, 22, 16, 70];

  it('screens out a moving range of at least 3.267 × AMR before setting the limits', () => {
    const result = iChart(series);
    expect(result.centre).toBeCloseTo(296 / 12, 12);
    expect(result.amr).toBeCloseTo(78 / 11, 12); // 7.090909; screen at 23.1665
    expect(result.screenedOut).toBe(1);
    expect(result.amrScreened).toBeCloseTo(24 / 10, 12);
    expect(result.sigma).toBeCloseTo(2.4 / 1.128, 12);
    expect(result.upper).toBeCloseTo(31.049645, 6);
    expect(result.lower).toBeCloseTo(18.283688, 6);
  });

  it('flags the points beyond the screened limits, including one the jump would have hidden', () => {
    expect(iChart(series).outside).toEqual([10, 11]);
  });

  it('uses the raw AMR when screening is switched off', () => {
    const result = iChart(series, { screen: false });
    expect(result.amrScreened).toBeUndefined();
    expect(result.sigma).toBeCloseTo(78 / 11 / 1.128, 12);
    expect(result.upper).toBeCloseTo(43.525467, 6);
    expect(result.lower).toBeCloseTo(5.807866, 6);
    expect(result.outside).toEqual([11]);
  });

  it('steps over missing weeks and reports original indices', () => {
    // Observed 10 14 10 30: moving ranges 4 4 20, AMR 28/3, screen at 30.49 keeps all.
    const result = iChart([10, null, 14, 10, null, 30]);
    expect(result.n).toBe(4);
    expect(result.centre).toBe(16);
    expect(result.amr).toBeCloseTo(28 / 3, 12);
    expect(result.screenedOut).toBe(0);
    expect(result.outside).toEqual([]);
  });

  it('puts both limits on the centre for a constant series and flags nothing', () => {
    const result = iChart(Array.from({ length: 10 }, () => 0.1));
    expect(result.centre).toBe(0.1);
    expect(result.amr).toBe(0);
    expect(result.sigma).toBe(0);
    expect(result.upper).toBe(0.1);
    expect(result.lower).toBe(0.1);
    expect(result.outside).toEqual([]);
  });

  it('sets no limits without at least two points, and never returns NaN', () => {
    const empty = iChart([]);
    expect(empty).toMatchObject({ n: 0, centre: null, amr: null, sigma: null, upper: null, lower: null });
    const single = iChart([null, 7, null]);
    expect(single).toMatchObject({ n: 1, centre: 7, amr: null, upper: null, lower: null, outside: [] });
    for (const result of [empty, single, iChart([Number.NaN, 3])]) expect(allFinite(result)).toBe(true);
  });
});
