import { describe, expect, it } from 'vitest';
import {
  binomialCdf,
  binomialQuantile,
  crossingsMinimum,
  longestRunLimit,
} from '../../../src/core/variation/index.ts';

/** qbinom(0.05, n, 1/2) in exact integer arithmetic: smallest k with 20 · Σ C(n, j) ≥ 2^n. */
function exactFivePercentQuantile(trials: number): number {
  const total = 2n ** BigInt(trials);
  let coefficient = 1n;
  let sum = 0n;
  for (let k = 0; k <= trials; k++) {
    sum += coefficient;
    if (20n * sum >= total) return k;
    coefficient = (coefficient * BigInt(trials - k)) / BigInt(k + 1);
  }
  return trials;
}

describe('binomial distribution', () => {
  it('gives exact small cumulative probabilities', () => {
    expect(binomialCdf(1, 4, 0.5)).toBeCloseTo(5 / 16, 15);
    expect(binomialCdf(2, 12, 0.5)).toBeCloseTo(79 / 4096, 15);
    expect(binomialCdf(0, 3, 0.2)).toBeCloseTo(0.512, 15);
    expect(binomialCdf(-1, 5, 0.5)).toBe(0);
    expect(binomialCdf(5, 5, 0.5)).toBe(1);
  });

  it('stays finite and accurate far into the tails for a thousand trials and more', () => {
    const lowTail = binomialCdf(0, 1000, 0.5);
    expect(Number.isFinite(lowTail)).toBe(true);
    expect(binomialCdf(500, 1000, 0.5)).toBeCloseTo(0.5126125, 6);
    expect(binomialCdf(2000, 5000, 0.5)).toBeGreaterThan(0);
    expect(binomialCdf(2000, 5000, 0.5)).toBeLessThan(1e-40);
  });

  it('matches exact integer arithmetic for qbinom(0.05, n, 0.5) for every n up to 1200', () => {
    for (let trials = 0; trials <= 1200; trials++) {
      expect(binomialQuantile(0.05, trials, 0.5), `n = ${trials}`).toBe(exactFivePercentQuantile(trials));
    }
  });

  it('rejects impossible arguments', () => {
    expect(() => binomialCdf(1, -1, 0.5)).toThrow(RangeError);
    expect(() => binomialQuantile(0.05, 2.5, 0.5)).toThrow(RangeError);
    expect(() => binomialQuantile(1.2, 10, 0.5)).toThrow(RangeError);
  });
});

describe('Anhøj limits (qicharts2 check values)', () => {
  it.each([
    [24, 8, 8],
    [10, 6, 2],
    [100, 10, 41],
  ])('n = %i useful points: longest run limit %i, minimum crossings %i', (n, runLimit, minCrossings) => {
    expect(longestRunLimit(n)).toBe(runLimit);
    expect(crossingsMinimum(n)).toBe(minCrossings);
  });

  it('has no limits for an empty series', () => {
    expect(longestRunLimit(0)).toBe(0);
    expect(crossingsMinimum(0)).toBe(0);
  });
});
