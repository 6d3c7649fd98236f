/**
 * Exact binomial distribution, summed in log space so that the tails stay
 * accurate for thousands of trials (a plain product of 0.5^n underflows past
 * n ≈ 1074).
 */

function assertTrials(trials: number): void {
  if (!Number.isInteger(trials) || trials < 0) {
    throw new RangeError(`binomial: trials must be a non-negative integer, got ${trials}`);
  }
}

function assertProbability(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(`binomial: ${name} must be in [0, 1], got ${value}`);
  }
}

/** log(e^a + e^b) without overflow or underflow. */
function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const high = Math.max(a, b);
  return high + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/**
 * log P(X = k) for k = 0..trials, built by the ratio
 * P(k) / P(k − 1) = (n − k + 1) / k · p / (1 − p), so no factorial is formed.
 * Only called with 0 < p < 1.
 */
function logMassTable(trials: number, probability: number): number[] {
  const logP = Math.log(probability);
  const logQ = Math.log1p(-probability);
  const table: number[] = [trials * logQ];
  let current = trials * logQ;
  for (let k = 1; k <= trials; k++) {
    current += Math.log((trials - k + 1) / k) + logP - logQ;
    table.push(current);
  }
  return table;
}

/** P(X ≤ k) for X ~ Binomial(trials, probability). */
export function binomialCdf(k: number, trials: number, probability: number): number {
  assertTrials(trials);
  assertProbability('probability', probability);
  if (Number.isNaN(k)) throw new RangeError('binomialCdf: k is NaN');
  const upTo = Math.floor(k);
  if (upTo < 0) return 0;
  if (upTo >= trials) return 1;
  if (probability === 0) return 1;
  if (probability === 1) return 0;
  const table = logMassTable(trials, probability);
  let logCdf = Number.NEGATIVE_INFINITY;
  for (let i = 0; i <= upTo; i++) logCdf = logAddExp(logCdf, table[i]!);
  return Math.min(1, Math.exp(logCdf));
}

/**
 * The smallest k with P(X ≤ k) ≥ quantile, as R's `qbinom(quantile, trials,
 * probability)`. Anhøj's minimum number of crossings is
 * `binomialQuantile(0.05, n − 1, 0.5)`.
 */
export function binomialQuantile(quantile: number, trials: number, probability: number): number {
  assertTrials(trials);
  assertProbability('quantile', quantile);
  assertProbability('probability', probability);
  if (trials === 0 || probability === 0) return 0;
  if (probability === 1) return trials;
  const table = logMassTable(trials, probability);
  const logTarget = Math.log(quantile);
  let logCdf = Number.NEGATIVE_INFINITY;
  for (let k = 0; k <= trials; k++) {
    logCdf = logAddExp(logCdf, table[k]!);
    if (logCdf >= logTarget) return k;
  }
  // Rounding can leave the full sum a hair below 1 when quantile is 1.
  return trials;
}
