import { binomialCdf } from './binomial.ts';
import { median } from './summary-statistics.ts';

/**
 * Whether a network's predictions lean to one side of its results, by a sign
 * test across sites (Conover, Practical Nonparametric Statistics, 3rd ed.,
 * 1999, §3.4). Each site counts once, by the sign of its mean result −
 * prediction: one site's cycles share a predictor, a school and its weeks,
 * so they are not independent of each other, while sites are (near enough).
 * With no lean, a site is as likely to come in above its predictions as
 * below, so the number above is Binomial(n, ½) whatever the sizes of the
 * gaps; sites with no lean at all (a mean of exactly 0) are left out, as the
 * sign test does with ties.
 *
 * The lean is called consistent when the exact two-sided p-value is at most
 * `alpha` (5%). That needs at least 6 sites: 5 of 5 on one side has p =
 * 0.0625, which a network of 5 can get by chance one time in 16.
 */

export const PREDICTION_LEAN_ALPHA = 0.05;

/** The fewest sites with a lean for which a unanimous lean reaches p ≤ 0.05. */
export const PREDICTION_LEAN_MIN_SITES = 6;

export interface PredictionLean {
  /** Sites whose results came in above (`higher`) or below (`lower`) their predictions on average. */
  higher: number;
  lower: number;
  /** Sites whose results matched their predictions on average: left out of the test. */
  even: number;
  /** Exact two-sided p-value of the sign test; 1 with no site leaning. */
  pValue: number;
  /** The side most sites are on when the lean is consistent, else null. */
  side: 'higher' | 'lower' | null;
  /** Median over the sites of their mean result − prediction: how far, typically. Null without sites. */
  typicalDifference: number | null;
}

const EVEN = 1e-9;

/** Exact two-sided sign test: the chance of a split at least as uneven as `k` of `n`, with p = ½. */
export function signTestPValue(k: number, n: number): number {
  if (n === 0) return 1;
  const fewer = Math.min(k, n - k);
  return Math.min(1, 2 * binomialCdf(fewer, n, 0.5));
}

/** `siteDifferences`: each site's mean of result − prediction. */
export function predictionLean(
  siteDifferences: readonly number[],
  alpha = PREDICTION_LEAN_ALPHA,
): PredictionLean {
  const finite = siteDifferences.filter(Number.isFinite);
  // Sums of proportions land a hair off zero: 0.7 − 0.6 − 0.1 is not 0.
  const higher = finite.filter((d) => d > EVEN).length;
  const lower = finite.filter((d) => d < -EVEN).length;
  const n = higher + lower;
  const pValue = signTestPValue(higher, n);
  const consistent = n >= PREDICTION_LEAN_MIN_SITES && pValue <= alpha && higher !== lower;
  return {
    higher,
    lower,
    even: finite.length - n,
    pValue,
    side: consistent ? (higher > lower ? 'higher' : 'lower') : null,
    typicalDifference: median(finite),
  };
}
