import { describe, expect, it } from 'vitest';
import { selectSites } from '../../src/chart/select-sites.ts';
import { site } from './sample.ts';

describe('selectSites', () => {
  const sites = ['a', 'b', 'c', 'd', 'e'].map((n, i) => site(n, i, 4, n === 'd' ? { flag: 'below' } : {}));

  it('keeps every site when they fit', () => {
    expect(selectSites(sites, 5)).toEqual({ shown: sites, hidden: 0 });
  });

  it('gives flagged sites a panel first and keeps the given order', () => {
    const { shown, hidden } = selectSites(sites, 3);
    expect(shown.map((s) => s.site)).toEqual(['a', 'b', 'd']);
    expect(hidden).toBe(2);
  });

  it('takes the first flagged sites when there are more than panels', () => {
    const allFlagged = sites.map((s) => ({ ...s, flag: 'above' as const }));
    expect(selectSites(allFlagged, 2).shown.map((s) => s.site)).toEqual(['a', 'b']);
  });
});
