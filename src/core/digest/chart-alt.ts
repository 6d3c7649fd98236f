import { shortened } from '../shortened.ts';
import type { MeasureAnalysis } from './analyse.ts';
import { listAnd, shortWeek } from './format.ts';

// The chart's alt text: what it shows and what it marks, for screen readers
// and for platforms that show no images. Slack allows 2,000 characters.

const ALT_LIMIT = 2000;

export function chartAltText(a: MeasureAnalysis, shownSites: number): string {
  const first = a.weeks[0] ?? '';
  const last = a.weeks.at(-1) ?? '';
  const parts = [
    `Small multiples of ${a.measure.name}, one panel per site (${shownSites} of ${a.sites.length} sites, ordered by size), weekly from ${shortWeek(first)} to ${shortWeek(last)}; ${a.measure.better} is better. The dashed line is each site’s median.`,
  ];
  const above = a.comparison.sites.filter((s) => s.verdict === 'above').map((s) => s.site);
  const below = a.comparison.sites.filter((s) => s.verdict === 'below').map((s) => s.site);
  if (above.length) parts.push(`Outlined as above the expected range this week: ${listAnd(above)}.`);
  if (below.length) parts.push(`Outlined as below the expected range this week: ${listAnd(below)}.`);
  const marked = a.sites.filter(
    (s) => !s.run.tooShort && (s.run.runsSignal || s.run.shifts.length || s.run.trends.length),
  );
  if (marked.length) {
    const words = marked.map((s) => {
      const kinds = [
        s.run.runsSignal ? 'runs signal' : '',
        s.run.shifts.length ? 'shift' : '',
        s.run.trends.length ? 'trend' : '',
      ].filter(Boolean);
      return `${s.site.name} (${kinds.join(', ')})`;
    });
    parts.push(`Points marked: ${listAnd(words)}.`);
  }
  const text = parts.join(' ');
  return shortened(text, ALT_LIMIT);
}
