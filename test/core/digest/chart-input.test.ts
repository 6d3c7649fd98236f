import { describe, expect, it } from 'vitest';
import { periodText, weekStartLabel } from '../../../src/core/digest/chart-input.ts';
import { analyseDigest, buildChartInput, type DigestData } from '../../../src/core/digest/index.ts';
import { emptyData, proportionFigures, weeksEnding } from './fixtures.ts';
import { MEASURE, networkFixture, SIZES } from './network-fixture.ts';

const chartOf = (data: DigestData) => analyseDigest(data).measures[0]!.chart;

/** Sites with one proportion series each: [name, students, numerators]. */
function network(
  sites: [string, number, (number | null)[]][],
  weeks = weeksEnding(47, sites[0]?.[2].length ?? 12),
) {
  return emptyData({
    weeks,
    sites: sites.map(([name], i) => ({ id: i + 1, name })),
    measures: [MEASURE],
    figures: sites.flatMap(([, size, numerators], i) =>
      proportionFigures(MEASURE.id, i + 1, weeks, size, numerators),
    ),
  });
}

describe('the digest chart’s input', () => {
  const chart = chartOf(networkFixture());

  it('draws every site of a small network, smallest first, and says so', () => {
    expect(chart.sites.map((s) => s.site)).toEqual(SIZES.map(([name]) => name));
    expect(chart.order).toEqual(SIZES.map(([name]) => name));
    expect(chart.orderWords).toBe('from smallest to largest');
    expect(chart.panelsWords).toBe('Sites from smallest to largest.');
    expect(chart.percent).toBe(true);
    expect(chart.weeks).toEqual(weeksEnding(47, 20));
  });

  it('labels the weeks with the date they start on, as people read dates', () => {
    // 2026-W28 starts on Monday 6 July; W47 on 16 November.
    expect(chart.weekLabels[0]).toBe('Jul 6');
    expect(chart.weekLabels.at(-1)).toBe('Nov 16');
    expect(chart.period).toBe('Jul 6 to Nov 16, 2026');
    expect(weekStartLabel('2026-W01')).toBe('Dec 29');
    expect(periodText(['2025-W49', '2026-W01'])).toBe('Dec 1 to Dec 29, 2025');
    expect(periodText(['2026-W01', '2026-W02'])).toBe('Dec 29, 2025 to Jan 5, 2026');
    expect(periodText(['2026-W10'])).toBe('Mar 2, 2026');
  });

  it('highlights the sites the digest’s first message names, each with why, and no other', () => {
    expect(chart.sites.filter((s) => s.flag).map((s) => [s.site, s.flag])).toEqual([['Washington', 'above']]);
    expect(chart.sites.filter((s) => s.changed).map((s) => [s.site, s.changed])).toEqual([
      ['Brook', 'above'],
      ['Cedar', 'above'],
    ]);
    const a = analyseDigest(networkFixture()).measures[0]!;
    const highlighted = chart.sites.filter((s) => s.flag || s.apart || s.changed).map((s) => s.site);
    expect(highlighted).toEqual(a.named.shown.map((n) => n.site.site.name));
    expect(chart.sites.find((s) => s.site === 'Washington')!.outside).toContain(19);
  });

  it('marks weeks on one side of the median with their side, each stretch once', () => {
    const brook = chart.sites.find((s) => s.site === 'Brook')!;
    // Brook's long run is also its second shift: drawn once, as the shift.
    expect(brook.stretches).toEqual([
      { kind: 'shift', start: 6, end: 11, side: 'below' },
      { kind: 'shift', start: 12, end: 19, side: 'above' },
    ]);
    const cedar = chart.sites.find((s) => s.site === 'Cedar')!;
    expect(cedar.stretches).toContainEqual({ kind: 'run', start: 15, end: 19, side: 'above' });
  });

  it('marks nothing on a series too short to judge', () => {
    const lincoln = chart.sites.find((s) => s.site === 'Lincoln')!;
    expect(lincoln.stretches).toEqual([]);
    expect(lincoln.outside).toEqual([]);
  });

  it('marks a trend only when its rise shows at the scale of the panels', () => {
    // Both rise five weeks in a row: the first by less than a percentage point, the second by 30.
    const flat = [700, 710, 690, 700, 720, 690, 700, 710, 700, 690, 700, 702, 704, 706, 708];
    const steep = [600, 620, 590, 610, 600, 620, 610, 590, 600, 610, 600, 680, 760, 840, 900];
    const wide = [600, 750, 620, 800, 580, 770, 640, 790, 610, 760, 630, 780, 600, 790, 620];
    const data = network([
      ['Flat', 1000, flat],
      ['Steep', 1000, steep],
      ['Wide', 1000, wide],
    ]);
    const sites = chartOf(data).sites;
    expect(sites.find((s) => s.site === 'Flat')!.stretches.filter((t) => t.kind === 'trend')).toEqual([]);
    expect(sites.find((s) => s.site === 'Steep')!.stretches).toContainEqual({
      kind: 'trend',
      start: 10,
      end: 14,
      direction: 'up',
    });
  });

  it('sorts names as people do when sizes tie, and names alone when there are no sizes', () => {
    const weeks = weeksEnding(47, 4);
    const same = [30, 31, 29, 30];
    const data = network(
      [
        ['S10', 40, same],
        ['s2', 40, same],
        ['S1', 40, same],
      ],
      weeks,
    );
    expect(chartOf(data).order).toEqual(['S1', 's2', 'S10']);
    // The analysis lists its sites in the same order, for the text.
    expect(analyseDigest(data).measures[0]!.sites.map((s) => s.site.name)).toEqual(['S1', 's2', 'S10']);

    const measure = { ...MEASURE, kind: 'value' as const, unit: 'min' };
    const values = emptyData({
      weeks,
      sites: ['Site 10', 'Site 9', 'Site 1'].map((name, i) => ({ id: i + 1, name })),
      measures: [measure],
      figures: [1, 2, 3].flatMap((siteId) =>
        weeks.map((week, w) => ({
          measureId: 1,
          siteId,
          week,
          value: 10 + w,
          numerator: null,
          denominator: null,
          figures: 1,
        })),
      ),
    });
    const chart = chartOf(values);
    expect(chart.order).toEqual(['Site 1', 'Site 9', 'Site 10']);
    expect(chart.orderWords).toBe('in alphabetical order');
    expect(chart.unit).toBe('min');
  });

  it('outlines the site the digest names as apart from the rest over recent weeks', () => {
    const data = network([
      ['Alder', 30, [19, 21, 22, 20, 21, 20]],
      ['Birch', 30, [20, 22, 19, 21, 22, 21]],
      ['Cedar', 30, [5, 4, 6, 5, 6, 5]],
    ]);
    const a = analyseDigest(data).measures[0]!;
    expect(a.apart.apart.map((s) => s.site)).toEqual(['Cedar']);
    expect(a.chart.sites.map((s) => [s.site, s.apart])).toEqual([
      ['Alder', null],
      ['Birch', null],
      ['Cedar', 'below'],
    ]);
  });

  it('outlines any sites it is given as apart', () => {
    const data = networkFixture();
    const a = analyseDigest(data).measures[0]!;
    const input = buildChartInput(a.measure, a.weeks, a.sites, [{ site: 'Elm', apart: 'below' }]);
    expect(input.sites.filter((s) => s.apart).map((s) => [s.site, s.apart])).toEqual([['Elm', 'below']]);
    expect(input.sites.find((s) => s.site === 'Washington')!.apart).toBeNull();
  });
});

describe('the panels of a large network', () => {
  const weeks = weeksEnding(47, 12);
  const quiet = (size: number, i: number) =>
    Array.from({ length: 12 }, (_, w) => Math.round(size * 0.7 + ((w + i) % 3) - 1));
  const sites: [string, number, (number | null)[]][] = Array.from({ length: 100 }, (_, i) => {
    const size = 50 + i * 5;
    return [`School ${i + 1}`, size, quiet(size, i)];
  });
  // School 50 far above the rest this week; School 80 fell half way and stayed, with the rest (too few crossings).
  sites[49]![2][11] = Math.round(sites[49]![1] * 0.97);
  sites[79]![2] = sites[79]![2].map((_, w) => Math.round(sites[79]![1] * (w < 6 ? 0.8 : 0.7)) + (w % 2));
  const a = analyseDigest(network(sites, weeks)).measures[0]!;

  it('gives 24 panels: the sites named (one far off this week, one that changed), the rest spread from smallest to largest', () => {
    const shown = a.chart.sites.map((s) => s.site);
    expect(shown).toHaveLength(24);
    expect(shown).toContain('School 50');
    expect(shown).toContain('School 80');
    // Spread: small, middling and large sites, not only the smallest.
    expect(shown.some((n) => Number(n.split(' ')[1]) <= 10)).toBe(true);
    expect(shown.some((n) => Number(n.split(' ')[1]) >= 90)).toBe(true);
    // In the one order of the network.
    expect(shown).toEqual(a.chart.order.filter((n) => shown.includes(n)));
    expect(a.chart.order).toHaveLength(100);
    expect(a.chart.panelsWords).toBe(
      '24 of 100 sites, from smallest to largest: 2 named in the digest and 22 others spread across the network.',
    );
  });

  it('gives a site named as apart a panel even when nothing else would', () => {
    const input = buildChartInput(a.measure, a.weeks, a.sites, [{ site: 'School 37', apart: 'above' }]);
    expect(input.sites.map((s) => s.site)).toContain('School 37');
    expect(input.sites).toHaveLength(24);
  });
});
