import { describe, expect, it } from 'vitest';
import { matchingChoices } from '../../src/core/choice-search.ts';

// Typing part of a site's name in a searching menu finds it.

const sites = [
  'Roosevelt High',
  'Lincoln',
  'São Tomé Academy',
  'West Roosevelt',
  'Eleanor Roosevelt Middle',
].map((label, i) => ({ value: String(i + 1), label }));
const labels = (query: string) => matchingChoices(sites, query).map((c) => c.label);

describe('matchingChoices', () => {
  it('puts names starting with the text first, then names with a word starting with it, then names holding every word', () => {
    expect(labels('roos')).toEqual(['Roosevelt High', 'West Roosevelt', 'Eleanor Roosevelt Middle']);
    expect(labels('roosevelt middle')).toEqual(['Eleanor Roosevelt Middle']);
    expect(labels('high roose')).toEqual(['Roosevelt High']);
  });

  it('ignores case, accents and extra spaces', () => {
    expect(labels('  SAO   tome ')).toEqual(['São Tomé Academy']);
    expect(labels('lincoln')).toEqual(['Lincoln']);
  });

  it('gives every choice, in the form’s order, for empty text, and never more than the limit', () => {
    expect(labels('')).toEqual(sites.map((s) => s.label));
    const many = Array.from({ length: 250 }, (_, i) => ({ value: String(i), label: `School ${i}` }));
    expect(matchingChoices(many, '')).toHaveLength(100);
    expect(matchingChoices(many, 'school')).toHaveLength(100);
    expect(matchingChoices(many, 'school', 10)).toHaveLength(10);
    expect(matchingChoices(many, 'nowhere')).toEqual([]);
  });
});
