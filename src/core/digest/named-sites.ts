import type {
  SiteApart,
  SiteComparison,
  SiteComparisonResult,
  SitesApartResult,
} from '../variation/index.ts';
import type { SiteOverTime } from './analyse.ts';
import type { NamedPanel } from './chart-input.ts';

// Which sites a measure's lines in the digest's first message name, and why:
// the sites apart from the rest over recent weeks, the sites far from what
// their size would explain this week, and the sites whose own weekly series
// changed. The same few sites are highlighted in the chart, so that the
// words and the picture point at the same panels.

export type Side = 'above' | 'below';

export interface NamedSite {
  site: SiteOverTime;
  /** Beyond its expected range this week, across sites. */
  thisWeek: SiteComparison | null;
  /** Apart from the rest over recent weeks. */
  apart: SiteApart | null;
  /** Its own weekly series signals a change (and it is named for nothing else). */
  changed: boolean;
  /** Which way: above or below the rest, or its own usual level when it changed. */
  side: Side;
}

export interface NamedSites {
  /** The sites named, in the chart's order. */
  shown: NamedSite[];
  /** Sites apart or beyond their range this week that there was no room to name. */
  moreApart: number;
  /** Sites that changed that there was no room to name. */
  moreChanged: number;
}

/** The first message names at most this many sites for the main measure, and one for each other. */
export const NAMED_FOR_MAIN_MEASURE = 3;
export const NAMED_FOR_OTHER_MEASURES = 1;

interface Candidate {
  named: NamedSite;
  /** Lower first: both questions, apart, this week, changed lately, changed earlier. */
  tier: number;
  /** Larger first within a tier. */
  weight: number;
}

export function nameSites(
  sites: readonly SiteOverTime[],
  comparison: SiteComparisonResult,
  apart: SitesApartResult,
  max: number,
): NamedSites {
  const verdicts = new Map(comparison.sites.map((c) => [c.site, c]));
  const apartOf = new Map(apart.apart.map((s) => [s.site, s]));
  const last = Math.max(0, ...sites.map((s) => s.values.length - 1));
  const candidates: Candidate[] = [];
  for (const site of sites) {
    const verdict = verdicts.get(site.site.name);
    const thisWeek = verdict && verdict.verdict !== 'within' ? verdict : null;
    const away = apartOf.get(site.site.name) ?? null;
    if (thisWeek || away) {
      const side: Side = away ? away.direction : (thisWeek!.verdict as Side);
      const weight = away ? Math.abs(away.gap) : Math.abs(thisWeek!.value - (comparison.centre ?? 0));
      candidates.push({
        named: { site, thisWeek, apart: away, changed: false, side },
        tier: thisWeek && away ? 0 : away ? 1 : 2,
        weight,
      });
    } else if (!site.run.tooShort && site.run.runsSignal && site.longestRun) {
      candidates.push({
        named: { site, thisWeek: null, apart: null, changed: true, side: site.longestRun.side },
        tier: site.longestRun.end === last ? 3 : 4,
        weight: site.longestRun.length,
      });
    }
  }
  const picked = [...candidates].sort((a, b) => a.tier - b.tier || b.weight - a.weight).slice(0, max);
  const chosen = new Set(picked.map((c) => c.named.site));
  const left = candidates.filter((c) => !chosen.has(c.named.site));
  return {
    shown: candidates.filter((c) => chosen.has(c.named.site)).map((c) => c.named),
    moreApart: left.filter((c) => !c.named.changed).length,
    moreChanged: left.filter((c) => c.named.changed).length,
  };
}

/** What the chart highlights: the sites named, each with why. */
export function namedPanels(named: NamedSites): NamedPanel[] {
  return named.shown.map((n) => ({
    site: n.site.site.name,
    flag: n.thisWeek && n.thisWeek.verdict !== 'within' ? n.thisWeek.verdict : null,
    apart: n.apart?.direction ?? null,
    changed: n.changed ? n.side : null,
  }));
}
