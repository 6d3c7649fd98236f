import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../../src/core/variation/index.ts';

describe('normalQuantile (AS 241)', () => {
  it('matches R’s qnorm to 15 digits', () => {
    // qnorm(c(0.975, 0.999, 1e-10, 0.3)), as SciPy's norm.ppf gives them too.
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306167813, 14);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 13);
    expect(normalQuantile(0.3)).toBeCloseTo(-0.5244005127080407, 14);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
  });
});
