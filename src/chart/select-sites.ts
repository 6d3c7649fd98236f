import type { SiteSeries } from './types.ts';

export const MAX_PANELS = 24;

export type SiteSelection = { shown: SiteSeries[]; hidden: number };

/**
 * Flagged sites are the ones a coach needs to see, so they win the limited
 * panels; the rest fill up in the given order. The shown panels keep the given
 * order so the chart never reads as a ranking.
 */
export function selectSites(sites: SiteSeries[], max = MAX_PANELS): SiteSelection {
  if (sites.length <= max) return { shown: sites, hidden: 0 };
  const flagged = sites.filter((s) => s.flag);
  const rest = sites.filter((s) => !s.flag);
  const chosen = new Set([...flagged, ...rest].slice(0, max));
  return { shown: sites.filter((s) => chosen.has(s)), hidden: sites.length - chosen.size };
}
