import type { MeasureKind } from './compare-sites.ts';
import { normalQuantile } from './normal.ts';

/**
 * Which site stands apart from the rest of the network over recent weeks:
 * the second question of the digest, for networks of any size (one week's
 * comparison across sites cannot name a site among 10 or fewer, see
 * docs/statistics.md §3 and §4).
 *
 * Method (docs/architecture.md, "Statistics", has the calibration table):
 * - Week by week, each site is compared with the rest of the network
 *   (leave-one-out): d = site − rest, where the rest is the pooled figure of
 *   the other sites (Σ numerators / Σ denominators; the mean for values). A
 *   shock shared by every site that week cancels.
 * - The noise of d has a part known from the counts (binomial p̄(1 − p̄)/n,
 *   or Poisson ū/n, for the site and for the rest) and a part that is not:
 *   each site's own week-to-week wobble, which does not shrink with n. That
 *   part is an additive variance τ² (DerSimonian & Laird 1986; Spiegelhalter
 *   2005 §6 for its use in funnel plots), estimated by the method of moments
 *   from the moving ranges of every site's d over all the weeks given, never
 *   from the spread between sites, which an outlying site would inflate. A
 *   moving range lets a step change inside the history count once rather
 *   than in every week after it. A single multiplicative factor (Laney's
 *   σz over time) was tried and rejected: with denominators from 20 to 400
 *   it over-covers small sites and names large ones too often.
 * - Value measures have no counts, so all their noise is week-to-week:
 *   each site's noise is the larger of the network's pooled estimate and
 *   its own, so that a site noisier than the others is not named for it.
 * - Over the window (the last SITES_APART_WINDOW weeks), the site's weekly
 *   gaps are averaged with weights 1 / variance; z = mean gap / its standard
 *   error. A site is named when |z| passes the Šidák threshold for the
 *   number of sites tested (SITES_APART_ALPHA for the whole network) and it
 *   sat on that side of the rest in all the window's weeks but one.
 * - Stepwise, as Holm (1979): the most extreme site is tested first; when
 *   named, or when extreme but not consistent, it is set aside and the
 *   remaining sites are compared among themselves. So in a network where one
 *   site is far below, the others, "above" a rest that includes it, are not
 *   named. Testing stops at the first site that does not pass, or when two
 *   sites are left: two sites can differ, but neither is "apart" from a rest.
 */

export type WeekFigure = { numerator: number; denominator: number } | { value: number };

export interface SiteSeries {
  site: string;
  /** Oldest first, the same length for every site, the last being the digest's week; null = no figure. */
  weeks: readonly (WeekFigure | null)[];
}

/** Weeks in the window: recent enough to be news, long enough for a steady gap to show. */
export const SITES_APART_WINDOW = 6;
/** A site is judged only with figures in at least this many of the window's weeks. */
export const SITES_APART_MIN_WEEKS = 4;
/** The chance, among alike sites, that any one is named: set with the simulation of docs/architecture.md. */
export const SITES_APART_ALPHA = 0.02;

export type ApartDirection = 'above' | 'below';

export interface SiteApart {
  site: string;
  direction: ApartDirection;
  /** Weeks of the window in which the site and the sites it was compared with had figures. */
  weeks: number;
  /** Of those, how many it was on the named side. */
  weeksOnSide: number;
  /** The site's figure over those weeks: Σ numerators / Σ denominators, or the mean value. */
  value: number;
  /** The pooled figure of the sites it was compared with, over the same weeks. */
  comparedValue: number;
  /** Those sites, by name, in input order. */
  comparedWith: string[];
  /** Mean weekly gap, site minus the rest (weighted by precision): a proportion, rate or value. */
  gap: number;
  /** The gap over its standard error, and the threshold it passed. */
  z: number;
  threshold: number;
}

export interface SitesDiffering {
  higher: string;
  lower: string;
  higherValue: number;
  lowerValue: number;
  weeks: number;
  weeksOnSide: number;
  gap: number;
  z: number;
  threshold: number;
}

export interface SiteWindowFigure {
  site: string;
  /** Σ numerators / Σ denominators over the window's weeks with a figure (the mean for values); null without any. */
  value: number | null;
  /** Weeks of the window with a figure. */
  weeks: number;
}

export interface SitesApartResult {
  kind: MeasureKind;
  /** Weeks in the window: SITES_APART_WINDOW, or fewer when fewer weeks were given. */
  window: number;
  /** Whether the weeks were enough to judge any site (or, with two sites, the pair). */
  judged: boolean;
  /** The most window weeks any site has figures in, alongside another site. */
  weeksWithFigures: number;
  weeksNeeded: number;
  /** Sites apart from the rest, most extreme first. */
  apart: SiteApart[];
  /** Two sites only: they differ over the window, and neither is called apart. */
  differing: SitesDiffering | null;
  /** Every site's figure over the window, in input order. */
  figures: SiteWindowFigure[];
  /** The pooled figure over the window of the sites not named apart; null when none has figures. */
  rest: number | null;
  /** Sites with figures, but in too few of the window's weeks to be judged. */
  tooFewWeeks: string[];
  /** √τ²: the week-to-week wobble beyond the counts' own noise, on the measure's scale. */
  wobble: number;
  method: string;
}

interface Cells {
  numerator: Float64Array;
  /** 1 for values. */
  denominator: Float64Array;
  ok: Uint8Array;
}

function cellsOf(series: readonly SiteSeries[], kind: MeasureKind, length: number): Cells[] {
  return series.map(({ site, weeks }) => {
    if (weeks.length !== length) {
      throw new RangeError(
        `sitesApart: ${site} has ${weeks.length} weeks where the first site has ${length}`,
      );
    }
    const cells: Cells = {
      numerator: new Float64Array(length),
      denominator: new Float64Array(length),
      ok: new Uint8Array(length),
    };
    weeks.forEach((figure, t) => {
      if (figure === null) return;
      if (kind === 'value') {
        if ('value' in figure && Number.isFinite(figure.value)) {
          cells.numerator[t] = figure.value;
          cells.denominator[t] = 1;
          cells.ok[t] = 1;
        }
        return;
      }
      if (!('numerator' in figure)) return;
      const { numerator, denominator } = figure;
      if (!Number.isFinite(numerator) || !Number.isFinite(denominator)) return;
      if (numerator < 0 || denominator < 0) {
        throw new RangeError(`sitesApart: ${site} has a negative numerator or denominator`);
      }
      if (kind === 'proportion' && numerator > denominator) {
        throw new RangeError(`sitesApart: ${site} has a numerator above its denominator`);
      }
      if (denominator === 0) return;
      cells.numerator[t] = numerator;
      cells.denominator[t] = denominator;
      cells.ok[t] = 1;
    });
    return cells;
  });
}

/** One site's weekly comparison with the rest of the active sites. */
interface Comparison {
  index: number;
  /** Weekly gap, NaN where the site or the rest had no figure. */
  gap: Float64Array;
  /** The part of the gap's variance known from the counts. */
  known: Float64Array;
  /** The multiplier of τ² in the gap's variance: the site's wobble plus the rest's. */
  wobbleWeight: Float64Array;
}

interface MovingRange {
  squared: number;
  known: number;
  wobbleWeight: number;
}

interface SiteTest {
  index: number;
  z: number;
  gap: number;
  weeks: number;
  above: number;
  below: number;
}

class Network {
  readonly cells: readonly Cells[];
  readonly kind: MeasureKind;
  readonly weeks: number;
  readonly windowStart: number;

  constructor(cells: readonly Cells[], kind: MeasureKind, weeks: number) {
    this.cells = cells;
    this.kind = kind;
    this.weeks = weeks;
    this.windowStart = Math.max(0, weeks - SITES_APART_WINDOW);
  }

  /** Each active site against the pooled rest of the active sites, week by week. */
  compare(active: readonly number[]): Comparison[] {
    const { weeks, kind } = this;
    const numerators = new Float64Array(weeks);
    const denominators = new Float64Array(weeks);
    const squares = new Float64Array(weeks);
    const reporting = new Float64Array(weeks);
    let allNumerators = 0;
    let allDenominators = 0;
    for (const i of active) {
      const c = this.cells[i]!;
      for (let t = 0; t < weeks; t++) {
        if (!c.ok[t]) continue;
        numerators[t] = numerators[t]! + c.numerator[t]!;
        denominators[t] = denominators[t]! + c.denominator[t]!;
        squares[t] = squares[t]! + c.denominator[t]! ** 2;
        reporting[t] = reporting[t]! + 1;
        allNumerators += c.numerator[t]!;
        allDenominators += c.denominator[t]!;
      }
    }
    // The counts' noise under the hypothesis that the sites are alike: at the pooled figure.
    const centre = allDenominators > 0 ? allNumerators / allDenominators : 0;
    const unitVariance = kind === 'proportion' ? centre * (1 - centre) : kind === 'count' ? centre : 0;

    return active.map((index) => {
      const c = this.cells[index]!;
      const gap = new Float64Array(weeks).fill(Number.NaN);
      const known = new Float64Array(weeks);
      const wobbleWeight = new Float64Array(weeks);
      for (let t = 0; t < weeks; t++) {
        if (!c.ok[t] || reporting[t]! < 2) continue;
        const y = c.numerator[t]!;
        const n = c.denominator[t]!;
        const restN = denominators[t]! - n;
        gap[t] = y / n - (numerators[t]! - y) / restN;
        known[t] = unitVariance * (1 / n + 1 / restN);
        // The rest's wobble is its sites' wobbles, weighted as they are pooled.
        wobbleWeight[t] = 1 + (squares[t]! - n * n) / (restN * restN);
      }
      return { index, gap, known, wobbleWeight };
    });
  }

  test(active: readonly number[]): { tests: SiteTest[]; wobble: number } {
    const comparisons = this.compare(active);
    const perSite = comparisons.map((c) => movingRanges(c));
    const tau2 = betweenWeekVariance(perSite.flat());
    const tests = comparisons.map((c, a) => {
      // Values: a site noisier than the network is judged against its own noise.
      const own = this.kind === 'value' ? Math.max(tau2, ownVariance(perSite[a]!)) : tau2;
      return this.windowTest(c, own);
    });
    return { tests, wobble: Math.sqrt(tau2) };
  }

  windowTest(c: Comparison, tau2: number): SiteTest {
    let precision = 0;
    let weighted = 0;
    let weeks = 0;
    let above = 0;
    let below = 0;
    for (let t = this.windowStart; t < this.weeks; t++) {
      const gap = c.gap[t]!;
      if (Number.isNaN(gap)) continue;
      weeks++;
      if (gap > 0) above++;
      else if (gap < 0) below++;
      const variance = c.known[t]! + tau2 * c.wobbleWeight[t]!;
      if (variance <= 0) continue;
      precision += 1 / variance;
      weighted += gap / variance;
    }
    const gap = precision > 0 ? weighted / precision : 0;
    return { index: c.index, z: gap * Math.sqrt(precision), gap, weeks, above, below };
  }

  /** Σ numerators / Σ denominators (the mean for values) over the window's weeks where `when` holds. */
  windowFigure(indexes: readonly number[], when: (t: number) => boolean = () => true): number | null {
    let numerator = 0;
    let denominator = 0;
    for (const i of indexes) {
      const c = this.cells[i]!;
      for (let t = this.windowStart; t < this.weeks; t++) {
        if (!c.ok[t] || !when(t)) continue;
        numerator += c.numerator[t]!;
        denominator += c.denominator[t]!;
      }
    }
    return denominator > 0 ? numerator / denominator : null;
  }
}

/** Differences between successive weeks of one site's gaps, stepping over missing weeks. */
function movingRanges(c: Comparison): MovingRange[] {
  const ranges: MovingRange[] = [];
  let previous = -1;
  for (let t = 0; t < c.gap.length; t++) {
    if (Number.isNaN(c.gap[t]!)) continue;
    if (previous >= 0) {
      ranges.push({
        squared: (c.gap[t]! - c.gap[previous]!) ** 2,
        known: c.known[t]! + c.known[previous]!,
        wobbleWeight: c.wobbleWeight[t]! + c.wobbleWeight[previous]!,
      });
    }
    previous = t;
  }
  return ranges;
}

/**
 * The method-of-moments τ² from moving ranges, E[mr²] = known + τ² ·
 * weight, with each range weighted by `weightOf`: Σ w (mr² − known) /
 * Σ w · weight, never negative; null without any range to weigh.
 */
function momentEstimate(ranges: readonly MovingRange[], weightOf: (r: MovingRange) => number): number | null {
  let excess = 0;
  let weights = 0;
  for (const r of ranges) {
    const w = weightOf(r);
    excess += w * (r.squared - r.known);
    weights += w * r.wobbleWeight;
  }
  return weights > 0 ? Math.max(0, excess / weights) : null;
}

/**
 * The network's τ²: weighted as DerSimonian–Laird (each range by the
 * inverse square of its variance, so that large sites, whose noise is
 * mostly wobble, carry the estimate) and iterated a few times, as
 * Paule–Mandel, since the weights depend on τ².
 */
function betweenWeekVariance(ranges: readonly MovingRange[]): number {
  let tau2 = momentEstimate(ranges, () => 1);
  if (tau2 === null) return 0;
  for (let iteration = 0; iteration < 3; iteration++) {
    const current: number = tau2;
    const next = momentEstimate(ranges, (r) => {
      const variance = r.known + current * r.wobbleWeight;
      return variance > 0 ? r.wobbleWeight / (variance * variance) : 0;
    });
    if (next === null) break;
    tau2 = next;
  }
  return tau2;
}

/** One site's own τ², from its own moving ranges alone. */
function ownVariance(ranges: readonly MovingRange[]): number {
  return momentEstimate(ranges, () => 1) ?? 0;
}

function threshold(tests: number): number {
  return normalQuantile(1 - SITES_APART_ALPHA / (2 * tests));
}

/** All the window's weeks but one on the same side, and never fewer than the weeks needed. */
function consistent(test: SiteTest): { direction: ApartDirection; onSide: number; holds: boolean } {
  const direction: ApartDirection = test.z > 0 ? 'above' : 'below';
  const onSide = direction === 'above' ? test.above : test.below;
  return { direction, onSide, holds: onSide >= Math.max(SITES_APART_MIN_WEEKS, test.weeks - 1) };
}

const KIND_NOISE: Record<MeasureKind, string> = {
  proportion: 'binomial noise plus',
  count: 'Poisson noise plus',
  value: '',
};

function methodText(kind: MeasureKind, weeks: number, window: number, sites: number): string {
  const noise = KIND_NOISE[kind];
  const over = `over the last ${window === 1 ? 'week' : `${window} weeks`}`;
  const estimated = `noise = ${noise ? `${noise} ` : ''}each site’s week-to-week wobble, estimated from ${weeks === 1 ? '1 week' : `${weeks} weeks`}`;
  const consistently = 'only when on the same side in all the window’s weeks but one';
  if (sites === 2) {
    return `The two sites against each other, week by week, ${over}; ${estimated}; said to differ ${consistently} (${SITES_APART_ALPHA * 100}% false-alarm rate)`;
  }
  return (
    `Each site against the rest of the network, week by week, ${over}; ${estimated}; ` +
    `the most extreme site tested first, then set aside (${sites} sites, ${SITES_APART_ALPHA * 100}% false-alarm rate for the network); ` +
    `named ${consistently}`
  );
}

/** The whole answer: sites apart, the two-site case, and what the digest needs to say why or why not. */
export function analyseSitesApart(series: readonly SiteSeries[], kind: MeasureKind): SitesApartResult {
  const length = series[0]?.weeks.length ?? 0;
  const network = new Network(cellsOf(series, kind, length), kind, length);
  const window = length - network.windowStart;
  const reporting = series.map((_, i) => i).filter((i) => network.cells[i]!.ok.some((ok) => ok === 1));
  const figures = series.map(({ site }, i) => {
    const c = network.cells[i]!;
    let weeks = 0;
    for (let t = network.windowStart; t < length; t++) weeks += c.ok[t]!;
    return { site, value: network.windowFigure([i]), weeks };
  });

  const first = reporting.length >= 2 ? network.test(reporting) : { tests: [], wobble: 0 };
  const weeksWithFigures = Math.max(0, ...first.tests.map((t) => t.weeks));
  const judgedTests = first.tests.filter((t) => t.weeks >= SITES_APART_MIN_WEEKS);
  const tooFewWeeks = first.tests
    .filter((t) => t.weeks < SITES_APART_MIN_WEEKS)
    .map((t) => series[t.index]!.site);
  const base = {
    kind,
    window,
    weeksWithFigures,
    weeksNeeded: SITES_APART_MIN_WEEKS,
    figures,
    tooFewWeeks,
    wobble: first.wobble,
    method: methodText(kind, length, window, reporting.length),
  };
  const all = network.windowFigure(reporting);
  if (judgedTests.length < 2) return { ...base, rest: all, judged: false, apart: [], differing: null };
  if (reporting.length === 2) {
    return { ...base, rest: all, judged: true, apart: [], differing: pair(network, series, first.tests) };
  }

  const apart: SiteApart[] = [];
  const named = new Set<number>();
  let active = reporting;
  let tests = judgedTests;
  while (active.length >= 3 && tests.length > 0) {
    const extreme = tests.reduce((a, b) => (Math.abs(b.z) > Math.abs(a.z) ? b : a));
    const limit = threshold(tests.length);
    if (!(Math.abs(extreme.z) > limit)) break;
    active = active.filter((i) => i !== extreme.index);
    const side = consistent(extreme);
    if (side.holds) {
      apart.push(describe(network, series, extreme, active, side, limit));
      named.add(extreme.index);
    }
    if (active.length < 3) break;
    tests = network.test(active).tests.filter((t) => t.weeks >= SITES_APART_MIN_WEEKS);
  }
  const rest = network.windowFigure(reporting.filter((i) => !named.has(i)));
  return { ...base, rest, judged: true, apart, differing: null };
}

function describe(
  network: Network,
  series: readonly SiteSeries[],
  test: SiteTest,
  others: readonly number[],
  side: { direction: ApartDirection; onSide: number },
  limit: number,
): SiteApart {
  const site = network.cells[test.index]!;
  const reported = (t: number) => site.ok[t] === 1;
  return {
    site: series[test.index]!.site,
    direction: side.direction,
    weeks: test.weeks,
    weeksOnSide: side.onSide,
    value: network.windowFigure([test.index])!,
    comparedValue: network.windowFigure(others, reported) ?? Number.NaN,
    comparedWith: others.map((i) => series[i]!.site),
    gap: test.gap,
    z: test.z,
    threshold: limit,
  };
}

/** Two sites: each one's "rest" is the other, so there is one comparison and one threshold. */
function pair(
  network: Network,
  series: readonly SiteSeries[],
  tests: readonly SiteTest[],
): SitesDiffering | null {
  const test = tests[0];
  if (!test || tests.length !== 2) return null;
  const limit = threshold(1);
  const side = consistent(test);
  if (!(Math.abs(test.z) > limit) || !side.holds) return null;
  const other = tests[1]!.index;
  const [higher, lower] = test.z > 0 ? [test.index, other] : [other, test.index];
  return {
    higher: series[higher]!.site,
    lower: series[lower]!.site,
    higherValue: network.windowFigure([higher])!,
    lowerValue: network.windowFigure([lower])!,
    weeks: test.weeks,
    weeksOnSide: side.onSide,
    gap: Math.abs(test.gap),
    z: Math.abs(test.z),
    threshold: limit,
  };
}

/** The sites that stand apart from the rest of the network over recent weeks (see analyseSitesApart). */
export function sitesApart(series: readonly SiteSeries[], kind: MeasureKind): SiteApart[] {
  return analyseSitesApart(series, kind).apart;
}
