import type { SiteChartInput, SiteSeries } from '../../src/chart/types.ts';

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
  const values = series(seed, weeks, 0.9, 0.08);
  return { site: name, values, centre: median(values), signals: [], ...extra };
}

export function sampleInput(): SiteChartInput {
  const weeks = isoWeeks(36, 14);
  const withGaps = series(3, 14, 0.88, 0.1).map((v, i) => (i === 4 || i === 9 || i === 10 ? null : v));
  const rising = series(5, 14, 0.86, 0.03).map((v, i) => v + (i > 7 ? (i - 7) * 0.012 : 0));
  return {
    title: 'Attendance (proportion of students present), weekly',
    unit: '%',
    percent: true,
    better: 'higher',
    weeks,
    sites: [
      site('Lincoln Elementary', 1, 14),
      site('Roosevelt Middle School', 2, 14, {
        flag: 'below',
        signals: [6, 7, 8, 9, 10, 11].map((index) => ({ index, kind: 'shift' as const })),
      }),
      { site: 'Oak Park', values: withGaps, centre: median(withGaps), signals: [] },
      {
        site: 'Washington High School and Community Learning Center',
        values: rising,
        centre: median(rising),
        signals: [8, 9, 10, 11, 12, 13].map((index) => ({ index, kind: 'trend' as const })),
        flag: 'above',
      },
      site('Jefferson Academy', 6, 14, { signals: [{ index: 3, kind: 'outside' }] }),
      site('Cedar Grove', 7, 14, { signals: [{ index: 12, kind: 'run' }] }),
    ],
  };
}
