import { describe, expect, it } from 'vitest';

describe('the statistics as a package subpath for researchers', () => {
  it('can be imported as pdsa-bot/variation', async () => {
    const variation = await import('pdsa-bot/variation');
    expect(variation.runChart([1, 5, 2, 8]).n).toBe(4);
    expect(typeof variation.compareSites).toBe('function');
    expect(typeof variation.pChart).toBe('function');
    expect(
      variation
        .sitesApart(
          [
            { site: 'Alder', weeks: [19, 21, 22, 20, 21].map((n) => ({ numerator: n, denominator: 30 })) },
            { site: 'Birch', weeks: [20, 22, 19, 21, 22].map((n) => ({ numerator: n, denominator: 30 })) },
            { site: 'Cedar', weeks: [5, 4, 6, 5, 6].map((n) => ({ numerator: n, denominator: 30 })) },
          ],
          'proportion',
        )
        .map((s) => s.site),
    ).toEqual(['Cedar']);
  });
});
