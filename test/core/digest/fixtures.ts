import type { DigestData, WeeklyFigure } from '../../../src/core/digest/index.ts';

export function weeksEnding(lastWeekNumber: number, count: number, year = 2026): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${year}-W${String(lastWeekNumber - count + 1 + i).padStart(2, '0')}`,
  );
}

/** One proportion series per site: numerators over a fixed denominator; null = no figure that week. */
export function proportionFigures(
  measureId: number,
  siteId: number,
  weeks: readonly string[],
  denominator: number,
  numerators: readonly (number | null)[],
): WeeklyFigure[] {
  return numerators.flatMap((numerator, i) =>
    numerator === null
      ? []
      : [
          {
            measureId,
            siteId,
            week: weeks[i]!,
            value: numerator / denominator,
            numerator,
            denominator,
            figures: 1,
          },
        ],
  );
}

export function emptyData(overrides: Partial<DigestData> = {}): DigestData {
  const weeks = weeksEnding(47, 14);
  return {
    network: { id: 1, name: 'Literacy NIC', timeZone: 'America/Chicago' },
    week: '2026-W47',
    weekStartsOn: '2026-11-16',
    weekEndsOn: '2026-11-22',
    weeks,
    asOf: '2026-11-23T14:00:00.000Z',
    sites: [],
    measures: [],
    figures: [],
    cycles: { active: 0, started: 0, completed: 0, closedEarly: 0 },
    participation: [],
    predictions: [],
    decisions: [],
    overdue: { total: 0, items: [] },
    unreachable: { total: 0, items: [] },
    ...overrides,
  };
}
