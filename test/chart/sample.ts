import type { SiteChartInput, SiteSeries } from '../../src/chart/types.ts';
import { periodText, weekStartLabel } from '../../src/core/digest/chart-input.ts';
import { valueScale } from '../../src/core/digest/chart-scale.ts';

export function isoWeeks(first: number, count: number, year = 2026): string[] {
  return Array.from({ length: count }, (_, i) => `${year}-W${String(first + i).padStart(2, '0')}`);
}

// Deterministic wobble so PNG comparisons are stable across runs.
function series(seed: number, count: number, base: number, spread: number): number[] {
  return Array.from({ length: count }, (_, i) => {
    const wobble = Math.sin(seed * 12.9898 + i * 78.233) * 43758.5453;
    return base + (wobble - Math.floor(wobble) - 0.5) * spread;
  });
}

function median(values: (number | null)[]): number | null {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function site(name: string, seed: number, weeks: number, extra: Partial<SiteSeries> = {}): SiteSeries {
  const values = extra.values ?? series(seed, weeks, 0.9, 0.08);
  return {
    site: name,
    values,
    centre: median(values),
    stretches: [],
    outside: [],
    flag: null,
    apart: null,
    ...extra,
  };
}

/** A chart input around `sites`, with the dates, order words and scale the core would give them. */
export function chartInput(
  sites: SiteSeries[],
  weeks: string[],
  extra: Partial<SiteChartInput> = {},
): SiteChartInput {
  const percent = extra.percent ?? true;
  return {
    title: 'Attendance, weekly, by site',
    ...(percent ? { percent } : {}),
    better: 'higher',
    weeks,
    weekLabels: weeks.map(weekStartLabel),
    period: periodText(weeks),
    sites,
    order: sites.map((s) => s.site),
    orderWords: 'from smallest to largest',
    panelsWords: 'Sites from smallest to largest.',
    scale: valueScale(
      sites.flatMap((s) => [...s.values, s.centre].filter((v): v is number => v !== null)),
      percent,
    ),
    ...extra,
  };
}

/** Six sites, 2026-W36 to W49, with one of each mark. */
export function sampleInput(): SiteChartInput {
  const weeks = isoWeeks(36, 14);
  const withGaps = series(3, 14, 0.88, 0.1).map((v, i) => (i === 4 || i === 9 || i === 10 ? null : v));
  const rising = series(5, 14, 0.84, 0.02).map((v, i) => v + (i > 7 ? (i - 7) * 0.02 : 0));
  return chartInput(
    [
      site('Lincoln Elementary', 1, 14),
      site('Roosevelt Middle School', 2, 14, {
        flag: 'below',
        stretches: [{ kind: 'shift', start: 6, end: 11, side: 'below' }],
      }),
      site('Oak Park', 3, 14, { values: withGaps }),
      site('Washington High School and Community Learning Center', 5, 14, {
        values: rising,
        stretches: [{ kind: 'trend', start: 8, end: 13, direction: 'up' }],
        flag: 'above',
      }),
      site('Jefferson Academy', 6, 14, { outside: [3] }),
      site('Cedar Grove', 7, 14, { apart: 'below' }),
    ],
    weeks,
    { title: 'Attendance (proportion of students present), weekly' },
  );
}
