import type { SiteApart, SitesApartResult } from '../variation/index.ts';
import type { MeasureAnalysis } from './analyse.ts';
import { gapText, listAnd, plural, rangeText, valueText } from './format.ts';

// What the digest says about sites that stand apart from the rest of the
// network over recent weeks (docs/statistics.md §4): the sentences of
// the channel message and the numbers behind them for the thread.

/** Up to this many other sites, their figures are given as a range; beyond, their pooled figure. */
const OTHERS_AS_RANGE = 6;

export interface ApartText {
  /** Two sites that differ, neither called apart. */
  differing: string | null;
  /** The thread's lines. */
  detail: string[];
}

function lastWeeks(r: SitesApartResult): string {
  return r.window === 1 ? 'the last week' : `the last ${r.window} weeks`;
}

/** "for the last 5 weeks", or "in 5 of the last 6 weeks". */
function howLong(r: SitesApartResult, weeksOnSide: number): string {
  return weeksOnSide === r.window ? `for ${lastWeeks(r)}` : `in ${weeksOnSide} of ${lastWeeks(r)}`;
}

/** The figures of the sites not named apart, over the window: "67–72% at the other sites". */
function othersText(a: MeasureAnalysis): string {
  const r = a.apart;
  const named = new Set(r.apart.map((s) => s.site));
  const others = r.figures.filter((f) => !named.has(f.site) && f.value !== null);
  const values = others.map((f) => f.value!);
  if (values.length === 0) return '';
  if (values.length === 1) return ` against ${valueText(a.measure, values[0]!)} at ${others[0]!.site}`;
  const low = Math.min(...values);
  const high = Math.max(...values);
  const range =
    valueText(a.measure, low) === valueText(a.measure, high)
      ? valueText(a.measure, low)
      : rangeText(a.measure, low, high);
  if (values.length <= OTHERS_AS_RANGE) return ` against ${range} at the other sites`;
  if (r.rest === null) return ` against ${range} across the other ${values.length} sites`;
  const pooled = valueText(a.measure, r.rest);
  const spread = range === pooled ? '' : ` (${range})`;
  return ` against ${pooled} across the other ${values.length} sites${spread}`;
}

/** "Cedar has been below the rest of the network for the last 5 weeks: 17% against 69% at the other sites". */
export function apartSentence(a: MeasureAnalysis, s: SiteApart): string {
  return `${s.site} has been ${apartClause(a, s)}: ${valueText(a.measure, s.value)}${othersText(a)}`;
}

/** "below the rest of the network for the last 5 weeks". */
export function apartClause(a: MeasureAnalysis, s: SiteApart): string {
  return `${s.direction} the rest of the network ${howLong(a.apart, s.weeksOnSide)}`;
}

/** In the analysis's order (by size, then name): never a league table. */
function inSiteOrder(a: MeasureAnalysis, sites: readonly SiteApart[]): SiteApart[] {
  const order = new Map(a.sites.map((s, i) => [s.site.name, i]));
  return [...sites].sort((x, y) => (order.get(x.site) ?? 0) - (order.get(y.site) ?? 0));
}

function differingSentence(a: MeasureAnalysis): string | null {
  const d = a.apart.differing;
  if (!d) return null;
  return `${d.higher} has been above ${d.lower} ${howLong(a.apart, d.weeksOnSide)}: ${valueText(a.measure, d.higherValue)} against ${valueText(a.measure, d.lowerValue)}. With only two sites the digest cannot tell which of them is the unusual one`;
}

function detailLine(a: MeasureAnalysis, s: SiteApart): string {
  const gap = gapText(a.measure, s.gap);
  return `• ${s.site}: ${s.direction} the rest in ${s.weeksOnSide} of ${plural(s.weeks, 'week')} with figures; ${valueText(a.measure, s.value)} against ${valueText(a.measure, s.comparedValue)} at the ${plural(s.comparedWith.length, 'site')} it was compared with; a gap of ${gap}, ${Math.abs(s.z).toFixed(1)} standard errors (more than ${s.threshold.toFixed(1)} needed).`;
}

function wobbleText(a: MeasureAnalysis): string {
  const r = a.apart;
  if (a.measure.kind === 'value') {
    return `Week-to-week noise of a site against the rest: about ${gapText(a.measure, r.wobble)}, or a site’s own when larger.`;
  }
  const noise =
    a.measure.kind === 'proportion' ? 'the binomial noise of the counts' : 'the Poisson noise of the counts';
  const wobble = gapText(a.measure, r.wobble);
  if (wobble.startsWith('0 ')) return `Week-to-week wobble of a site: none beyond ${noise}.`;
  return `Week-to-week wobble of a site beyond ${noise}: about ${wobble}.`;
}

export function apartText(a: MeasureAnalysis): ApartText {
  const r = a.apart;
  const compared = r.figures.filter((f) => f.value !== null).length;
  const detail: string[] = compared < 2 ? [] : [`Across sites over recent weeks: ${r.method}.`];
  if (!r.judged && compared >= 2) {
    detail.push(
      `Too few weeks to judge yet: ${plural(r.weeksWithFigures, 'week')} of figures, ${r.weeksNeeded} needed.`,
    );
  }
  if (r.apart.length) {
    detail.push('Apart from the rest:');
    detail.push(...inSiteOrder(a, r.apart).map((s) => detailLine(a, s)));
  }
  const differing = differingSentence(a);
  if (differing) detail.push(`${differing}.`);
  const named = new Set(r.apart.map((s) => s.site));
  const notApart = r.figures.filter(
    (f) => f.value !== null && !named.has(f.site) && !r.tooFewWeeks.includes(f.site),
  );
  if (r.judged && compared > 2 && notApart.length) {
    detail.push(
      `Not apart (${notApart.length}), over ${lastWeeks(r)}: ${notApart.map((f) => `${f.site} ${valueText(a.measure, f.value!)}`).join('; ')}.`,
    );
  }
  if (r.tooFewWeeks.length && r.judged) {
    const names = r.figures
      .filter((f) => r.tooFewWeeks.includes(f.site))
      .map((f) => `${f.site} (${plural(f.weeks, 'week')})`);
    detail.push(`Too few weeks in ${lastWeeks(r)} to judge: ${listAnd(names)}; ${r.weeksNeeded} needed.`);
  }
  if (r.judged) detail.push(wobbleText(a));
  return { differing, detail };
}
