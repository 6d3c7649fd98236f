import type { SiteComparison } from '../variation/index.ts';
import type { DigestAnalysis, MeasureAnalysis } from './analyse.ts';
import { apartClause, apartSentence } from './apart-text.ts';
import { dayText, listAnd, plural, valueText, weekSpan, weekStartText } from './format.ts';
import type { NamedSite } from './named-sites.ts';
import type { SiteComparator } from './site-order.ts';
import { quote } from './text-blocks.ts';
import type { DigestData } from './types.ts';
import type { VariationText } from './variation-text.ts';

// The digest's first message, the one-minute read: what the network did,
// what to celebrate, where a site stands apart or changed, and who needs a
// nudge, in words a teacher uses. No statistical term and no week number
// appears here: the thread has them, with every figure behind these lines.

const PHASE: Record<string, string> = { plan: 'Plan', do: 'Do', study: 'Study', act: 'Act' };

/** People named in the "needs a nudge" line; the thread lists them all. */
const NUDGES_NAMED = 3;
/** Change ideas named in the "to celebrate" line. */
const IDEAS_CELEBRATED = 2;
const SITES_PER_IDEA = 3;

/** "**This week:** 6 cycles started and 6 completed (3 adopt, 3 adapt), 12 active in all. 29 of 30 check-ins answered." */
export function weekLine(data: DigestData): string {
  const c = data.cycles;
  const tally = decisionTally(data);
  const decided = tally
    ? data.decisions.length === c.completed
      ? ` (${tally})`
      : `; decisions: ${tally}`
    : '';
  const early = c.closedEarly > 0 ? `; ${c.closedEarly} closed early without a decision` : '';
  const cycles =
    c.started === 0 && c.completed === 0 && c.closedEarly === 0
      ? `no cycle started or completed, ${c.active} active in all.`
      : `${plural(c.started, 'cycle')} started and ${c.completed} completed${decided}${early}, ${c.active} active in all.`;
  const asked = data.participation.reduce((n, p) => n + p.asked, 0);
  const answered = data.participation.reduce((n, p) => n + p.answered, 0);
  const checkins =
    asked === 0
      ? ''
      : answered === asked
        ? ` All ${plural(asked, 'check-in')} answered.`
        : ` ${answered.toLocaleString('en-US')} of ${plural(asked, 'check-in')} answered.`;
  return `**This week:** ${cycles}${checkins}`;
}

function decisionTally(data: DigestData): string {
  return (['adopt', 'adapt', 'abandon'] as const)
    .map((d) => [d, data.decisions.filter((x) => x.decision === d).length] as const)
    .filter(([, n]) => n > 0)
    .map(([d, n]) => `${n} ${d}`)
    .join(', ');
}

/** "**To celebrate:** Lincoln Middle and Maple Elementary adopted “Greet every student…”", or null. */
export function celebrateLine(data: DigestData, order: SiteComparator): string | null {
  const siteName = new Map(data.sites.map((s) => [s.id, s.name]));
  const byIdea = new Map<number, { idea: string; sites: string[] }>();
  for (const d of data.decisions) {
    if (d.decision !== 'adopt') continue;
    const entry = byIdea.get(d.changeIdeaId) ?? { idea: d.changeIdea, sites: [] };
    const site = siteName.get(d.siteId);
    if (site && !entry.sites.includes(site)) entry.sites.push(site);
    byIdea.set(d.changeIdeaId, entry);
  }
  if (byIdea.size === 0) return null;
  const ideas = [...byIdea].sort(([a], [b]) => a - b).map(([, entry]) => entry);
  const shown = ideas.slice(0, IDEAS_CELEBRATED).map(({ idea, sites }) => {
    const sorted = [...sites].sort(order);
    const named =
      sorted.length === 0
        ? 'A site'
        : sorted.length <= SITES_PER_IDEA
          ? listAnd(sorted)
          : `${sorted.slice(0, SITES_PER_IDEA).join(', ')} and ${plural(sorted.length - SITES_PER_IDEA, 'more site')}`;
    return `${named} adopted ${quote(idea, 80)}`;
  });
  const more = ideas.length - shown.length;
  const rest =
    more > 0 ? `, and ${plural(more, 'more change idea')} ${more === 1 ? 'was' : 'were'} adopted` : '';
  return `**To celebrate:** ${shown.join(', and ')}${rest}.`;
}

function betterOrWorse(a: MeasureAnalysis, side: 'above' | 'below'): 'better' | 'worse' {
  return (side === 'above') === (a.measure.better === 'higher') ? 'better' : 'worse';
}

/** "Aspen Middle rose to 98% this week, well above what its size would explain". */
function thisWeekClause(a: MeasureAnalysis, named: NamedSite, c: SiteComparison): string {
  const values = named.site.values;
  const now = values.at(-1) ?? c.value;
  const before = values.length > 1 ? values.at(-2) : null;
  const shown = valueText(a.measure, now);
  const verb =
    before == null || valueText(a.measure, before) === shown
      ? 'was at'
      : now > before
        ? 'rose to'
        : 'fell to';
  const against = a.measure.kind === 'value' ? 'the other sites' : 'what its size would explain';
  return `${named.site.site.name} ${verb} ${shown} this week, well ${c.verdict} ${against}`;
}

/** A site whose own weekly series changed, in words: the runs it made, never the rule that found them. */
function changedSentence(a: MeasureAnalysis, named: NamedSite): string {
  const s = named.site;
  const run = s.longestRun!;
  const name = s.site.name;
  const level = `${run.side} its usual level`;
  if (run.end === a.weeks.length - 1) {
    return `${name} has been ${level} for the last ${run.length} weeks, since ${weekStartText(a.weeks[run.start] ?? '')}: a change for the ${betterOrWorse(a, run.side)}`;
  }
  const span = weekSpan(a.weeks, run.start, run.end);
  if (s.run.longRunSignal)
    return `${name} changed over the weeks: ${run.length} weeks in a row ${level}, ${span}`;
  return `${name}’s figures moved in long stretches rather than week to week, the longest ${run.length} weeks ${level}, ${span}`;
}

function namedSentence(a: MeasureAnalysis, named: NamedSite): string {
  if (named.thisWeek && named.apart) {
    const s = named.apart;
    return `${thisWeekClause(a, named, named.thisWeek)}; it has been ${apartClause(a, s)} (${valueText(a.measure, s.value)} against ${valueText(a.measure, s.comparedValue)})`;
  }
  if (named.apart) return apartSentence(a, named.apart);
  if (named.thisWeek) return thisWeekClause(a, named, named.thisWeek);
  return changedSentence(a, named);
}

/** Above this many sites, one week's comparison across sites can name a site (docs/statistics.md §3). */
const ONE_WEEK_JUDGES_ABOVE = 10;

/**
 * A measure's lines: its name, then the sites it names, or why it names
 * none. Never "no site is different" when the weeks could not tell.
 */
export function measureLines(a: MeasureAnalysis, v: VariationText): string[] {
  const { shown, moreApart, moreChanged } = a.named;
  const r = a.apart;
  const compared = a.sites.length;
  const weeks = r.window === 1 ? 'the last week' : `the last ${r.window} weeks`;
  const oneWeekJudges = a.comparison.sites.length > ONE_WEEK_JUDGES_ABOVE;
  const acrossSites = moreApart > 0 || shown.some((n) => !n.changed);
  const lines: string[] = [];
  if (compared < 2) {
    lines.push(
      `Only ${a.sites[0]?.site.name ?? 'one site'} has figures so far, so there is no other site to compare it with.`,
    );
  } else {
    if (v.apart.differing) lines.push(`${v.apart.differing}.`);
    if (!r.judged) {
      lines.push(
        `Too few weeks yet to tell whether a site stands apart from the rest: ${plural(r.weeksWithFigures, 'week')} of figures so far, ${r.weeksNeeded} needed.`,
      );
      if (oneWeekJudges && !acrossSites)
        lines.push(`No site stood out this week for its size (${compared} sites compared).`);
    } else if (!acrossSites && !v.apart.differing) {
      if (compared === 2) {
        lines.push(`The two sites have not differed by more than their usual ups and downs over ${weeks}.`);
      } else {
        const when = oneWeekJudges ? `, this week or over ${weeks}` : ` over ${weeks}`;
        lines.push(`No site stands apart from the rest of the network${when} (${compared} sites compared).`);
      }
    }
  }
  lines.push(...shown.map((n) => `${namedSentence(a, n)}.`));
  const more = [
    moreApart
      ? `${plural(moreApart, 'more site')} ${moreApart === 1 ? 'stands' : 'stand'} apart from the rest`
      : '',
    moreChanged ? `${plural(moreChanged, 'more site')} changed over the weeks` : '',
  ].filter(Boolean);
  if (more.length) lines.push(`…and ${listAnd(more)}; the thread lists them.`);
  if (lines.length === 1) return [`**${a.measure.name}:** ${lines[0]}`];
  return [`**${a.measure.name}**`, ...lines.map((l) => (l.startsWith('…') ? l : `• ${l}`))];
}

/** "**Needs a nudge:** Nate Olsen (Riverside Middle), whose Do check-in was due Wed 25 Nov; …", or null. */
export function nudgeLine(data: DigestData): string | null {
  const zone = data.network.timeZone;
  const who = (person: string, site: string | null) => `${person}${site ? ` (${site})` : ''}`;
  const people = [
    ...data.overdue.items.map(
      (o) =>
        `${who(o.person, o.site)}, whose ${PHASE[o.phase] ?? o.phase} check-in was due ${dayText(o.dueAt, zone)}`,
    ),
    ...data.unreachable.items.map(
      (u) => `${who(u.person, u.site)}, whom the bot has not reached since ${dayText(u.since, zone)}`,
    ),
  ];
  const total = data.overdue.total + data.unreachable.total;
  if (total === 0) return null;
  const named = people.slice(0, NUDGES_NAMED);
  const more = total - named.length;
  const rest = more > 0 ? `; and ${more} more in the thread` : '';
  return `**Needs a nudge:** ${named.join('; ')}${rest}.`;
}

/** The sites named in the first message, across measures, in the order they are named. */
export function namedSiteNames(analysis: DigestAnalysis): string[] {
  const names: string[] = [];
  for (const a of analysis.measures) {
    for (const n of a.named.shown) if (!names.includes(n.site.site.name)) names.push(n.site.site.name);
  }
  return names;
}
