import { averageMovingRange, D2, movingRanges } from './moving-range.ts';
import { mean } from './summary-statistics.ts';

/**
 * I chart (XmR) of individual values: centre = mean, limits = centre ± 3 ·
 * AMR / 1.128, with moving ranges ≥ 3.267 · AMR screened out first (Nelson
 * 1982, as NHS "Making Data Count" and qicharts2). qicharts2 0.7.x screens
 * by default; since 0.8 (2025) screening follows the option
 * `qic.screenedmr`, which `library(qicharts2)` turns on and which is off
 * when `qicharts2::qic()` is called without attaching the package. With
 * `screen` (the default) this chart matches qicharts2 with that option on.
 */

export interface IChartOptions {
  /** Screen extreme moving ranges before setting limits; default true. */
  screen?: boolean;
}

export interface IChartResult {
  /** Observed (non-missing) points. */
  n: number;
  /** Mean of the observed points; null when there are none. */
  centre: number | null;
  /** Mean of all moving ranges; null with fewer than two points. */
  amr: number | null;
  /** AMR after screening; present when screening ran. */
  amrScreened?: number;
  /** Moving ranges removed by the screen. */
  screenedOut: number;
  /** AMR (screened when asked) / 1.128; null with fewer than two points. */
  sigma: number | null;
  upper: number | null;
  lower: number | null;
  /** Original indices of points strictly beyond a limit. */
  outside: number[];
}

export function iChart(values: readonly (number | null)[], options: IChartOptions = {}): IChartResult {
  const screen = options.screen ?? true;
  // Non-finite values carry no information: treat them as missing weeks.
  const cleaned = values.map((value) => (value !== null && Number.isFinite(value) ? value : null));
  const observed = cleaned.filter((value): value is number => value !== null);
  const centre = mean(observed);
  const moving = averageMovingRange(movingRanges(cleaned), screen);

  if (centre === null || moving === null) {
    return {
      n: observed.length,
      centre,
      amr: null,
      screenedOut: 0,
      sigma: null,
      upper: null,
      lower: null,
      outside: [],
    };
  }

  const sigma = moving.used / D2;
  const upper = centre + 3 * sigma;
  const lower = centre - 3 * sigma;
  const outside: number[] = [];
  cleaned.forEach((value, index) => {
    if (value !== null && (value > upper || value < lower)) outside.push(index);
  });

  return {
    n: observed.length,
    centre,
    amr: moving.amr,
    ...(moving.amrScreened === undefined ? {} : { amrScreened: moving.amrScreened }),
    screenedOut: moving.screenedOut,
    sigma,
    upper,
    lower,
    outside,
  };
}
