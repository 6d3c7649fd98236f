import { averageMovingRange, D2, movingRanges } from './moving-range.ts';
import { sampleStandardDeviation } from './summary-statistics.ts';

/**
 * P and U charts with variable subgroup sizes, and Laney's P′ and U′
 * (Laney 2002), as qicharts2's `qic.p`, `qic.pp`, `qic.u` and `qic.up`.
 * Over time, σz comes from screened moving ranges of the z-scores: as
 * qicharts2 0.7.4–0.7.5 by default, and 0.8 (2025) with the option
 * `qic.screenedmr` on (`library(qicharts2)` turns it on; it is off when the
 * package is not attached). Across sites (categorical) σz is sd(z) in every
 * version, with no screening.
 */

export interface Subgroup {
  numerator: number;
  denominator: number;
}

export interface AttributeChartOptions {
  /** Laney's correction for overdispersion (large denominators). */
  prime?: boolean;
  /**
   * Subgroups have no time order (sites in one period): σz is the sample
   * standard deviation of the z-scores, and σz ≤ 1 falls back to plain limits.
   */
  categorical?: boolean;
  /** How many σ the limits lie from the centre; 3 unless a caller widens them for many comparisons. */
  sigmas?: number;
}

export interface AttributePoint {
  numerator: number;
  denominator: number;
  /** numerator / denominator; null when the denominator is 0 (or a figure is missing). */
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** The σ behind this point's limits, σz included when the prime limits are used. */
  sigma: number | null;
  outside: 'above' | 'below' | null;
}

export interface AttributeChartResult {
  chart: 'P' | 'U';
  /** Σ numerators / Σ denominators of the usable subgroups; null when there are none. */
  centre: number | null;
  /** Usable subgroups: denominator above 0. */
  n: number;
  points: AttributePoint[];
  /** Laney's σz, whenever it could be computed (even when the plain limits were kept). */
  sigmaZ?: number;
  limits: 'plain' | 'prime';
  /** What was done, in words for the digest, e.g. "P′ chart (Laney), σz = 1.84". */
  method: string;
}

interface Family {
  chart: 'P' | 'U';
  centreSymbol: string;
  /** Variance of one unit at the centre: p̄(1 − p̄) or ū. */
  unitVariance(centre: number): number;
  lowerBound: number;
  upperBound: number;
  validate(subgroup: Subgroup, index: number): void;
}

function rejectNegative(chart: string, subgroup: Subgroup, index: number): void {
  if (subgroup.numerator < 0 || subgroup.denominator < 0) {
    throw new RangeError(`${chart} chart: subgroup ${index} has a negative numerator or denominator`);
  }
}

const P_FAMILY: Family = {
  chart: 'P',
  centreSymbol: 'p̄',
  unitVariance: (centre) => centre * (1 - centre),
  lowerBound: 0,
  upperBound: 1,
  validate(subgroup, index) {
    rejectNegative('P', subgroup, index);
    if (subgroup.numerator > subgroup.denominator) {
      throw new RangeError(`P chart: subgroup ${index} has a numerator above its denominator`);
    }
  },
};

const U_FAMILY: Family = {
  chart: 'U',
  centreSymbol: 'ū',
  unitVariance: (centre) => centre,
  lowerBound: 0,
  upperBound: Number.POSITIVE_INFINITY,
  validate(subgroup, index) {
    rejectNegative('U', subgroup, index);
  },
};

function isUsable(subgroup: Subgroup): boolean {
  return (
    Number.isFinite(subgroup.numerator) && Number.isFinite(subgroup.denominator) && subgroup.denominator > 0
  );
}

function formatSigmaZ(sigmaZ: number): string {
  return sigmaZ.toFixed(2);
}

interface LaneyDecision {
  sigmaZ?: number;
  usePrime: boolean;
  method: string;
}

function decideLaney(
  family: Family,
  centre: number,
  usable: readonly { index: number; value: number; baseSigma: number }[],
  count: number,
  categorical: boolean,
): LaneyDecision {
  const plain = `${family.chart} chart`;
  const prime = `${family.chart}′ chart (Laney)`;
  if (usable.length < 2) {
    return { usePrime: false, method: `${plain} (Laney correction needs at least two subgroups)` };
  }
  if (family.unitVariance(centre) === 0) {
    return {
      usePrime: false,
      method: `${plain} (Laney correction not applicable: ${family.centreSymbol} = ${centre}, no variation)`,
    };
  }
  const z = usable.map((point) => (point.value - centre) / point.baseSigma);
  if (categorical) {
    const sigmaZ = sampleStandardDeviation(z)!;
    if (sigmaZ <= 1) {
      return {
        sigmaZ,
        usePrime: false,
        method: `${plain} (Laney σz = ${formatSigmaZ(sigmaZ)} ≤ 1, so plain limits)`,
      };
    }
    return { sigmaZ, usePrime: true, method: `${prime}, σz = ${formatSigmaZ(sigmaZ)}` };
  }
  // Over time the z-scores keep their order (missing subgroups stepped over),
  // so σz comes from their screened moving ranges, as for an I chart.
  const ordered: (number | null)[] = new Array(count).fill(null);
  usable.forEach((point, i) => {
    ordered[point.index] = z[i]!;
  });
  const moving = averageMovingRange(movingRanges(ordered), true)!;
  const sigmaZ = moving.used / D2;
  return { sigmaZ, usePrime: true, method: `${prime}, σz = ${formatSigmaZ(sigmaZ)}` };
}

function attributeChart(
  family: Family,
  subgroups: readonly Subgroup[],
  options: AttributeChartOptions,
): AttributeChartResult {
  subgroups.forEach((subgroup, index) => {
    family.validate(subgroup, index);
  });

  let numerators = 0;
  let denominators = 0;
  for (const subgroup of subgroups) {
    if (!isUsable(subgroup)) continue;
    numerators += subgroup.numerator;
    denominators += subgroup.denominator;
  }

  const empty = (subgroup: Subgroup): AttributePoint => ({
    numerator: subgroup.numerator,
    denominator: subgroup.denominator,
    value: null,
    lower: null,
    upper: null,
    sigma: null,
    outside: null,
  });

  if (denominators === 0) {
    return {
      chart: family.chart,
      centre: null,
      n: 0,
      points: subgroups.map(empty),
      limits: 'plain',
      method: `${family.chart} chart (no subgroup with a denominator above 0)`,
    };
  }

  const centre = numerators / denominators;
  const unitVariance = family.unitVariance(centre);
  const usable = subgroups.flatMap((subgroup, index) =>
    isUsable(subgroup)
      ? [
          {
            index,
            value: subgroup.numerator / subgroup.denominator,
            baseSigma: Math.sqrt(unitVariance / subgroup.denominator),
          },
        ]
      : [],
  );

  const decision: LaneyDecision = options.prime
    ? decideLaney(family, centre, usable, subgroups.length, options.categorical ?? false)
    : { usePrime: false, method: `${family.chart} chart` };
  const multiplier = decision.usePrime ? decision.sigmaZ! : 1;
  const sigmas = options.sigmas ?? 3;

  const points = subgroups.map(empty);
  for (const { index, value, baseSigma } of usable) {
    const sigma = baseSigma * multiplier;
    const lower = Math.max(family.lowerBound, centre - sigmas * sigma);
    const upper = Math.min(family.upperBound, centre + sigmas * sigma);
    const point = points[index]!;
    point.value = value;
    point.sigma = sigma;
    point.lower = lower;
    point.upper = upper;
    point.outside = value > upper ? 'above' : value < lower ? 'below' : null;
  }

  return {
    chart: family.chart,
    centre,
    n: usable.length,
    points,
    ...(decision.sigmaZ === undefined ? {} : { sigmaZ: decision.sigmaZ }),
    limits: decision.usePrime ? 'prime' : 'plain',
    method: decision.method,
  };
}

/** P chart of proportions; with `prime`, Laney's P′. Limits truncated to [0, 1]. */
export function pChart(
  subgroups: readonly Subgroup[],
  options: AttributeChartOptions = {},
): AttributeChartResult {
  return attributeChart(P_FAMILY, subgroups, options);
}

/** U chart of rates (events per unit of exposure); with `prime`, Laney's U′. Lower limit truncated at 0. */
export function uChart(
  subgroups: readonly Subgroup[],
  options: AttributeChartOptions = {},
): AttributeChartResult {
  return attributeChart(U_FAMILY, subgroups, options);
}
