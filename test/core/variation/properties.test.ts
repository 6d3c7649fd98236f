import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSites, iChart, pChart, runChart, uChart } from '../../../src/core/variation/index.ts';

// Generated inputs: whatever the data, the statistics never crash, never
// produce NaN or Infinity, and keep their limits in range.

const finiteOrNull = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === 'number' && Number.isFinite(v));

function allNumbersFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allNumbersFinite);
  if (value && typeof value === 'object') return Object.values(value).every(allNumbersFinite);
  return true;
}

const series = fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }), {
  maxLength: 120,
});
const subgroups = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 })), { maxLength: 60 })
  .map((pairs) => pairs.map(([a, b]) => ({ numerator: Math.min(a, b), denominator: Math.max(a, b) })));

describe('variation statistics on generated data', () => {
  it('run chart: no NaN, runs and crossings within the useful points', () => {
    fc.assert(
      fc.property(series, (values) => {
        const r = runChart(values);
        expect(allNumbersFinite(r)).toBe(true);
        expect(r.longestRun).toBeLessThanOrEqual(r.n);
        expect(r.crossings).toBeLessThanOrEqual(Math.max(0, r.n - 1));
        if (r.n === 0) expect(r.runsSignal).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('I chart: no NaN, lower limit ≤ centre ≤ upper limit', () => {
    fc.assert(
      fc.property(series, fc.boolean(), (values, screen) => {
        const r = iChart(values, { screen });
        expect(allNumbersFinite(r)).toBe(true);
        if (r.centre !== null && r.upper !== null && r.lower !== null) {
          expect(r.lower).toBeLessThanOrEqual(r.centre + 1e-9);
          expect(r.upper).toBeGreaterThanOrEqual(r.centre - 1e-9);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('P and P′ charts: limits inside [0, 1] around the centre, for sites and over time', () => {
    fc.assert(
      fc.property(subgroups, fc.boolean(), fc.boolean(), (groups, prime, categorical) => {
        const r = pChart(groups, { prime, categorical });
        expect(allNumbersFinite(r)).toBe(true);
        for (const p of r.points) {
          expect(finiteOrNull(p.lower) && finiteOrNull(p.upper)).toBe(true);
          if (p.lower !== null && p.upper !== null) {
            expect(p.lower).toBeGreaterThanOrEqual(0);
            expect(p.upper).toBeLessThanOrEqual(1);
            expect(p.lower).toBeLessThanOrEqual(p.upper);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('U′ chart: lower limits never below zero', () => {
    fc.assert(
      fc.property(subgroups, (groups) => {
        const r = uChart(groups, { prime: true, categorical: true });
        expect(allNumbersFinite(r)).toBe(true);
        for (const p of r.points) if (p.lower !== null) expect(p.lower).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('site comparison: every site gets a verdict, ordered by size and never by result', () => {
    fc.assert(
      fc.property(subgroups, (groups) => {
        const sites = groups.map((g, i) => ({ site: `S${i}`, ...g }));
        const r = compareSites(sites, 'proportion');
        expect(allNumbersFinite(r)).toBe(true);
        const judged = r.sites.filter((s) => s.size !== null);
        for (let i = 1; i < judged.length; i++)
          expect(judged[i]!.size!).toBeGreaterThanOrEqual(judged[i - 1]!.size!);
        expect(r.sites.length + r.missing.length).toBe(sites.length);
      }),
      { numRuns: 300 },
    );
  });
});
