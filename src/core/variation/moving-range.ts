import { mean } from './summary-statistics.ts';

/** Moving ranges screened at 3.267 × AMR (Nelson 1982): D4 for n = 2. */
export const MOVING_RANGE_SCREEN_FACTOR = 3.267;

/** d2 for subgroups of two: σ ≈ AMR / 1.128. */
export const D2 = 1.128;

/**
 * |x_i − x_{i−1}| between successive observed points. A missing week is
 * stepped over rather than breaking the chain, because small teams' weekly
 * series have gaps and dropping both neighbouring ranges would starve the
 * estimate.
 */
export function movingRanges(values: readonly (number | null)[]): number[] {
  const ranges: number[] = [];
  let previous: number | null = null;
  for (const value of values) {
    if (value === null) continue;
    if (previous !== null) ranges.push(Math.abs(value - previous));
    previous = value;
  }
  return ranges;
}

export interface AverageMovingRange {
  /** Mean of all moving ranges. */
  amr: number;
  /** Mean of the ranges below 3.267 × amr; present when screening was asked for. */
  amrScreened?: number;
  /** How many ranges the screen removed. */
  screenedOut: number;
  /** The AMR the limits should use: screened when screening was asked for. */
  used: number;
}

export function averageMovingRange(ranges: readonly number[], screen: boolean): AverageMovingRange | null {
  const amr = mean(ranges);
  if (amr === null) return null;
  if (!screen) return { amr, screenedOut: 0, used: amr };
  // When every range is zero the strict "< 3.267 × 0" test would discard them
  // all; nothing is extreme in a flat series, so keep them.
  if (amr === 0) return { amr, amrScreened: 0, screenedOut: 0, used: 0 };
  const limit = MOVING_RANGE_SCREEN_FACTOR * amr;
  const kept = ranges.filter((range) => range < limit);
  const amrScreened = mean(kept)!;
  return { amr, amrScreened, screenedOut: ranges.length - kept.length, used: amrScreened };
}
