import { describe, expect, it } from 'vitest';
import {
  PREDICTION_LEAN_MIN_SITES,
  predictionLean,
  signTestPValue,
} from '../../../src/core/variation/index.ts';
import { normalDraw, seededRandom } from './simulated-networks.ts';

describe('signTestPValue', () => {
  // R 4.3: binom.test(k, n, 0.5)$p.value (two-sided, exact).
  it.each([
    [12, 12, 0.00048828125],
    [0, 12, 0.00048828125],
    [10, 12, 0.03857421875],
    [9, 12, 0.1459960938],
    [6, 6, 0.03125],
    [5, 5, 0.0625],
    [3, 6, 1],
    [15, 20, 0.04138946533],
    [14, 20, 0.1153183],
  ])('%i of %i on one side: p = %f, as R’s binom.test', (k, n, p) => {
    expect(signTestPValue(k, n)).toBeCloseTo(p, 8);
  });

  it('is 1 with no site leaning', () => {
    expect(signTestPValue(0, 0)).toBe(1);
  });
});

describe('predictionLean', () => {
  it('calls 12 of 12 sites below their predictions a consistent lean, about the typical gap', () => {
    const lean = predictionLean([
      -0.072, -0.042, -0.101, -0.07, -0.041, -0.053, -0.103, -0.076, -0.08, -0.061, -0.071, -0.056,
    ]);
    expect(lean).toMatchObject({ higher: 0, lower: 12, even: 0, side: 'lower' });
    expect(lean.pValue).toBeCloseTo(0.00048828125, 10);
    expect(lean.typicalDifference).toBeCloseTo(-0.0705, 10);
  });

  it('calls 10 of 12 consistent, and 9 of 12 not', () => {
    const sites = (below: number) => [...Array(below).fill(-5), ...Array(12 - below).fill(3)];
    expect(predictionLean(sites(10)).side).toBe('lower');
    expect(predictionLean(sites(9)).side).toBeNull();
  });

  it(`needs ${PREDICTION_LEAN_MIN_SITES} sites: 5 of 5 on one side can happen by chance one time in 16`, () => {
    expect(predictionLean([4, 6, 2, 9, 3]).side).toBeNull();
    expect(predictionLean([4, 6, 2, 9, 3, 5]).side).toBe('higher');
  });

  it('leaves out sites whose results matched their predictions on average, however the sum rounds', () => {
    const lean = predictionLean([0.7 - 0.6 - 0.1, -2, -2, -2, -2, -2, -2]);
    expect(lean).toMatchObject({ higher: 0, lower: 6, even: 1, side: 'lower' });
  });
});

// By simulation: networks whose predictions are right on average, each site
// with its own lean (its people's habits) and noisy cycles, must rarely get
// the lesson; networks whose predictions run 7 points high must usually get it.
describe('predictionLean by simulation', () => {
  const DRAWS = 4000;

  function network(random: () => number, sites: number, networkLean: number): number[] {
    return Array.from({ length: sites }, () => {
      const siteLean = networkLean + 3 * normalDraw(random);
      const cycles = 1 + Math.floor(random() * 6);
      let sum = 0;
      for (let c = 0; c < cycles; c++) sum += siteLean + 8 * normalDraw(random);
      return sum / cycles;
    });
  }

  function rate(seed: number, sites: number, networkLean: number): number {
    const random = seededRandom(seed);
    let named = 0;
    for (let i = 0; i < DRAWS; i++) if (predictionLean(network(random, sites, networkLean)).side) named++;
    return named / DRAWS;
  }

  it.each([3, 6, 8, 12, 20, 40])(
    'names a lean in at most 5%% of networks of %i sites whose predictions are right on average',
    (sites) => {
      expect(rate(16 + sites, sites, 0)).toBeLessThanOrEqual(0.05);
    },
  );

  it('names a 7-point lean in most networks of 12 sites', () => {
    expect(rate(7, 12, -7)).toBeGreaterThanOrEqual(0.8);
  });
});
