import { naturalCompare } from '../natural-order.ts';
import type { DigestAnalysis } from './analyse.ts';

// The one order the digest's text lists sites in: the chart's (the main
// measure's panels, smallest site first), then any site without figures by
// name as a person sorts names. A reader who looks from a list to the chart
// finds the sites in the same places, and no list reads as a league table.

export type SiteComparator = (a: string, b: string) => number;

export function siteOrder(analysis: DigestAnalysis): SiteComparator {
  const rank = new Map((analysis.measures[0]?.sites ?? []).map((s, i) => [s.site.name, i]));
  return (a, b) => {
    const x = rank.get(a) ?? Number.POSITIVE_INFINITY;
    const y = rank.get(b) ?? Number.POSITIVE_INFINITY;
    if (x !== y) return x < y ? -1 : 1;
    return naturalCompare(a, b);
  };
}
