import { describe, expect, it } from 'vitest';
import {
  choosePanels,
  inSiteOrder,
  MAX_PANELS,
  type PanelPriority,
  panelsWords,
  siteOrderWords,
} from '../../../src/core/digest/chart-panels.ts';

describe('the order of sites', () => {
  it('puts the smallest first, sites without a size last, and breaks ties by name as people sort', () => {
    const sites = [
      { name: 'Site 10', size: 40 },
      { name: 'Zeta', size: null },
      { name: 'site 2', size: 40 },
      { name: 'Big', size: 500 },
      { name: 'Alpha', size: null },
      { name: 'Small', size: 12 },
    ];
    expect(inSiteOrder(sites).map((s) => s.name)).toEqual([
      'Small',
      'site 2',
      'Site 10',
      'Big',
      'Alpha',
      'Zeta',
    ]);
    expect(siteOrderWords(sites)).toBe('from smallest to largest');
    expect(siteOrderWords([{ name: 'A', size: null }])).toBe('in alphabetical order');
  });
});

describe('choosing the panels', () => {
  const names = Array.from({ length: 100 }, (_, i) => `S${i + 1}`);
  const priorityOf =
    (named: string[], changed: string[] = []) =>
    (name: string): PanelPriority =>
      named.includes(name) ? 'named' : changed.includes(name) ? 'changed' : 'other';

  it('keeps every site when they fit', () => {
    expect(choosePanels(names.slice(0, 5), priorityOf([]))).toEqual(names.slice(0, 5));
  });

  it('gives named sites a panel, then changed ones, then spreads the rest along the order', () => {
    const shown = choosePanels(names, priorityOf(['S60', 'S99'], ['S3']));
    expect(shown).toHaveLength(MAX_PANELS);
    expect(shown).toEqual(expect.arrayContaining(['S60', 'S99', 'S3']));
    // In the given order, never regrouped.
    expect(shown).toEqual(names.filter((n) => shown.includes(n)));
    // Spread: gaps between the other panels are even, from near the start to near the end.
    const others = shown.filter((n) => !['S60', 'S99', 'S3'].includes(n)).map((n) => Number(n.slice(1)));
    expect(others[0]).toBeLessThanOrEqual(5);
    expect(others.at(-1)).toBeGreaterThanOrEqual(95);
  });

  it('takes the first named sites when there are more than panels', () => {
    expect(choosePanels(names, priorityOf(names), 3)).toEqual(['S1', 'S2', 'S3']);
  });

  it('says which panels are drawn, in words', () => {
    const of = (p: PanelPriority[]) => p.map((priority) => ({ priority }));
    expect(panelsWords(of(['other', 'other']), 2, 'from smallest to largest')).toBe(
      'Sites from smallest to largest.',
    );
    expect(panelsWords(of(['other', 'other']), 9, 'in alphabetical order')).toBe(
      '2 of 9 sites, spread across the network in alphabetical order.',
    );
    expect(panelsWords(of(['named', 'named', 'changed', 'other']), 9, 'from smallest to largest')).toBe(
      '4 of 9 sites, from smallest to largest: 2 named in the digest, 1 that changed over the weeks and 1 other spread across the network.',
    );
    expect(panelsWords(of(['named', 'named']), 9, 'from smallest to largest')).toBe(
      '2 of 9 sites, from smallest to largest: 2 named in the digest.',
    );
  });
});
