import { binomialQuantile } from './binomial.ts';
import { findShifts, findTrends, type IndexedValue, type Shift, type Trend } from './ihi-rules.ts';
import { median } from './summary-statistics.ts';

/**
 * Run chart analysis as qicharts2's `runs.analysis` (Anhøj & Olesen 2014;
 * Anhøj 2015), plus the IHI shift and trend rules as supporting detail.
 */

/** Below this many useful points the numbers are reported but not judged. */
export const MIN_USEFUL_POINTS = 10;

export interface RunChartOptions {
  /**
   * Freeze the centre line at the median of the first `baseline` positions of
   * the series (missing weeks count as positions, as qicharts2's `freeze`).
   * The tests still run over every point.
   */
  baseline?: number;
  /** A centre line set by the caller (for example p̄ of a P chart); wins over `baseline`. */
  centre?: number;
}

export interface RunChartResult {
  /** Null only when the series has no observed value at all. */
  centre: number | null;
  /** Where the centre came from: the whole series' median, the frozen baseline's, or the caller. */
  centreFrom: 'series' | 'baseline' | 'given';
  /** Observed (non-missing) points, including those on the centre line. */
  observations: number;
  /** Useful observations: observed and not exactly on the centre line. */
  n: number;
  longestRun: number;
  /** round(log2(n) + 3); 0 when n = 0. */
  longestRunLimit: number;
  crossings: number;
  /** qbinom(0.05, n − 1, 0.5); 0 when n = 0. */
  crossingsMin: number;
  longRunSignal: boolean;
  fewCrossingsSignal: boolean;
  /** Anhøj's headline: an unusually long run or unusually few crossings. */
  runsSignal: boolean;
  /** n < 10: too short to judge, whatever the signals say. */
  tooShort: boolean;
  shifts: Shift[];
  trends: Trend[];
}

export function longestRunLimit(useful: number): number {
  return useful > 0 ? Math.round(Math.log2(useful) + 3) : 0;
}

export function crossingsMinimum(useful: number): number {
  return useful > 0 ? binomialQuantile(0.05, useful - 1, 0.5) : 0;
}

function observedPoints(values: readonly (number | null)[]): IndexedValue[] {
  const observed: IndexedValue[] = [];
  values.forEach((value, index) => {
    // A non-finite value carries no information: treat it as a missing week.
    if (value !== null && Number.isFinite(value)) observed.push({ index, value });
  });
  return observed;
}

function chooseCentre(
  observed: readonly IndexedValue[],
  options: RunChartOptions,
): { centre: number | null; centreFrom: RunChartResult['centreFrom'] } {
  if (options.centre !== undefined) {
    if (!Number.isFinite(options.centre)) {
      throw new RangeError(`runChart: centre must be a finite number, got ${options.centre}`);
    }
    return { centre: options.centre, centreFrom: 'given' };
  }
  if (options.baseline !== undefined && options.baseline > 0) {
    const frozen = observed.filter((point) => point.index < options.baseline!).map((point) => point.value);
    const centre = median(frozen);
    // A baseline with no observations cannot anchor anything; use the whole series.
    if (centre !== null) return { centre, centreFrom: 'baseline' };
  }
  return { centre: median(observed.map((point) => point.value)), centreFrom: 'series' };
}

export function runChart(values: readonly (number | null)[], options: RunChartOptions = {}): RunChartResult {
  const observed = observedPoints(values);
  const { centre, centreFrom } = chooseCentre(observed, options);
  const sides =
    centre === null
      ? []
      : observed.map((point) => Math.sign(point.value - centre)).filter((side) => side !== 0);

  const n = sides.length;
  let runs = 0;
  let longestRun = 0;
  let currentRun = 0;
  sides.forEach((side, i) => {
    if (i > 0 && side === sides[i - 1]) currentRun++;
    else {
      runs++;
      currentRun = 1;
    }
    longestRun = Math.max(longestRun, currentRun);
  });

  const crossings = Math.max(runs - 1, 0);
  const limit = longestRunLimit(n);
  const minimum = crossingsMinimum(n);
  const longRunSignal = n > 0 && longestRun > limit;
  const fewCrossingsSignal = n > 0 && crossings < minimum;

  return {
    centre,
    centreFrom,
    observations: observed.length,
    n,
    longestRun,
    longestRunLimit: limit,
    crossings,
    crossingsMin: minimum,
    longRunSignal,
    fewCrossingsSignal,
    runsSignal: longRunSignal || fewCrossingsSignal,
    tooShort: n < MIN_USEFUL_POINTS,
    shifts: centre === null ? [] : findShifts(observed, centre),
    trends: findTrends(observed),
  };
}
