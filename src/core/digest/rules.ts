import type { MeasureKind } from '../domain.ts';
import { SITES_APART_MIN_WEEKS, SITES_APART_WINDOW } from '../variation/index.ts';

// The one context line that says which conventions the digest used
// (docs/statistics.md, "Principles"), naming only the charts it actually drew on.

const ACROSS: Record<MeasureKind, string> = {
  proportion: 'P′ chart across sites (Laney)',
  count: 'U′ chart across sites (Laney)',
  value: 'I chart across sites',
};

const OVER_TIME: Record<MeasureKind, string> = {
  proportion: 'P′',
  count: 'U′',
  value: 'I',
};

export function rulesLine(kinds: readonly MeasureKind[]): string {
  const unique = [...new Set(kinds)];
  const parts = [
    'Anhøj runs on each site’s weekly median (longest run, crossings; 10 useful weeks needed to judge)',
    'IHI shifts (6+) and trends (5+) as detail',
  ];
  if (unique.length > 0) {
    parts.push(`${unique.map((k) => ACROSS[k]).join(', ')}, sites ordered by size`);
    parts.push(
      `each site against the rest of the network over the last ${SITES_APART_WINDOW} weeks (${SITES_APART_MIN_WEEKS} needed), beyond its week-to-week noise`,
    );
    parts.push(
      `${unique.map((k) => OVER_TIME[k]).join('/')} chart of a site over time when its runs show no signal`,
    );
  }
  return `Rules: ${parts.join('; ')}.`;
}
