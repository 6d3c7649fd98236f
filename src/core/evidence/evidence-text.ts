import { shortened } from '../shortened.ts';
import {
  type ConditionEvidence,
  type EvidenceMeasure,
  type GroupEvidence,
  type IdeaEvidence,
  type MeasureResults,
  MIN_SITES,
  type SiteDecisions,
  type ValueEvidence,
} from './by-condition.ts';

// The evidence on an idea in words an educator reads on a phone: counts of
// sites and results, the spread of results around their predictions, and
// plainly "too few sites to say anything" where that is so.

const SITES_NAMED = 5;
const LESSONS_SHOWN = 6;

const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

function listAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function sitesNamed(sites: readonly string[]): string {
  const shown = sites.slice(0, SITES_NAMED);
  return sites.length > SITES_NAMED
    ? `${shown.join(', ')} and ${sites.length - SITES_NAMED} more`
    : listAnd(shown);
}

/**
 * A gap as the measure is read (percentage points for proportions, else the
 * measure's own units), rounded for reading: whole from 1 up, one decimal
 * below, so a spread reads "5–9", not "4.87–9.13".
 */
function gapSize(measure: EvidenceMeasure, gap: number): number {
  const size = Math.abs(measure.kind === 'proportion' ? gap * 100 : gap);
  return size >= 1 ? Math.round(size) : Number(size.toFixed(1));
}

function gapUnit(measure: EvidenceMeasure, size: number): string {
  if (measure.kind === 'proportion') return size === 1 ? ' percentage point' : ' percentage points';
  return measure.unit && measure.unit !== '%' ? ` ${measure.unit}` : '';
}

const shown = (size: number) => size.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** "results came in 5–9 percentage points below their predictions", or null without any prediction. */
export function gapsText(r: MeasureResults): string | null {
  if (r.gaps.length === 0) return null;
  const sizes = r.gaps.map((g) => ({ size: gapSize(r.measure, g), above: g > 0 }));
  const below = sizes.filter((s) => s.size > 0 && !s.above).map((s) => s.size);
  const above = sizes.filter((s) => s.size > 0 && s.above).map((s) => s.size);
  const one = r.gaps.length === 1;
  if (below.length === 0 && above.length === 0)
    return one ? 'the result was just as predicted' : 'results were just as predicted';
  if (below.length && above.length) {
    const lo = Math.max(...below);
    const hi = Math.max(...above);
    return `results ranged from ${shown(lo)}${gapUnit(r.measure, lo)} below to ${shown(hi)}${gapUnit(r.measure, hi)} above their predictions`;
  }
  const side = below.length ? below : above;
  const zeros = sizes.length - side.length;
  const lo = zeros > 0 ? 0 : Math.min(...side);
  const hi = Math.max(...side);
  const span = lo === hi ? shown(hi) : `${shown(lo)}–${shown(hi)}`;
  const where = below.length ? 'below' : 'above';
  return one
    ? `the result came in ${span}${gapUnit(r.measure, hi)} ${where} its prediction`
    : `results came in ${span}${gapUnit(r.measure, hi)} ${where} their predictions`;
}

/** "3 of 4 results better than their site's baseline", or null when no site had one. */
export function baselineText(r: MeasureResults): string | null {
  const known = r.better + r.worse + r.same;
  if (known === 0) return null;
  if (known === 1 && r.noBaseline === 0) {
    return `the result was ${r.better ? 'better than' : r.worse ? 'worse than' : 'the same as'} the site's baseline`;
  }
  const head = `${r.better} of ${n(known, 'result')} better than their site's baseline`;
  return r.noBaseline > 0 ? `${head} (${r.noBaseline} with no baseline)` : head;
}

/** "adopted at 3 of 3", "adopted at 1 of 2, abandoned at 1 of 2"; for one site "adopted". */
export function decisionsText(d: SiteDecisions): string {
  const total = d.adopt + d.adapt + d.abandon + d.testing;
  const words: [keyof SiteDecisions, string][] = [
    ['adopt', 'adopted'],
    ['adapt', 'adapted'],
    ['abandon', 'abandoned'],
    ['testing', 'still testing'],
  ];
  return words
    .filter(([k]) => d[k] > 0)
    .map(([k, word]) => (total === 1 ? word : `${word} at ${d[k]} of ${total}`))
    .join(', ');
}

/** The results of a group, per measure when the idea was tested on more than one. */
export function resultsText(results: readonly MeasureResults[]): string | null {
  const parts = results
    .map((r) => {
      const said = [gapsText(r), baselineText(r)].filter((s): s is string => s !== null).join('; ');
      if (said === '') return null;
      return results.length > 1 ? `${r.measure.name}: ${said}` : said;
    })
    .filter((s): s is string => s !== null);
  return parts.length ? parts.join('. ') : null;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function groupSentence(g: GroupEvidence): string {
  const results = resultsText(g.results);
  return `${capital(decisionsText(g.decisions))}${results ? `; ${results}` : ''}.`;
}

/**
 * One value of a condition: its sites, what they decided and how their
 * results moved; with too few sites, only what they decided, and that
 * nothing can be said yet.
 */
export function valueLine(condition: string, v: ValueEvidence): string {
  const head = `• **${v.value}** (${n(v.sites.length, 'site')}: ${sitesNamed(v.sites)})`;
  if (v.tooFew) {
    return `${head}: ${decisionsText(v.decisions)}. Too few sites to say anything about ${condition} ${v.value} yet (fewer than ${MIN_SITES}).`;
  }
  return `${head}: ${groupSentence(v)}`;
}

/** The lines for one condition: a heading, a line per value tested, the values not tested, the unknown. */
export function conditionLines(c: ConditionEvidence): string[] {
  const lines = [`**By ${c.name}**`, ...c.tested.map((v) => valueLine(c.name, v))];
  if (c.untested.length) lines.push(`• Not tested yet where ${c.name} is ${listAnd(c.untested)}.`);
  if (c.unknown.length)
    lines.push(`• ${capital(c.name)} not recorded when they tested it: ${sitesNamed(c.unknown)}.`);
  return lines;
}

/** An idea as people read it: its number in the network, its text, its driver. */
export type IdeaHeading = { number: number; text: string; driver: string | null };

/** The whole answer to "for whom, under what conditions" for one idea. */
export function evidenceLines(idea: IdeaHeading, e: IdeaEvidence): string[] {
  const lines = [`**Idea ${idea.number}: ${idea.text}**${idea.driver ? ` (driver: ${idea.driver})` : ''}`];
  if (e.cycles === 0) {
    lines.push(`No site has tested it yet. Start a cycle: \`/pdsa start <site> idea ${idea.number}\`.`);
    return lines;
  }
  lines.push(`Tested in ${n(e.cycles, 'cycle')} at ${n(e.sites.length, 'site')}. ${groupSentence(e)}`);
  if (e.conditions.length === 0) {
    lines.push(
      '_The network has no site conditions yet, so the evidence cannot be split by them: `/pdsa condition add level values elementary, middle, high`._',
    );
  }
  for (const c of e.conditions) lines.push('', ...conditionLines(c));
  if (e.lessons.length) {
    lines.push('', '**Lessons**');
    for (const l of e.lessons.slice(0, LESSONS_SHOWN)) lines.push(lessonLine(l));
    if (e.lessons.length > LESSONS_SHOWN)
      lines.push(`…and ${e.lessons.length - LESSONS_SHOWN} more in \`/pdsa export\`.`);
  }
  return lines;
}

export function lessonLine(l: IdeaEvidence['lessons'][number], max = 240): string {
  const where = l.values.length ? ` (${l.values.join(', ')})` : '';
  const next = l.nextStep ? ` Next: “${shortened(l.nextStep.replace(/\s+/g, ' ').trim(), 160)}”` : '';
  return `• ${l.site}${where}, cycle #${l.cycleId}${l.decision ? `, ${l.decision}` : ''}: “${shortened(l.learned.replace(/\s+/g, ' ').trim(), max)}”${next}`;
}

/** "results 5–9 points below predictions", in whole points, for the digest's short lines. */
export function shortGapsText(r: MeasureResults): string | null {
  if (r.gaps.length === 0) return null;
  const sizes = r.gaps.map((g) => ({ size: Math.round(gapSize(r.measure, g)), above: g > 0 }));
  const unit = r.measure.kind === 'proportion' ? ' points' : gapUnit(r.measure, 2);
  const below = sizes.filter((s) => s.size > 0 && !s.above).map((s) => s.size);
  const above = sizes.filter((s) => s.size > 0 && s.above).map((s) => s.size);
  if (below.length === 0 && above.length === 0) return 'results as predicted';
  if (below.length && above.length)
    return `results from ${Math.max(...below)} below to ${Math.max(...above)}${unit} above predictions`;
  const side = below.length ? below : above;
  const lo = side.length < sizes.length ? 0 : Math.min(...side);
  const hi = Math.max(...side);
  return `results ${lo === hi ? hi : `${lo}–${hi}`}${unit} ${below.length ? 'below' : 'above'} predictions`;
}

/** One line per condition for the digest: the values with enough sites, then those with too few. */
export function compactConditionLine(c: ConditionEvidence): string | null {
  const enough = c.tested.filter((v) => !v.tooFew);
  const few = c.tested.filter((v) => v.tooFew);
  if (enough.length === 0 && few.length === 0) return null;
  const parts = enough.map((v) => {
    const results = v.results.length === 1 ? shortGapsText(v.results[0]!) : null;
    return `${v.value}: ${decisionsText(v.decisions)}${results ? ` (${results})` : ''}`;
  });
  if (few.length)
    parts.push(
      `too few sites yet to say anything about ${listAnd(few.map((v) => `${v.value} (${n(v.sites.length, 'site')})`))}`,
    );
  return `• By ${c.name}: ${parts.join('; ')}.`;
}
