import { MIN_USEFUL_POINTS, type SiteComparison } from '../variation/index.ts';
import type { MeasureAnalysis, SiteOverTime } from './analyse.ts';
import { type ApartText, apartText } from './apart-text.ts';
import {
  figureText,
  listAnd,
  percent,
  plural,
  rangeText,
  valueText,
  weekSpan,
  weekStartText,
} from './format.ts';

// The variation of one measure in plain sentences, with the numbers behind
// each (docs/statistics.md §3 and "Principles"). Sites are listed in the analysis's
// order, by size, never ranked by their result.

export interface VariationText {
  /** Sites apart from the rest over recent weeks, and what the thread says about it. */
  apart: ApartText;
  /** Details: the comparison's method and every other site's figure. */
  comparisonDetail: string[];
  /** Details: too short, quiet sites, IHI detail and own limits. */
  overTimeDetail: string[];
}

function chartName(a: MeasureAnalysis): string {
  const prime = a.comparison.sigmaZ !== undefined && a.comparison.sigmaZ > 1;
  switch (a.measure.kind) {
    case 'proportion':
      return prime ? 'P′' : 'P';
    case 'count':
      return prime ? 'U′' : 'U';
    case 'value':
      return 'I chart';
  }
}

function figureOf(a: MeasureAnalysis, site: string) {
  return a.sites.find((s) => s.site.name === site)?.figures.at(-1) ?? null;
}

function siteFigure(a: MeasureAnalysis, c: SiteComparison, decimals = 0): string {
  const f = figureOf(a, c.site);
  return f ? figureText(a.measure, f, decimals) : valueText(a.measure, c.value);
}

export function beyondChanceSentence(a: MeasureAnalysis, c: SiteComparison): string {
  // "88%, above … limits 58–88%" would read as a contradiction: show a decimal when rounding hides the gap.
  const bound = c.verdict === 'above' ? c.upper : c.lower;
  const decimals =
    a.measure.kind === 'proportion' && bound !== null && percent(c.value) === percent(bound) ? 1 : 0;
  const limits =
    c.lower !== null && c.upper !== null
      ? `${chartName(a)} limits ${rangeText(a.measure, c.lower, c.upper, decimals)}`
      : '';
  const sigma =
    a.comparison.sigmaZ !== undefined && a.comparison.sigmaZ > 1
      ? `, σz ${a.comparison.sigmaZ.toFixed(1)}`
      : '';
  const forSize = a.measure.kind === 'value' ? '' : ' for its size';
  return `${c.site}: ${siteFigure(a, c, decimals)}, ${c.verdict} the expected range${forSize} (${limits}${sigma})`;
}

function betterSide(a: MeasureAnalysis, side: 'above' | 'below'): string {
  const better = (side === 'above') === (a.measure.better === 'higher');
  return better ? 'the better side' : 'the worse side';
}

/**
 * "Brook: 8 weeks in a row above its median (5 Oct – 29 Nov; limit 7 for 20
 * points)", and/or the crossings, and which side the latest run is on.
 */
export function signalSentence(a: MeasureAnalysis, s: SiteOverTime): string {
  const { run, longestRun } = s;
  const parts: string[] = [];
  if (run.longRunSignal && longestRun) {
    parts.push(
      `${longestRun.length} weeks in a row ${longestRun.side} its median (${weekSpan(a.weeks, longestRun.start, longestRun.end)}; limit ${run.longestRunLimit} for ${run.n} points)`,
    );
  }
  if (run.fewCrossingsSignal) {
    const of = run.longRunSignal ? '' : ' of its median';
    parts.push(
      `only ${plural(run.crossings, 'crossing')}${of} in ${run.n} points (at least ${run.crossingsMin} expected)`,
    );
  }
  let text = `${s.site.name}: ${parts.join(' and ')}`;
  if (!longestRun) return text;
  const recent = longestRun.end === a.weeks.length - 1;
  if (run.longRunSignal) {
    if (recent) text += `; the run goes on to this week, on ${betterSide(a, longestRun.side)}`;
  } else if (recent) {
    text += `: the last ${longestRun.length} weeks all ${longestRun.side} it, on ${betterSide(a, longestRun.side)}`;
  } else {
    text += `: the longest run is ${longestRun.length} weeks ${longestRun.side} it (${weekSpan(a.weeks, longestRun.start, longestRun.end)})`;
  }
  return text;
}

/** "6 weeks of data", or "7 weeks of data (6 useful, off the median)" when points sit on the median. */
function weeksOfData(s: SiteOverTime): string {
  const { observations, n } = s.run;
  const weeks = `${plural(observations, 'week')} of data`;
  return observations === n ? weeks : `${weeks} (${n} useful, off the median)`;
}

export function tooShortSentence(s: SiteOverTime): string {
  return `${s.site.name}: ${weeksOfData(s)}, too few to judge (${MIN_USEFUL_POINTS} needed)`;
}

function ihiDetail(a: MeasureAnalysis, s: SiteOverTime): string | null {
  const parts = [
    ...s.run.shifts.map(
      (shift) =>
        `a shift of ${shift.length} weeks ${shift.side} the median (${weekSpan(a.weeks, shift.start, shift.end)})`,
    ),
    ...s.run.trends.map(
      (trend) =>
        `a trend of ${trend.length} weeks ${trend.direction === 'up' ? 'rising' : 'falling'} (${weekSpan(a.weeks, trend.start, trend.end)})`,
    ),
  ];
  return parts.length ? `${s.site.name}: ${listAnd(parts)}` : null;
}

function ownLimitsDetail(a: MeasureAnalysis, s: SiteOverTime): string | null {
  const own = s.ownLimits;
  if (!own || own.outside.length === 0) return null;
  const points = own.outside.map((o) => `the week of ${weekStartText(a.weeks[o.index] ?? '')} ${o.side}`);
  return `${s.site.name}: ${listAnd(points)} its own limits (${own.method}, over ${s.run.observations} weeks)`;
}

export function variationText(a: MeasureAnalysis): VariationText {
  const cmp = a.comparison;
  const flagged = cmp.sites.filter((c) => c.verdict !== 'within');
  const within = cmp.sites.filter((c) => c.verdict === 'within');
  const judged = a.sites.filter((s) => !s.run.tooShort);
  const withSignal = judged.filter((s) => s.run.runsSignal);
  const quiet = judged.filter((s) => !s.run.runsSignal);
  const short = a.sites.filter((s) => s.run.tooShort);

  const comparisonDetail: string[] = [];
  if (cmp.sites.length < 2) {
    comparisonDetail.push(`${cmp.method}.`);
  } else {
    const centre =
      cmp.centre === null ? '' : `; the network’s figure this week is ${valueText(a.measure, cmp.centre)}`;
    comparisonDetail.push(`Across sites this week: ${cmp.method}${centre}.`);
    if (flagged.length) {
      comparisonDetail.push('Different beyond chance:');
      comparisonDetail.push(...flagged.map((c) => `• ${beyondChanceSentence(a, c)}.`));
    }
    if (within.length) {
      comparisonDetail.push(
        `Within expected variation (${within.length}): ${within.map((c) => `${c.site} ${siteFigure(a, c)}`).join('; ')}.`,
      );
    }
    if (cmp.sites.length < 12 && cmp.sites.length >= 2 && cmp.kind !== 'value') {
      comparisonDetail.push(
        `With ${cmp.sites.length} sites this comparison is cautious: one site’s own result widens everyone’s limits (σz is estimated across the sites), so a single site rarely stands out in one week. The recent weeks, below, answer whether a site stands apart.`,
      );
    }
  }
  if (cmp.missing.length) comparisonDetail.push(`No figure this week: ${listAnd(cmp.missing)}.`);

  const overTimeDetail: string[] = [];
  overTimeDetail.push(`Over time (each site’s weekly run chart, ${plural(a.weeks.length, 'week')} shown):`);
  overTimeDetail.push(...withSignal.map((s) => `• ${signalSentence(a, s)}.`));
  overTimeDetail.push(
    ...short.map((s) =>
      s.run.n === 0
        ? `• ${tooShortSentence(s)}.`
        : `• ${tooShortSentence(s)}; so far its longest run is ${s.run.longestRun} and it crosses its median ${plural(s.run.crossings, 'time')}.`,
    ),
  );
  if (quiet.length) {
    overTimeDetail.push(
      `No unusual runs or crossings (${quiet.length}): ${quiet.map((s) => `${s.site.name} (${s.run.n} points)`).join(', ')}.`,
    );
  }
  const ihi = judged.map((s) => ihiDetail(a, s)).filter((t): t is string => t !== null);
  if (ihi.length) overTimeDetail.push(`Supporting detail (IHI rules): ${ihi.join('; ')}.`);
  const own = quiet.map((s) => ownLimitsDetail(a, s)).filter((t): t is string => t !== null);
  if (own.length) overTimeDetail.push(`Outside a site’s own control limits: ${own.join('; ')}.`);

  return {
    apart: apartText(a),
    comparisonDetail,
    overTimeDetail,
  };
}
