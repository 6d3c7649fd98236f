import { describe, expect, it } from 'vitest';
import { pChart, uChart } from '../../../src/core/variation/index.ts';
import { allFinite } from './all-finite.ts';
import { MONTGOMERY_SUBGROUPS } from './montgomery.ts';
import { OVERDISPERSED_SIGMA_Z, OVERDISPERSED_SITES } from './overdispersed-sites.ts';

describe('pChart: Montgomery Table 7.4 (variable subgroup size)', () => {
  const chart = pChart(MONTGOMERY_SUBGROUPS);

  it('centres on Σy / Σn = 234 / 2450, not the mean of the proportions', () => {
    expect(chart.centre).toBe(234 / 2450);
    expect(chart.centre).toBeCloseTo(0.0955102, 7);
    expect(chart.method).toBe('P chart');
    expect(chart.limits).toBe('plain');
  });

  it('sets limits from each subgroup size, truncating the lower limit at 0', () => {
    const n80 = chart.points[1]!;
    expect(n80.denominator).toBe(80);
    expect(chart.centre! - 3 * n80.sigma!).toBeCloseTo(-0.00307, 5);
    expect(n80.lower).toBe(0);
    expect(n80.upper).toBeCloseTo(0.194093, 6);

    const n100 = chart.points[0]!;
    expect(n100.denominator).toBe(100);
    expect(n100.lower).toBeCloseTo(0.007335, 6);
    expect(n100.upper).toBeCloseTo(0.183686, 6);

    const n120 = chart.points[11]!;
    expect(n120.denominator).toBe(120);
    expect(n120.lower).toBeCloseTo(0.015017, 6);
    expect(n120.upper).toBeCloseTo(0.176003, 6);
  });

  it('flags sample 11 (20/110 = 0.181818) above its upper limit 0.179582, and nothing else', () => {
    const sample11 = chart.points[10]!;
    expect(sample11.value).toBeCloseTo(0.181818, 6);
    expect(sample11.upper).toBeCloseTo(0.179582, 6);
    expect(sample11.outside).toBe('above');
    const flagged = chart.points.flatMap((point, i) => (point.outside === null ? [] : [i]));
    expect(flagged).toEqual([10]);
  });
});

describe('pChart: Laney P′ over time', () => {
  // p̄ = 0.5; z = −2, 2, −1, 1 at any common n; moving ranges 4, 3, 2: σz = 3 / 1.128.
  const cases = [40, 60, 45, 55];

  it('widens the limits by σz from the moving ranges of the z-scores', () => {
    const chart = pChart(
      cases.map((numerator) => ({ numerator, denominator: 100 })),
      { prime: true },
    );
    expect(chart.sigmaZ).toBeCloseTo(3 / 1.128, 12);
    expect(chart.method).toBe('P′ chart (Laney), σz = 2.66');
    expect(chart.limits).toBe('prime');
    expect(chart.points[0]!.lower).toBeCloseTo(0.101064, 6);
    expect(chart.points[0]!.upper).toBeCloseTo(0.898936, 6);
  });

  it('does not flag every point when denominators are huge, where the plain P chart does', () => {
    const huge = cases.map((numerator) => ({ numerator: numerator * 1000, denominator: 100_000 }));
    expect(pChart(huge).points.every((point) => point.outside !== null)).toBe(true);
    const prime = pChart(huge, { prime: true });
    expect(prime.points.every((point) => point.outside === null)).toBe(true);
    expect(prime.points[0]!.upper).toBeCloseTo(0.898936, 6);
  });
});

describe('pChart: Laney P′ across sites (categorical)', () => {
  const subgroups = OVERDISPERSED_SITES.map(({ numerator, denominator }) => ({ numerator, denominator }));

  it('flags every overdispersed site on the plain P chart', () => {
    const plain = pChart(subgroups);
    expect(plain.centre).toBe(0.5);
    expect(plain.points.filter((point) => point.outside !== null)).toHaveLength(13);
  });

  it('takes σz as the sample standard deviation of the z-scores', () => {
    const prime = pChart(subgroups, { prime: true, categorical: true });
    expect(prime.sigmaZ).toBeCloseTo(OVERDISPERSED_SIGMA_Z, 10);
    expect(prime.method).toBe('P′ chart (Laney), σz = 10.07');
  });

  it('flags a site whose proportion is beyond its P′ limit, and only that site', () => {
    const prime = pChart(subgroups, { prime: true, categorical: true });
    const oak = prime.points[0]!;
    expect(oak.value).toBe(0.82);
    expect(oak.upper).toBeCloseTo(0.5 + 0.03 * OVERDISPERSED_SIGMA_Z, 12); // 0.801993
    expect(oak.outside).toBe('above');
    expect(prime.points.filter((point) => point.outside !== null)).toHaveLength(1);
  });

  it('keeps the plain limits when σz ≤ 1, and says so', () => {
    // n = 100, p̄ = 0.5: z = 1, −1, 0, 0, σz = √(2/3) ≈ 0.82.
    const chart = pChart(
      [55, 45, 50, 50].map((numerator) => ({ numerator, denominator: 100 })),
      { prime: true, categorical: true },
    );
    expect(chart.sigmaZ).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(chart.limits).toBe('plain');
    expect(chart.method).toBe('P chart (Laney σz = 0.82 ≤ 1, so plain limits)');
    expect(chart.points[0]!.lower).toBeCloseTo(0.35, 12);
    expect(chart.points[0]!.upper).toBeCloseTo(0.65, 12);
  });
});

describe('uChart', () => {
  it('centres on Σ events / Σ exposure, truncates the lower limit at 0 and flags a high rate', () => {
    // ū = 24 / 12 = 2. n = 2: 2 ± 3·1 → [0, 5]; n = 4: 2 ± 3·√0.5 → [0, 4.121320].
    const chart = uChart([
      { numerator: 2, denominator: 2 },
      { numerator: 4, denominator: 4 },
      { numerator: 0, denominator: 2 },
      { numerator: 18, denominator: 4 },
    ]);
    expect(chart.centre).toBe(2);
    expect(chart.method).toBe('U chart');
    expect(chart.points[0]).toMatchObject({ value: 1, lower: 0, upper: 5, outside: null });
    expect(chart.points[1]!.upper).toBeCloseTo(4.12132, 5);
    expect(chart.points[2]).toMatchObject({ value: 0, lower: 0, outside: null });
    expect(chart.points[3]).toMatchObject({ value: 4.5, lower: 0, outside: 'above' });
  });

  it('applies Laney σz to rates, over time and across sites', () => {
    // ū = 1000 / 1000 = 1; z = 2, −2, 2, −2.
    const subgroups = [
      { numerator: 120, denominator: 100 },
      { numerator: 80, denominator: 100 },
      { numerator: 440, denominator: 400 },
      { numerator: 360, denominator: 400 },
    ];
    const overTime = uChart(subgroups, { prime: true });
    expect(overTime.sigmaZ).toBeCloseTo(4 / 1.128, 12);
    expect(overTime.method).toBe('U′ chart (Laney), σz = 3.55');

    const acrossSites = uChart(subgroups, { prime: true, categorical: true });
    expect(acrossSites.sigmaZ).toBeCloseTo(Math.sqrt(16 / 3), 12);
    expect(acrossSites.points[0]!.upper).toBeCloseTo(1.69282, 5);
    expect(acrossSites.points[2]!.lower).toBeCloseTo(0.65359, 5);
  });
});

describe('attribute charts: missing and degenerate input', () => {
  it('gives a subgroup with denominator 0 a null point and leaves it out of the centre', () => {
    const chart = pChart([
      { numerator: 1, denominator: 10 },
      { numerator: 0, denominator: 0 },
      { numerator: 3, denominator: 10 },
    ]);
    expect(chart.centre).toBe(0.2);
    expect(chart.n).toBe(2);
    expect(chart.points[1]).toMatchObject({
      value: null,
      lower: null,
      upper: null,
      sigma: null,
      outside: null,
    });
  });

  it('returns no centre and no NaN for empty input or all-zero denominators', () => {
    for (const subgroups of [[], [{ numerator: 0, denominator: 0 }]]) {
      for (const chart of [pChart(subgroups, { prime: true }), uChart(subgroups)]) {
        expect(chart.centre).toBeNull();
        expect(allFinite(chart)).toBe(true);
      }
    }
    expect(pChart([]).method).toBe('P chart (no subgroup with a denominator above 0)');
  });

  it('keeps plain limits on the centre when no subgroup has an event', () => {
    const chart = pChart(
      [10, 20, 30].map((denominator) => ({ numerator: 0, denominator })),
      { prime: true, categorical: true },
    );
    expect(chart.centre).toBe(0);
    expect(chart.limits).toBe('plain');
    expect(chart.method).toBe('P chart (Laney correction not applicable: p̄ = 0, no variation)');
    expect(
      chart.points.every((point) => point.lower === 0 && point.upper === 0 && point.outside === null),
    ).toBe(true);
    expect(allFinite(chart)).toBe(true);
  });

  it('keeps plain limits when a single subgroup leaves nothing to estimate σz from', () => {
    const chart = uChart([{ numerator: 5, denominator: 10 }], { prime: true });
    expect(chart.limits).toBe('plain');
    expect(chart.sigmaZ).toBeUndefined();
    expect(chart.method).toBe('U chart (Laney correction needs at least two subgroups)');
  });

  it('keeps every point on a centre of 1 when every case meets the criterion', () => {
    const chart = pChart(
      [
        { numerator: 5, denominator: 5 },
        { numerator: 9, denominator: 9 },
      ],
      { prime: true },
    );
    expect(chart.centre).toBe(1);
    expect(chart.points.every((point) => point.outside === null)).toBe(true);
    expect(allFinite(chart)).toBe(true);
  });

  it('rejects a proportion above 1 and negative figures', () => {
    expect(() => pChart([{ numerator: 11, denominator: 10 }])).toThrow(RangeError);
    expect(() => uChart([{ numerator: -1, denominator: 10 }])).toThrow(RangeError);
  });
});
