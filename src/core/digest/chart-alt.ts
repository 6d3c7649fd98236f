import { shortened } from '../shortened.ts';
import type { MeasureAnalysis } from './analyse.ts';
import type { ChartStretch, DigestChartInput, DigestChartSite } from './chart-input.ts';
import { listAnd } from './format.ts';

// The chart's alt text: what it shows and what it marks, for screen readers
// and for platforms that show no images. It reads the chart's own input, so
// it names exactly the panels, order and marks that are drawn. Slack allows
// 2,000 characters.

const ALT_LIMIT = 2000;

export function chartAltText(a: MeasureAnalysis): string {
  const chart = a.chart;
  const parts = [
    `Small multiples of ${a.measure.name}, one panel per site, weekly from ${chart.period}; ${a.measure.better} is better. The dashed line is each site’s median. ${chart.panelsWords}`,
  ];
  const outlined = (pick: (s: DigestChartSite) => boolean) => chart.sites.filter(pick).map((s) => s.site);
  const sentences: [string, string[]][] = [
    ['above the expected range this week', outlined((s) => s.flag === 'above')],
    ['below the expected range this week', outlined((s) => s.flag === 'below')],
    ['apart from the others over recent weeks, higher', outlined((s) => s.apart === 'above')],
    ['apart from the others over recent weeks, lower', outlined((s) => s.apart === 'below')],
    ['changed over the weeks', outlined((s) => (s.changed ?? null) !== null)],
  ];
  for (const [words, names] of sentences) {
    if (names.length) parts.push(`Outlined as ${words}: ${listAnd(names)}.`);
  }
  const marked = chart.sites.filter((s) => s.stretches.length || s.outside.length);
  if (marked.length) {
    parts.push(`Marked: ${marked.map((s) => `${s.site} (${marksText(chart, s)})`).join('; ')}.`);
  }
  return shortened(parts.join(' '), ALT_LIMIT);
}

function marksText(chart: DigestChartInput, s: DigestChartSite): string {
  const from = (i: number) => chart.weekLabels[i] ?? '';
  const weeks = (t: ChartStretch) => `${from(t.start)} to ${from(t.end)}`;
  const words = [...s.stretches]
    .sort((x, y) => x.start - y.start)
    .map((t) =>
      t.kind === 'trend'
        ? `${t.direction === 'up' ? 'rising' : 'falling'} ${weeks(t)}`
        : `${t.side} its median ${weeks(t)}`,
    );
  const outside = s.outside.map(from);
  if (outside.length) words.push(`outside its own limits in the week of ${listAnd(outside)}`);
  return words.join(', ');
}
