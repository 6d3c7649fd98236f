import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyseSitesApart,
  normalQuantile,
  SITES_APART_ALPHA,
  type SiteSeries,
  sitesApart,
} from '../../../src/core/variation/index.ts';
import { allFinite } from './all-finite.ts';

/** A proportion series over a fixed denominator; null = no figure that week. */
const of = (denominator: number, numerators: (number | null)[]) =>
  numerators.map((numerator) => (numerator === null ? null : { numerator, denominator }));

// The case from the issue, as a new user tried it: Alder and Birch at 19–22
// of 30 every week, Cedar at 4–6 of 30, for five weeks.
const THREE_SITES: SiteSeries[] = [
  { site: 'Alder', weeks: of(30, [19, 21, 22, 20, 21]) },
  { site: 'Birch', weeks: of(30, [20, 22, 19, 21, 22]) },
  { site: 'Cedar', weeks: of(30, [5, 4, 6, 5, 6]) },
];

describe('sitesApart: the site that stands apart over recent weeks', () => {
  it('names Cedar, far below the others for five weeks, and not Alder or Birch, which are only above a rest that includes Cedar', () => {
    const apart = sitesApart(THREE_SITES, 'proportion');
    expect(apart).toHaveLength(1);
    expect(apart[0]).toMatchObject({
      site: 'Cedar',
      direction: 'below',
      weeks: 5,
      weeksOnSide: 5,
      comparedWith: ['Alder', 'Birch'],
    });
    expect(apart[0]!.value).toBeCloseTo(26 / 150, 12);
    expect(apart[0]!.comparedValue).toBeCloseTo(207 / 300, 12);
    expect(apart[0]!.gap).toBeCloseTo(26 / 150 - 207 / 300, 12);
    expect(Math.abs(apart[0]!.z)).toBeGreaterThan(apart[0]!.threshold);
  });

  it('sets the threshold for the number of sites tested (Šidák over the network)', () => {
    const [cedar] = sitesApart(THREE_SITES, 'proportion');
    expect(cedar!.threshold).toBeCloseTo(normalQuantile(1 - SITES_APART_ALPHA / 6), 12);
  });

  it('reports every site’s figure over the window and how the noise was estimated', () => {
    const result = analyseSitesApart(THREE_SITES, 'proportion');
    expect(result).toMatchObject({ judged: true, window: 5, weeksWithFigures: 5, tooFewWeeks: [] });
    expect(result.figures.map((f) => [f.site, f.weeks])).toEqual([
      ['Alder', 5],
      ['Birch', 5],
      ['Cedar', 5],
    ]);
    expect(result.method).toContain('over the last 5 weeks');
    // These weeks wobble less than binomial noise alone would make them.
    expect(result.wobble).toBe(0);
  });

  it('names a site above the rest as "above"', () => {
    const flipped = THREE_SITES.map((s) => ({
      ...s,
      weeks: s.weeks.map((w) => (w && 'numerator' in w ? { ...w, numerator: 30 - w.numerator } : w)),
    }));
    expect(sitesApart(flipped, 'proportion').map((s) => [s.site, s.direction])).toEqual([['Cedar', 'above']]);
  });

  it('with two sites, says that they differ and calls neither apart', () => {
    const result = analyseSitesApart(THREE_SITES.slice(1), 'proportion');
    expect(result.apart).toEqual([]);
    expect(result.differing).toMatchObject({ higher: 'Birch', lower: 'Cedar', weeks: 5, weeksOnSide: 5 });
    expect(result.method).toContain('The two sites against each other');
  });

  it('with two alike sites, finds no difference', () => {
    const result = analyseSitesApart(THREE_SITES.slice(0, 2), 'proportion');
    expect(result).toMatchObject({ judged: true, apart: [], differing: null });
  });

  it('needs four weeks with figures in the window, and says how many there are', () => {
    const short = THREE_SITES.map((s) => ({ ...s, weeks: s.weeks.slice(2) }));
    const result = analyseSitesApart(short, 'proportion');
    expect(result).toMatchObject({ judged: false, weeksWithFigures: 3, weeksNeeded: 4, apart: [] });
    const gappy = THREE_SITES.map((s) => ({ ...s, weeks: [null, null, ...s.weeks.slice(2), null] }));
    expect(analyseSitesApart(gappy, 'proportion')).toMatchObject({ judged: false, weeksWithFigures: 3 });
  });

  it('judges only the last six weeks, with the noise taken from every week given', () => {
    // Cedar was far below for five weeks, then caught up: six weeks later it is not apart.
    const caughtUp = THREE_SITES.map((s) => ({
      ...s,
      weeks: [...s.weeks, ...of(30, [20, 21, 19, 22, 20, 21])],
    }));
    const result = analyseSitesApart(caughtUp, 'proportion');
    expect(result.window).toBe(6);
    expect(result.apart).toEqual([]);
    expect(result.method).toContain('estimated from 11 weeks');
  });

  it('does not name a site for a couple of wild weeks: it must be on the same side in all weeks of the window but one', () => {
    const steady = [20, 21, 20, 21, 20, 21, 20, 21, 20, 21, 20, 21];
    const series: SiteSeries[] = [
      { site: 'A', weeks: of(30, steady) },
      { site: 'B', weeks: of(30, [...steady].reverse()) },
      { site: 'C', weeks: of(30, [20, 21, 20, 21, 20, 21, 22, 2, 22, 2, 22, 22]) },
      { site: 'D', weeks: of(30, steady) },
      { site: 'E', weeks: of(30, [...steady].reverse()) },
    ];
    // C's mean gap alone would pass (2 of 30 twice drags it far down); it is below in 2 weeks of 6.
    expect(sitesApart(series, 'proportion')).toEqual([]);
  });

  it('does not name a large site for a gap within the week-to-week wobble every site shows', () => {
    // Sites of 400 swinging ±3 points from week to week, far more than binomial noise (±2.3 points).
    const swing = [12, -12, 8, -8, 12, -12, 8, -8, 12, -12];
    const series: SiteSeries[] = Array.from({ length: 6 }, (_, i) => ({
      site: `B${i}`,
      weeks: of(
        400,
        swing.map((_, t) => 280 + swing[(t + 3 * i) % 10]!),
      ),
    }));
    // Low sits 4 points under them in 5 of the last 6 weeks: binomial noise alone would call that apart.
    series.push({
      site: 'Low',
      weeks: of(
        400,
        swing.map((_, t) => 264 + swing[(t + 7) % 10]! / 2 + (t === 9 ? 14 : 0)),
      ),
    });
    const result = analyseSitesApart(series, 'proportion');
    expect(result.apart).toEqual([]);
    expect(result.wobble).toBeGreaterThan(0.02);
  });

  it('leaves out of the test a site with too few weeks in the window, but keeps it in the rest', () => {
    const series: SiteSeries[] = [
      ...THREE_SITES,
      { site: 'Dogwood', weeks: of(30, [null, null, null, 20, 21]) },
    ];
    const result = analyseSitesApart(series, 'proportion');
    expect(result.tooFewWeeks).toEqual(['Dogwood']);
    expect(result.apart.map((s) => s.site)).toEqual(['Cedar']);
    expect(result.apart[0]!.comparedWith).toEqual(['Alder', 'Birch', 'Dogwood']);
  });

  it('names each of several sites apart in a large network with steady differences, most extreme first', () => {
    const series: SiteSeries[] = Array.from({ length: 20 }, (_, i) => ({
      site: `S${i + 1}`,
      weeks: of(
        100,
        [70, 72, 69, 71, 70, 72, 71, 69].map((n, w) => n + ((i + w) % 3) - 1),
      ),
    }));
    series[4] = { site: 'S5', weeks: of(100, [50, 52, 49, 51, 50, 48, 51, 50]) };
    series[11] = { site: 'S12', weeks: of(100, [85, 86, 84, 85, 87, 85, 86, 84]) };
    const apart = sitesApart(series, 'proportion');
    expect(apart.map((s) => [s.site, s.direction])).toEqual([
      ['S5', 'below'],
      ['S12', 'above'],
    ]);
    // The second site is compared with the sites left once the first was set aside.
    expect(apart[1]!.comparedWith).not.toContain('S5');
  });

  it('compares counts as events per unit of exposure (Poisson noise)', () => {
    const rate = (events: number[], exposure: number) =>
      events.map((numerator) => ({ numerator, denominator: exposure }));
    const series: SiteSeries[] = [
      { site: 'North', weeks: rate([42, 40, 45, 41, 43, 44], 60) },
      { site: 'South', weeks: rate([70, 66, 73, 69, 71, 68], 100) },
      { site: 'East', weeks: rate([8, 10, 7, 9, 6, 9], 50) },
      { site: 'West', weeks: rate([29, 27, 30, 28, 26, 30], 40) },
    ];
    const apart = sitesApart(series, 'count');
    expect(apart.map((s) => [s.site, s.direction])).toEqual([['East', 'below']]);
    expect(apart[0]!.value).toBeCloseTo(49 / 300, 12);
    // A rate may exceed 1 event per unit: no ceiling as for proportions.
    const busy = series.map((s) => ({
      ...s,
      weeks: s.weeks.map((w) => (w && 'numerator' in w ? { ...w, numerator: w.numerator * 3 } : w)),
    }));
    expect(sitesApart(busy, 'count').map((s) => s.site)).toEqual(['East']);
  });

  it('compares value measures against each site’s own noise when it is larger than the network’s', () => {
    const values = (list: number[]) => list.map((value) => ({ value }));
    const calm = Array.from({ length: 10 }, (_, i) => ({
      site: `Calm ${i + 1}`,
      weeks: values([20, 21, 19, 20, 21, 20, 19, 21].map((v, w) => v + ((i + w) % 3 === 0 ? 1 : 0))),
    }));
    // Above the calm sites every week of the window, by swings far larger than theirs.
    const noisy = { site: 'Yew', weeks: values([24, 35, 23, 21, 34, 25, 32, 24]) };
    expect(sitesApart([...calm, noisy], 'value')).toEqual([]);
    const steadyHigh = { site: 'Yew', weeks: values([30, 31, 29, 30, 32, 31, 30, 29]) };
    expect(sitesApart([...calm, steadyHigh], 'value').map((s) => [s.site, s.direction])).toEqual([
      ['Yew', 'above'],
    ]);
  });

  it('refuses data errors as the charts do, and series of different lengths', () => {
    expect(() =>
      sitesApart([{ site: 'A', weeks: of(30, [31]) }, ...THREE_SITES.slice(1)], 'proportion'),
    ).toThrow(RangeError);
    expect(() =>
      sitesApart(
        [
          { site: 'A', weeks: [{ numerator: -1, denominator: 30 }] },
          { site: 'B', weeks: [null] },
        ],
        'count',
      ),
    ).toThrow(/negative/);
    expect(() => sitesApart([THREE_SITES[0]!, { site: 'B', weeks: of(30, [20]) }], 'proportion')).toThrow(
      /Alder has 5 weeks|B has 1 weeks/,
    );
  });

  it('skips weeks without a usable figure (missing, a denominator of 0, a value for a count)', () => {
    const series: SiteSeries[] = THREE_SITES.map((s) => ({
      ...s,
      weeks: [{ numerator: 0, denominator: 0 }, { value: 3 }, null, ...s.weeks],
    }));
    const result = analyseSitesApart(series, 'proportion');
    expect(result.apart.map((s) => s.site)).toEqual(['Cedar']);
    expect(result.figures[0]!.weeks).toBe(5);
  });

  it('answers without NaN when there is nothing to compare', () => {
    for (const series of [
      [],
      [THREE_SITES[0]!],
      THREE_SITES.map((s) => ({ ...s, weeks: of(30, [0, 0, 0, 0, 0]) })),
    ]) {
      const result = analyseSitesApart(series, 'proportion');
      expect(result.apart).toEqual([]);
      expect(allFinite({ ...result, figures: result.figures.filter((f) => f.value !== null) })).toBe(true);
    }
    const flat = analyseSitesApart(
      ['A', 'B', 'C'].map((site) => ({ site, weeks: [5, 5, 5, 5, 5].map((value) => ({ value })) })),
      'value',
    );
    expect(flat).toMatchObject({ judged: true, apart: [] });
  });

  it('never throws or returns NaN on generated networks', () => {
    const network = fc.integer({ min: 1, max: 10 }).chain((weeks) =>
      fc.array(
        fc.array(
          fc.option(
            fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 })).map(([a, b]) => ({
              numerator: Math.min(a, b),
              denominator: Math.max(a, b),
            })),
            { nil: null },
          ),
          { minLength: weeks, maxLength: weeks },
        ),
        { maxLength: 12 },
      ),
    );
    fc.assert(
      fc.property(network, fc.constantFrom('proportion' as const, 'count' as const), (sites, kind) => {
        const result = analyseSitesApart(
          sites.map((weeks, i) => ({ site: `S${i}`, weeks })),
          kind,
        );
        expect(allFinite(result.apart)).toBe(true);
        expect(Number.isFinite(result.wobble)).toBe(true);
        for (const s of result.apart) expect(s.weeksOnSide).toBeLessThanOrEqual(s.weeks);
      }),
      { numRuns: 300 },
    );
  });
});
