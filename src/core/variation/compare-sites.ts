import { type AttributeChartResult, pChart, uChart } from './attribute-charts.ts';
import { iChart } from './i-chart.ts';
import { normalQuantile } from './normal.ts';

/**
 * One period, across sites, fair to small and large sites (Spiegelhalter 2005;
 * Laney 2002): never a league table. Sites come back ordered by size,
 * smallest first, as along the x-axis of a funnel plot; equal sizes by name.
 */

export type MeasureKind = 'proportion' | 'count' | 'value';

export interface SiteFigures {
  site: string;
  /** Proportion: cases; count: events. */
  numerator?: number;
  /** Proportion: cases looked at; count: exposure. Also the site's size for those kinds. */
  denominator?: number;
  /** Value measures: the site's figure for the period. */
  value?: number;
  /** Value measures: the site's size, used only for ordering. */
  size?: number;
}

export type SiteVerdict = 'above' | 'below' | 'within';

/**
 * The family rate the digest uses across sites this week: with
 * sitesApart's, it keeps the digest's false alarms within 5% of weeks for 3
 * to 30 alike sites and 8% at 100 (docs/architecture.md, "Statistics").
 */
export const ACROSS_SITES_FAMILY_RATE = 0.04;

export interface CompareSitesOptions {
  /**
   * Widen the limits with the number of sites, as the decision limits of
   * Ott's analysis of means do, so that among alike sites any one of them
   * falls outside in about this share of periods (Šidák: the multiplier is
   * Φ⁻¹(1 − rate / 2k), never below 3). Unset: 3σ limits for every network
   * size, the convention of a control chart.
   */
  familyRate?: number;
}

export interface SiteComparison {
  site: string;
  value: number;
  /** Null when no limits could be set (fewer than two sites, or no spread to estimate). */
  lower: number | null;
  upper: number | null;
  /** Denominator for proportions and counts, `size` for values; null when a value site gave none. */
  size: number | null;
  /** Beyond its limits ("different beyond chance") or within expected variation. */
  verdict: SiteVerdict;
}

export interface SiteComparisonResult {
  kind: MeasureKind;
  method: string;
  centre: number | null;
  sigmaZ?: number;
  /** Sites with figures, smallest first. */
  sites: SiteComparison[];
  /** Sites with no usable figure this period (missing, or a denominator of 0), in input order. */
  missing: string[];
}

interface Usable {
  site: string;
  value: number;
  size: number | null;
  numerator: number;
  denominator: number;
}

const isFiniteNumber = (value: number | undefined): value is number =>
  value !== undefined && Number.isFinite(value);

function usableFigures(
  sites: readonly SiteFigures[],
  kind: MeasureKind,
): { usable: Usable[]; missing: string[] } {
  const usable: Usable[] = [];
  const missing: string[] = [];
  for (const figures of sites) {
    if (kind === 'value') {
      if (isFiniteNumber(figures.value)) {
        const size = isFiniteNumber(figures.size) ? figures.size : null;
        usable.push({ site: figures.site, value: figures.value, size, numerator: 0, denominator: 0 });
      } else missing.push(figures.site);
      continue;
    }
    const { numerator, denominator } = figures;
    if (isFiniteNumber(numerator) && isFiniteNumber(denominator) && denominator > 0) {
      usable.push({
        site: figures.site,
        value: numerator / denominator,
        size: denominator,
        numerator,
        denominator,
      });
    } else missing.push(figures.site);
  }
  return { usable, missing };
}

/** Smallest first; sites without a size after those with one; ties by name (code-point order, locale-free). */
function bySize(a: Usable, b: Usable): number {
  if (a.size !== b.size) {
    if (a.size === null) return 1;
    if (b.size === null) return -1;
    return a.size - b.size;
  }
  return a.site < b.site ? -1 : a.site > b.site ? 1 : 0;
}

function withoutComparison(
  kind: MeasureKind,
  usable: readonly Usable[],
  missing: string[],
): SiteComparisonResult {
  const only = usable[0];
  return {
    kind,
    method:
      only === undefined
        ? 'No site has figures for this period: nothing to compare'
        : 'Only one site has figures for this period: nothing to compare it with',
    centre: only === undefined ? null : only.value,
    sites: usable.map((site) => ({ ...pick(site), lower: null, upper: null, verdict: 'within' })),
    missing,
  };
}

function pick(site: Usable): Pick<SiteComparison, 'site' | 'value' | 'size'> {
  return { site: site.site, value: site.value, size: site.size };
}

/** How many σ the limits lie from the centre: 3, or more for many sites when asked. */
function limitSigmas(sites: number, options: CompareSitesOptions): number {
  if (options.familyRate === undefined) return 3;
  return Math.max(3, normalQuantile(1 - options.familyRate / (2 * sites)));
}

function widened(sigmas: number, sites: number): string {
  return sigmas > 3 ? `; limits at ${sigmas.toFixed(1)}σ for ${sites} sites` : '';
}

function fromAttributeChart(
  kind: MeasureKind,
  usable: readonly Usable[],
  missing: string[],
  chart: AttributeChartResult,
  sigmas: number,
): SiteComparisonResult {
  const sites = usable.map((site, i): SiteComparison => {
    const point = chart.points[i]!;
    return { ...pick(site), lower: point.lower, upper: point.upper, verdict: point.outside ?? 'within' };
  });
  const noEvents = chart.centre === 0 ? '; no events at any site, so none stands out' : '';
  return {
    kind,
    method: `${chart.method}${widened(sigmas, usable.length)}; ${usable.length} sites, ordered by size${noEvents}`,
    centre: chart.centre,
    ...(chart.sigmaZ === undefined ? {} : { sigmaZ: chart.sigmaZ }),
    sites,
    missing,
  };
}

function valueComparison(usable: readonly Usable[], missing: string[], sigmas: number): SiteComparisonResult {
  const chart = iChart(usable.map((site) => site.value));
  const widen = (limit: number | null) =>
    limit === null || chart.centre === null || chart.sigma === null || sigmas === 3
      ? limit
      : chart.centre + Math.sign(limit - chart.centre) * sigmas * chart.sigma;
  const lower = widen(chart.lower);
  const upper = widen(chart.upper);
  const sites = usable.map((site): SiteComparison => {
    const verdict: SiteVerdict =
      upper !== null && site.value > upper
        ? 'above'
        : lower !== null && site.value < lower
          ? 'below'
          : 'within';
    return { ...pick(site), lower, upper, verdict };
  });
  const flat = chart.sigma === 0 ? '; every site has the same value' : '';
  return {
    kind: 'value',
    method: `I chart across ${usable.length} sites (moving ranges taken in size order, screened)${widened(sigmas, usable.length)}${flat}`,
    centre: chart.centre,
    sites,
    missing,
  };
}

/**
 * Compare one period's figures across sites: proportions with Laney's P′,
 * counts (events per exposure) with U′, both categorical; values with an I chart.
 * Throws a RangeError, as pChart and uChart do, for a negative figure or a
 * numerator above its denominator: those are data errors, not missing data.
 */
export function compareSites(
  sites: readonly SiteFigures[],
  kind: MeasureKind,
  options: CompareSitesOptions = {},
): SiteComparisonResult {
  const { usable, missing } = usableFigures(sites, kind);
  usable.sort(bySize);
  if (usable.length < 2) return withoutComparison(kind, usable, missing);
  const sigmas = limitSigmas(usable.length, options);
  if (kind === 'value') return valueComparison(usable, missing, sigmas);
  const subgroups = usable.map(({ numerator, denominator }) => ({ numerator, denominator }));
  const chartOptions = { prime: true, categorical: true, sigmas };
  const chart = kind === 'proportion' ? pChart(subgroups, chartOptions) : uChart(subgroups, chartOptions);
  return fromAttributeChart(kind, usable, missing, chart, sigmas);
}
