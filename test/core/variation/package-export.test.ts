import { describe, expect, it } from 'vitest';

describe('the statistics as a package subpath for researchers', () => {
  it('can be imported as pdsa-bot/variation', async () => {
    const variation = await import('pdsa-bot/variation');
    expect(variation.runChart([1, 5, 2, 8]).n).toBe(4);
    expect(typeof variation.compareSites).toBe('function');
    expect(typeof variation.pChart).toBe('function');
  });
});
