import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { valueScale } from '../../../src/core/digest/chart-scale.ts';

describe('the value axis the panels share', () => {
  it('spans the values with a little room and round ticks inside it', () => {
    expect(valueScale([0.59, 0.98], true)).toEqual({
      min: expect.closeTo(0.5666, 3),
      max: 1,
      ticks: [0.6, 0.8, 1],
    });
    expect(valueScale([12, 17.5], false).ticks).toEqual([12, 14, 16]);
    expect(valueScale([1200, 4100], false).ticks).toEqual([2000, 3000, 4000]);
  });

  it('keeps proportions within 0 and 100%', () => {
    const s = valueScale([0.01, 0.99], true);
    expect(s.min).toBe(0);
    expect(s.max).toBe(1);
  });

  it('gives a single level a band around it', () => {
    const s = valueScale([0.5, 0.5], true);
    expect(s.min).toBeLessThan(0.5);
    expect(s.max).toBeGreaterThan(0.5);
    expect(s.ticks.length).toBeGreaterThanOrEqual(2);
    expect(valueScale([], false)).toEqual({ min: 0, max: 1, ticks: [0, 1] });
  });

  it('always contains every value and has two to five ticks within its bounds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (values) => {
          const s = valueScale(values, false);
          for (const v of values) expect(v >= s.min - 1e-9 && v <= s.max + 1e-9).toBe(true);
          expect(s.ticks.length).toBeGreaterThanOrEqual(2);
          expect(s.ticks.length).toBeLessThanOrEqual(5);
          for (const t of s.ticks) expect(t >= s.min - 1e-9 && t <= s.max + 1e-9).toBe(true);
        },
      ),
    );
  });
});
