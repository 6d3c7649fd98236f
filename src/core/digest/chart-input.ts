import type { SiteComparisonResult } from '../variation/index.ts';
import type { SiteOverTime } from './analyse.ts';
import type { DigestMeasure } from './types.ts';

// What the chart of a measure shows, as plain data. It has the shape of
// src/chart's SiteChartInput (the core may not import the renderer, so the
// shape is repeated here and checked where src/digest hands it over).

export type ChartSignalKind = 'run' | 'shift' | 'trend' | 'outside';

export interface DigestChartSite {
  site: string;
  values: (number | null)[];
  centre: number | null;
  signals: { index: number; kind: ChartSignalKind }[];
  flag: 'above' | 'below' | null;
}

export interface DigestChartInput {
  title: string;
  unit?: string;
  percent?: boolean;
  better: 'higher' | 'lower';
  weeks: string[];
  sites: DigestChartSite[];
}

export function buildChartInput(
  measure: DigestMeasure,
  weeks: string[],
  sites: SiteOverTime[],
  comparison: SiteComparisonResult,
): DigestChartInput {
  const verdicts = new Map(comparison.sites.map((s) => [s.site, s.verdict]));
  return {
    title: `${measure.name}, weekly, by site`,
    ...(measure.kind === 'proportion' ? { percent: true } : measure.unit ? { unit: measure.unit } : {}),
    better: measure.better,
    weeks,
    // In the order of the analysis: by size, never by result.
    sites: sites.map((s) => {
      const verdict = verdicts.get(s.site.name);
      return {
        site: s.site.name,
        values: s.values,
        centre: s.run.centre,
        signals: signalsOf(s),
        flag: verdict === 'above' || verdict === 'below' ? verdict : null,
      };
    }),
  };
}

/** The points to mark. A series too short to judge gets none: its patterns mean nothing yet. */
function signalsOf(s: SiteOverTime): DigestChartSite['signals'] {
  if (s.run.tooShort) return [];
  const signals: DigestChartSite['signals'] = [];
  const observedBetween = (start: number, end: number, kind: ChartSignalKind, skipCentre: boolean) => {
    for (let i = start; i <= end; i++) {
      const v = s.values[i];
      if (v === null || v === undefined) continue;
      if (skipCentre && v === s.run.centre) continue;
      signals.push({ index: i, kind });
    }
  };
  if (s.run.runsSignal && s.longestRun) observedBetween(s.longestRun.start, s.longestRun.end, 'run', true);
  for (const shift of s.run.shifts) observedBetween(shift.start, shift.end, 'shift', true);
  for (const trend of s.run.trends) observedBetween(trend.start, trend.end, 'trend', false);
  for (const o of s.ownLimits?.outside ?? []) signals.push({ index: o.index, kind: 'outside' });
  return signals;
}
