import { describe, expect, it } from 'vitest';
import { naturalCompare, naturallySorted } from '../../src/core/natural-order.ts';

describe('site names in natural order', () => {
  it('puts S2 before S10 and Site 9 before Site 10', () => {
    expect(['S10', 'S2', 'S1'].sort(naturalCompare)).toEqual(['S1', 'S2', 'S10']);
    expect(['Site 10', 'Site 9'].sort(naturalCompare)).toEqual(['Site 9', 'Site 10']);
  });

  it('ignores case and accents but still gives one order for names that differ only by them', () => {
    expect(naturalCompare('lincoln', 'Lincoln')).not.toBe(0);
    expect(naturallySorted(['Zoë', 'alder', 'Birch'], (n) => n)).toEqual(['alder', 'Birch', 'Zoë']);
  });

  it('sorts records by the name they carry without changing the input', () => {
    const sites = [{ name: 'S10' }, { name: 'S2' }];
    expect(naturallySorted(sites, (s) => s.name).map((s) => s.name)).toEqual(['S2', 'S10']);
    expect(sites[0]?.name).toBe('S10');
  });
});
