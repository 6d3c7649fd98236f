import {
  ACROSS_SITES_FAMILY_RATE,
  analyseSitesApart,
  compareSites,
  iChart,
  mean,
  pChart,
  type RunChartResult,
  runChart,
  type SiteComparisonResult,
  type SiteFigures,
  type SiteSeries,
  type SitesApartResult,
  type Subgroup,
  uChart,
  type WeekFigure,
} from '../variation/index.ts';
import { buildChartInput, type DigestChartInput } from './chart-input.ts';
import { compareSiteOrder } from './chart-panels.ts';
import {
  NAMED_FOR_MAIN_MEASURE,
  NAMED_FOR_OTHER_MEASURES,
  type NamedSites,
  namedPanels,
  nameSites,
} from './named-sites.ts';
import type { DigestData, DigestMeasure, DigestSite, WeeklyFigure } from './types.ts';

// The statistics behind the digest, per measure, from the weekly figures:
// across sites this week (compareSites), across sites over recent weeks
// (sitesApart), and each site over time (runChart, with the IHI rules as
// detail and, when the runs show nothing, the site's own control limits), as
// docs/statistics.md describes. A site is named when this week's comparison or
// the recent weeks find it apart; the false-alarm rate of that rule is
// calibrated by simulation (docs/architecture.md, "Statistics").

export type Side = 'above' | 'below';

export interface Run {
  side: Side;
  /** Useful points in the run. */
  length: number;
  /** Positions in the measure's `weeks`. */
  start: number;
  end: number;
}

export interface OwnLimits {
  /** "P′ chart (Laney), σz = 1.12" and the like. */
  method: string;
  outside: { index: number; side: Side }[];
}

export interface SiteOverTime {
  site: DigestSite;
  /** Mean weekly denominator (proportions, counts): the site’s typical size, which orders the sites; null for values. */
  size: number | null;
  /** Aligned with the measure's `weeks`; null where the site had no figure. */
  figures: (WeeklyFigure | null)[];
  values: (number | null)[];
  run: RunChartResult;
  /** The longest run on one side of the median, for words and the chart. */
  longestRun: Run | null;
  /** Only when the series is long enough and its runs show no signal (docs/statistics.md §2). */
  ownLimits: OwnLimits | null;
}

export interface MeasureAnalysis {
  measure: DigestMeasure;
  /** From the first week any site has a figure to the digest's week. */
  weeks: string[];
  /** This week's figures across sites, ordered by size. */
  comparison: SiteComparisonResult;
  /** Recent weeks across sites: the sites that stand apart from the rest. */
  apart: SitesApartResult;
  /** Sites with figures in the weeks shown, ordered by size (then name, naturally), never by result: the chart's order. */
  sites: SiteOverTime[];
  /** The sites the digest's first message names for this measure, and the chart highlights. */
  named: NamedSites;
  figureCount: number;
  chart: DigestChartInput;
}

export interface DigestAnalysis {
  /** Measures with figures in the weeks shown; the first is the main one. */
  measures: MeasureAnalysis[];
}

export function analyseDigest(data: DigestData): DigestAnalysis {
  const byMeasure = new Map<number, WeeklyFigure[]>();
  for (const figure of data.figures) {
    const list = byMeasure.get(figure.measureId) ?? [];
    list.push(figure);
    byMeasure.set(figure.measureId, list);
  }
  const analysed = data.measures
    .filter((m) => byMeasure.has(m.id))
    .map((m) => analyseMeasure(data, m, byMeasure.get(m.id)!));
  // The main measure is the one most reported on; ties keep the network's order.
  analysed.sort((a, b) => b.figureCount - a.figureCount);
  // The first message has room for a few sites of the main measure and one of each other.
  const measures = analysed.map((a, i): MeasureAnalysis => {
    const named = nameSites(
      a.sites,
      a.comparison,
      a.apart,
      i === 0 ? NAMED_FOR_MAIN_MEASURE : NAMED_FOR_OTHER_MEASURES,
    );
    return {
      ...a,
      named,
      chart: buildChartInput(a.measure, a.weeks, a.sites, namedPanels(named)),
    };
  });
  return { measures };
}

function analyseMeasure(
  data: DigestData,
  measure: DigestMeasure,
  figures: WeeklyFigure[],
): Omit<MeasureAnalysis, 'named' | 'chart'> {
  const position = new Map(data.weeks.map((w, i) => [w, i]));
  const first = Math.min(...figures.map((f) => position.get(f.week) ?? Number.POSITIVE_INFINITY));
  const weeks = data.weeks.slice(Number.isFinite(first) ? first : data.weeks.length - 1);
  const index = new Map(weeks.map((w, i) => [w, i]));

  const bySite = new Map<number, (WeeklyFigure | null)[]>();
  for (const figure of figures) {
    const at = index.get(figure.week);
    if (at === undefined) continue;
    const row = bySite.get(figure.siteId) ?? new Array<WeeklyFigure | null>(weeks.length).fill(null);
    row[at] = figure;
    bySite.set(figure.siteId, row);
  }

  const sites = data.sites
    .filter((s) => bySite.has(s.id))
    .map((site) => siteOverTime(measure, site, bySite.get(site.id)!));
  sites.sort(bySizeThenName);

  const comparison = compareSites(
    sites.map((s) => thisWeek(measure, s.site, s.figures.at(-1) ?? null)),
    measure.kind,
    { familyRate: ACROSS_SITES_FAMILY_RATE },
  );
  const apart = analyseSitesApart(
    sites.map((s) => recentWeeks(measure, s)),
    measure.kind,
  );
  return {
    measure,
    weeks,
    comparison,
    apart,
    sites,
    figureCount: figures.reduce((sum, f) => sum + f.figures, 0),
  };
}

/** The one order of sites the chart and the text share (chart-panels.ts). */
function bySizeThenName(a: SiteOverTime, b: SiteOverTime): number {
  return compareSiteOrder({ name: a.site.name, size: a.size }, { name: b.site.name, size: b.size });
}

/** What compareSites needs: a proportion or count without counts is a value it cannot weigh. */
function thisWeek(measure: DigestMeasure, site: DigestSite, figure: WeeklyFigure | null): SiteFigures {
  if (figure === null) return { site: site.name };
  if (measure.kind === 'value') return { site: site.name, value: figure.value };
  if (figure.numerator === null || figure.denominator === null) return { site: site.name };
  return { site: site.name, numerator: figure.numerator, denominator: figure.denominator };
}

/** A site's weekly series for sitesApart: a proportion or count without counts cannot be weighed. */
function recentWeeks(measure: DigestMeasure, s: SiteOverTime): SiteSeries {
  const weeks = s.figures.map((f): WeekFigure | null => {
    if (f === null) return null;
    if (measure.kind === 'value') return { value: f.value };
    if (f.numerator === null || f.denominator === null) return null;
    return { numerator: f.numerator, denominator: f.denominator };
  });
  return { site: s.site.name, weeks };
}

function siteOverTime(
  measure: DigestMeasure,
  site: DigestSite,
  figures: (WeeklyFigure | null)[],
): SiteOverTime {
  const values = figures.map((f) => f?.value ?? null);
  const run = runChart(values);
  const denominators = figures.flatMap((f) => (f?.denominator != null ? [f.denominator] : []));
  const size = measure.kind !== 'value' && denominators.length > 0 ? mean(denominators) : null;
  return {
    site,
    size,
    figures,
    values,
    run,
    longestRun: longestRun(values, run.centre),
    ownLimits: run.tooShort || run.runsSignal ? null : ownLimits(measure, figures, values),
  };
}

/**
 * The longest run of useful points on one side of the centre (points on it
 * are skipped, as in runChart); the latest wins a tie, being the news.
 */
export function longestRun(values: readonly (number | null)[], centre: number | null): Run | null {
  if (centre === null) return null;
  let best: Run | null = null;
  let current: Run | null = null;
  values.forEach((value, index) => {
    if (value === null || !Number.isFinite(value) || value === centre) return;
    const side: Side = value > centre ? 'above' : 'below';
    if (current && current.side === side) {
      current.length++;
      current.end = index;
    } else {
      current = { side, length: 1, start: index, end: index };
    }
    if (!best || current.length >= best.length) best = { ...current };
  });
  return best;
}

/** The site's own limits over time: P′ or U′ (Laney) for counts, an I chart for values. */
function ownLimits(
  measure: DigestMeasure,
  figures: (WeeklyFigure | null)[],
  values: (number | null)[],
): OwnLimits | null {
  if (measure.kind === 'value') {
    const chart = iChart(values);
    if (chart.upper === null || chart.lower === null) return null;
    const { upper } = chart;
    return {
      method: 'I chart',
      outside: chart.outside.map((index) => ({
        index,
        side: (values[index] ?? 0) > upper ? 'above' : 'below',
      })),
    };
  }
  const subgroups: Subgroup[] = figures.map((f) =>
    f && f.numerator !== null && f.denominator !== null
      ? { numerator: f.numerator, denominator: f.denominator }
      : { numerator: 0, denominator: 0 },
  );
  if (subgroups.filter((s) => s.denominator > 0).length < 2) return null;
  const chart =
    measure.kind === 'proportion' ? pChart(subgroups, { prime: true }) : uChart(subgroups, { prime: true });
  return {
    method: chart.method,
    outside: chart.points.flatMap((p, index) => (p.outside ? [{ index, side: p.outside }] : [])),
  };
}
