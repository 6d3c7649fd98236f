import { describe, expect, it } from 'vitest';
import { ACROSS_SITES_FAMILY_RATE, compareSites, normalQuantile } from '../../../src/core/variation/index.ts';
import { allFinite } from './all-finite.ts';
import { OVERDISPERSED_SIGMA_Z, OVERDISPERSED_SITES } from './overdispersed-sites.ts';

describe('compareSites: proportions (P′ across sites)', () => {
  const result = compareSites(OVERDISPERSED_SITES, 'proportion');

  it('orders sites by denominator, smallest first, never by their proportion', () => {
    expect(result.sites.map((site) => site.site)).toEqual([
      'Pine',
      'Rowan',
      'Larch',
      'Birch',
      'Elm',
      'Willow',
      'Yew',
      'Hazel',
      'Holly',
      'Oak',
      'Fir',
      'Cedar',
      'Maple',
    ]);
    expect(result.sites.map((site) => site.size)).toEqual([
      100, 100, 400, 900, 1600, 1600, 1600, 2500, 2500, 2500, 3600, 4900, 6400,
    ]);
  });

  it('names the method and σz', () => {
    expect(result.centre).toBe(0.5);
    expect(result.sigmaZ).toBeCloseTo(OVERDISPERSED_SIGMA_Z, 10);
    expect(result.method).toBe('P′ chart (Laney), σz = 10.07; 13 sites, ordered by size');
  });

  it('calls only the site beyond its P′ limit different beyond chance; the rest are within', () => {
    const oak = result.sites.find((site) => site.site === 'Oak')!;
    expect(oak).toMatchObject({ value: 0.82, size: 2500, verdict: 'above' });
    expect(oak.upper).toBeCloseTo(0.801993, 6);
    expect(result.sites.filter((site) => site.verdict !== 'within')).toHaveLength(1);
  });

  it('lists sites without figures or with a denominator of 0 as missing', () => {
    const withGaps = compareSites(
      [...OVERDISPERSED_SITES, { site: 'Ash', numerator: 0, denominator: 0 }, { site: 'Beech' }],
      'proportion',
    );
    expect(withGaps.missing).toEqual(['Ash', 'Beech']);
    expect(withGaps.sites).toHaveLength(13);
  });

  it('finds nothing to compare when no site had an event', () => {
    const none = compareSites(
      [
        { site: 'A', numerator: 0, denominator: 40 },
        { site: 'B', numerator: 0, denominator: 10 },
        { site: 'C', numerator: 0, denominator: 25 },
      ],
      'proportion',
    );
    expect(none.centre).toBe(0);
    expect(none.sites.map((site) => site.site)).toEqual(['B', 'C', 'A']);
    expect(none.sites.every((site) => site.verdict === 'within')).toBe(true);
    expect(none.method).toContain('no events at any site');
    expect(allFinite(none)).toBe(true);
  });
});

describe('compareSites: counts (U′ across sites)', () => {
  it('compares event rates per exposure with Laney σz from the sd of the z-scores', () => {
    // ū = 1000 / 1000 = 1; z = 2, −2, 2, −2; σz = √(16/3) ≈ 2.31.
    const result = compareSites(
      [
        { site: 'North', numerator: 440, denominator: 400 },
        { site: 'East', numerator: 120, denominator: 100 },
        { site: 'South', numerator: 360, denominator: 400 },
        { site: 'West', numerator: 80, denominator: 100 },
      ],
      'count',
    );
    expect(result.centre).toBe(1);
    expect(result.sigmaZ).toBeCloseTo(Math.sqrt(16 / 3), 12);
    expect(result.method).toBe('U′ chart (Laney), σz = 2.31; 4 sites, ordered by size');
    expect(result.sites.map((site) => site.site)).toEqual(['East', 'West', 'North', 'South']);
    const east = result.sites[0]!;
    expect(east.value).toBeCloseTo(1.2, 12);
    expect(east.lower).toBeCloseTo(0.30718, 5);
    expect(east.upper).toBeCloseTo(1.69282, 5);
    expect(result.sites.every((site) => site.verdict === 'within')).toBe(true);
  });

  it('lets one extreme site among few inflate σz, so it stays within its U′ limit (plain U would flag it)', () => {
    // ū = 20 / 40 = 0.5, n = 10 each: σ_i = √0.05; z = −√5 (three times) and 3√5.
    // σz = sd(z) = √20 ≈ 4.47; D's U′ upper limit 0.5 + 3·√0.05·√20 = 3.5 > 2,
    // while its plain U upper limit 0.5 + 3·√0.05 ≈ 1.17 < 2.
    const result = compareSites(
      [
        { site: 'A', numerator: 0, denominator: 10 },
        { site: 'B', numerator: 0, denominator: 10 },
        { site: 'C', numerator: 0, denominator: 10 },
        { site: 'D', numerator: 20, denominator: 10 },
      ],
      'count',
    );
    expect(result.sigmaZ).toBeCloseTo(Math.sqrt(20), 10);
    expect(result.sites[3]!.upper).toBeCloseTo(3.5, 12);
    expect(result.sites.every((site) => site.verdict === 'within')).toBe(true);
  });
});

describe('compareSites: values (I chart across sites in size order)', () => {
  // In size order the values are 4 5 4 5 4 5 4 5 4 14: moving ranges 1 ×8 and 10,
  // AMR 18/9 = 2, screen at 6.534 drops the 10, screened AMR 1; centre 54/10 = 5.4;
  // limits 5.4 ± 3/1.128 = 2.740426 and 8.059574.
  const figures = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((size, i) => ({
    site: `Site ${String.fromCharCode(65 + i)}`,
    value: i === 9 ? 14 : i % 2 === 0 ? 4 : 5,
    size,
  }));

  it('orders by size, not by value, and flags the site beyond the screened limits', () => {
    const result = compareSites([...figures].reverse(), 'value');
    expect(result.sites.map((site) => site.size)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(result.centre).toBeCloseTo(5.4, 12);
    expect(result.sites[0]!.lower).toBeCloseTo(2.740426, 6);
    expect(result.sites[0]!.upper).toBeCloseTo(8.059574, 6);
    expect(result.sites.filter((site) => site.verdict !== 'within').map((site) => site.site)).toEqual([
      'Site J',
    ]);
    expect(result.sites[9]!.verdict).toBe('above');
    expect(result.method).toBe('I chart across 10 sites (moving ranges taken in size order, screened)');
    expect(result.sigmaZ).toBeUndefined();
  });

  it('puts sites without a size after the sized ones, by name', () => {
    const result = compareSites(
      [
        { site: 'Zeta', value: 3 },
        { site: 'Alpha', value: 4 },
        { site: 'Mid', value: 5, size: 7 },
      ],
      'value',
    );
    expect(result.sites.map((site) => [site.site, site.size])).toEqual([
      ['Mid', 7],
      ['Alpha', null],
      ['Zeta', null],
    ]);
  });

  it('calls every site within when all sites report the same value', () => {
    const result = compareSites(
      [
        { site: 'A', value: 0.3, size: 1 },
        { site: 'B', value: 0.3, size: 2 },
        { site: 'C', value: 0.3, size: 3 },
      ],
      'value',
    );
    expect(result.sites.every((site) => site.verdict === 'within' && site.lower === 0.3)).toBe(true);
    expect(result.method).toContain('every site has the same value');
  });
});

describe('compareSites: too few sites', () => {
  it('compares nothing with one site and says why', () => {
    const result = compareSites(
      [
        { site: 'Solo', numerator: 3, denominator: 12 },
        { site: 'Quiet', numerator: 1, denominator: 0 },
      ],
      'proportion',
    );
    expect(result.method).toBe('Only one site has figures for this period: nothing to compare it with');
    expect(result.centre).toBe(0.25);
    expect(result.sites).toEqual([
      { site: 'Solo', value: 0.25, size: 12, lower: null, upper: null, verdict: 'within' },
    ]);
    expect(result.missing).toEqual(['Quiet']);
  });

  it('returns an empty comparison without NaN when no site has figures', () => {
    for (const kind of ['proportion', 'count', 'value'] as const) {
      const result = compareSites([], kind);
      expect(result).toMatchObject({ kind, centre: null, sites: [], missing: [] });
      expect(result.method).toBe('No site has figures for this period: nothing to compare');
      expect(allFinite(result)).toBe(true);
    }
  });
});

describe('compareSites: limits widened for many sites (familyRate)', () => {
  it('keeps 3σ while the Šidák multiplier for the family rate is below 3', () => {
    const plain = compareSites(OVERDISPERSED_SITES, 'proportion');
    const adjusted = compareSites(OVERDISPERSED_SITES, 'proportion', {
      familyRate: ACROSS_SITES_FAMILY_RATE,
    });
    expect(normalQuantile(1 - ACROSS_SITES_FAMILY_RATE / 26)).toBeLessThan(3);
    expect(adjusted).toEqual(plain);
  });

  it('widens the limits to Φ⁻¹(1 − rate / 2k) σ and says so, so that fewer alike sites fall outside', () => {
    const result = compareSites(OVERDISPERSED_SITES, 'proportion', { familyRate: 0.01 });
    const sigmas = normalQuantile(1 - 0.01 / 26);
    expect(sigmas).toBeCloseTo(3.3636, 4);
    expect(result.method).toBe(
      'P′ chart (Laney), σz = 10.07; limits at 3.4σ for 13 sites; 13 sites, ordered by size',
    );
    // Oak's z of 32 is 3.18 σz: beyond 3σ, within 3.36σ.
    const oak = result.sites.find((site) => site.site === 'Oak')!;
    expect(oak.upper).toBeCloseTo(0.5 + sigmas * 0.01 * OVERDISPERSED_SIGMA_Z, 12);
    expect(oak.verdict).toBe('within');
  });

  it('widens an I chart across sites the same way', () => {
    // 4 5 4 5 4 5 4 5 4 14 in size order: σ = screened AMR / 1.128 = 1 / 1.128, centre 5.4.
    const figures = [4, 5, 4, 5, 4, 5, 4, 5, 4, 14].map((value, i) => ({
      site: `S${i}`,
      value,
      size: i + 1,
    }));
    const plain = compareSites(figures, 'value');
    const widened = compareSites(figures, 'value', { familyRate: 0.01 });
    expect(plain.sites[0]!.upper! - plain.centre!).toBeCloseTo(3 / 1.128, 10);
    expect(widened.sites[0]!.upper! - widened.centre!).toBeCloseTo(normalQuantile(1 - 0.01 / 20) / 1.128, 10);
    expect(widened.sites[0]!.lower! - widened.centre!).toBeCloseTo(
      -normalQuantile(1 - 0.01 / 20) / 1.128,
      10,
    );
    expect(widened.method).toContain('limits at 3.3σ for 10 sites');
  });
});
