import { describe, expect, it } from 'vitest';
import { analyseDigest, composeDigest, type DigestData } from '../../../src/core/digest/index.ts';
import { type Message, plainText } from '../../../src/core/message-model.ts';
import { emptyData, proportionFigures, weeksEnding } from './fixtures.ts';
import { MEASURE } from './network-fixture.ts';

// What the digest's first lines say about sites apart from the rest over
// recent weeks, in the words a facilitator reads on a phone.

const all = (m: Message) => m.blocks.flatMap((b) => ('text' in b ? [plainText(b.text)] : [])).join('\n');

function digestOf(data: DigestData) {
  return composeDigest(data, analyseDigest(data));
}

const THREE = [
  { id: 1, name: 'Alder' },
  { id: 2, name: 'Birch' },
  { id: 3, name: 'Cedar' },
];

/** The digest reads 26 weeks; the figures start `weeks` weeks before its week (W47). */
function threeSites(numerators: Record<string, number[]>): DigestData {
  const length = Object.values(numerators)[0]!.length;
  const weeks = weeksEnding(47, length);
  return emptyData({
    weeks: weeksEnding(47, 26),
    sites: THREE.filter((s) => numerators[s.name]),
    measures: [MEASURE],
    figures: THREE.filter((s) => numerators[s.name]).flatMap((s) =>
      proportionFigures(MEASURE.id, s.id, weeks, 30, numerators[s.name]!),
    ),
  });
}

const FAR_BELOW = {
  Alder: [19, 21, 22, 20, 21],
  Birch: [20, 22, 19, 21, 22],
  Cedar: [5, 4, 6, 5, 6],
};

describe('sites apart over recent weeks, in the digest', () => {
  it('names Cedar, far below the others for five weeks, in the first lines, and never says no site is different', () => {
    const { main, details } = digestOf(threeSites(FAR_BELOW));
    expect(all(main)).toContain(
      'Students on time: Cedar has been below the rest of the network for the last 5 weeks: 17% against 69% at the other sites.',
    );
    expect(all(main)).not.toMatch(/Alder has been|Birch has been/);
    expect(all(main)).not.toMatch(/no site/i);
    expect(main.summary).toContain('Cedar stands out');
    expect(all(details)).toContain(
      '• Cedar: below the rest in 5 of 5 weeks with figures; 17% against 69% at the 2 sites it was compared with; a gap of 51.7 percentage points',
    );
    expect(all(details)).toContain('Not apart (2), over the last 5 weeks: Alder 69%; Birch 69%.');
  });

  it('gives the other sites’ range when they differ among themselves', () => {
    const { main } = digestOf(threeSites({ ...FAR_BELOW, Birch: [22, 22, 21, 22, 21] }));
    expect(all(main)).toContain(
      'Cedar has been below the rest of the network for the last 5 weeks: 17% against 69–72% at the other sites.',
    );
  });

  it('says how many weeks are needed when there are too few to judge, and nothing about "no site"', () => {
    const short = Object.fromEntries(Object.entries(FAR_BELOW).map(([site, n]) => [site, n.slice(2)]));
    const { main, details } = digestOf(threeSites(short));
    expect(all(main)).toContain(
      'Too few weeks yet to tell whether a site stands apart from the rest: 3 weeks of figures so far, 4 needed.',
    );
    expect(all(main)).not.toMatch(/no site/i);
    expect(all(details)).toContain('Too few weeks to judge yet: 3 weeks of figures, 4 needed.');
  });

  it('says that no site stands apart only when the weeks could have shown one', () => {
    const { main } = digestOf(threeSites({ ...FAR_BELOW, Cedar: [20, 21, 19, 22, 20] }));
    expect(all(main)).toContain(
      'No site stands apart from the rest of the network over the last 5 weeks (3 sites compared).',
    );
  });

  it('with two sites, says that they differ without calling either one unusual', () => {
    const { main } = digestOf(threeSites({ Alder: FAR_BELOW.Alder, Cedar: FAR_BELOW.Cedar }));
    expect(all(main)).toContain(
      'Alder has been above Cedar for the last 5 weeks: 69% against 17%. With only two sites the digest cannot tell which of them is the unusual one.',
    );
    expect(all(main)).not.toContain('has been below the rest');
  });

  it('in a large network with many sites apart, shows the three largest gaps (in size order) and counts the rest', () => {
    const weeks = weeksEnding(47, 8);
    const sites = Array.from({ length: 40 }, (_, i) => ({ id: i + 1, name: `School ${i + 1}` }));
    // Steady differences between schools: eight of them sit well away from 70%.
    const levels: Record<number, number> = { 3: 40, 7: 45, 11: 52, 15: 85, 19: 88, 23: 55, 27: 97, 31: 60 };
    const figures = sites.flatMap((s) => {
      const level = levels[s.id] ?? 70;
      return proportionFigures(
        MEASURE.id,
        s.id,
        weeks,
        100,
        weeks.map((_, w) => level + ((s.id + w) % 3) - 1),
      );
    });
    const data = emptyData({ weeks, sites, measures: [MEASURE], figures });
    const { main, details } = digestOf(data);
    const lines = all(main).split('\n');
    const apart = lines.filter((l) => l.includes('the rest of the network for the last'));
    // Sites are listed in the analysis's order (by size, then name as people sort them), never ranked by their result.
    expect(apart.map((l) => l.replace('• ', '').split(' has been')[0])).toEqual([
      'School 3',
      'School 7',
      'School 27',
    ]);
    expect(all(main)).toContain('…and 5 more sites stand apart from the rest; the thread lists them.');
    expect(all(details).match(/^• School \d+: (above|below) the rest/gm)).toHaveLength(8);
    expect(all(main)).toContain(
      'School 3 has been below the rest of the network for the last 6 weeks: 40% against 70% across the other 32 sites.',
    );
  });
});
