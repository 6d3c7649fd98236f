import { describe, expect, it } from 'vitest';
import {
  analyseDigest,
  composeDigest,
  type DigestData,
  type DigestMeasure,
  type PredictionRecord,
  type WeeklyFigure,
} from '../../../src/core/digest/index.ts';
import { emptyData, proportionFigures, weeksEnding } from './fixtures.ts';
import { MEASURE } from './network-fixture.ts';
import { textLines } from './plain-words.ts';

// What a network learns about its own predictions: when results come in on
// the same side of them at site after site, the digest says so once, as a
// lesson for the network, and only when the sites are enough to tell.

const weeks = weeksEnding(47, 12);

/** `gaps[i]`: result − prediction at site i, in points, for each of its two results. */
function network(gaps: number[][], measure: DigestMeasure = MEASURE): DigestData {
  const sites = gaps.map((_, i) => ({ id: i + 1, name: `School ${i + 1}` }));
  const figures: WeeklyFigure[] =
    measure.kind === 'proportion'
      ? sites.flatMap((s) =>
          proportionFigures(
            measure.id,
            s.id,
            weeks,
            100,
            weeks.map((_, w) => 60 + ((w * s.id) % 5)),
          ),
        )
      : sites.flatMap((s) =>
          weeks.map((week, w) => ({
            measureId: measure.id,
            siteId: s.id,
            week,
            value: 10 + ((w * s.id) % 5) / 2,
            numerator: null,
            denominator: null,
            figures: 1,
          })),
        );
  const scale = measure.kind === 'proportion' ? 0.01 : 1;
  const base = measure.kind === 'proportion' ? 0.7 : 10;
  const predictions: PredictionRecord[] = sites.flatMap((s, i) =>
    gaps[i]!.map((gap, k) => ({
      cycleId: s.id * 10 + k,
      siteId: s.id,
      measureId: measure.id,
      startWeek: k === 0 ? '2026-W40' : '2026-W45',
      resultWeek: k === 0 ? '2026-W42' : '2026-W47',
      predicted: { value: base },
      result: { value: base + gap * scale },
      surprised: null,
    })),
  );
  return emptyData({ weeks, sites, measures: [measure], figures, predictions });
}

function digestOf(data: DigestData) {
  const d = composeDigest(data, analyseDigest(data));
  return { main: textLines(d.main).join('\n'), details: textLines(d.details).join('\n') };
}

const ALL_LOWER = [
  [-7, -8],
  [-5, -3],
  [-9, -11],
  [-6, -8],
  [-4, -4],
  [-5, -6],
  [-10, -10],
  [-7, -8],
  [-8, -8],
  [-6, -6],
  [-7, -7],
  [-5, -7],
];

describe('what the network learns about its predictions', () => {
  it('says once, plainly, that predictions run optimistic when results came in lower at every site', () => {
    const { main, details } = digestOf(network(ALL_LOWER));
    expect(main).toContain(
      'A lesson for the network: our predictions run about 7 points optimistic: at all 12 sites, results came in lower than predicted.',
    );
    expect(details).toContain(
      'Across sites: results came in lower than predicted on average at 12 of 12 sites and higher at 0: a consistent lean (sign test across sites, p < 0.001; a lean is named when p ≤ 0.05 with 6 or more sites); the median site’s results were 7 percentage points below its predictions.',
    );
    // Said once for the network, not twelve times over.
    expect(details).not.toContain('results on average lower than predicted');
    expect(main.match(/optimistic/g)).toHaveLength(1);
  });

  it('says it when 10 of 12 sites lean the same way, and names the two that do not', () => {
    const gaps = ALL_LOWER.map((g, i) => (i < 2 ? [4, 6] : g));
    const { main, details } = digestOf(network(gaps));
    expect(main).toMatch(
      /our predictions run about \d points optimistic: at 10 of 12 sites, results came in lower/,
    );
    expect(details).toMatch(
      /• School 1: 2 results, [^\n]*; predictions and results were 5 percentage points apart on average, results on average higher than predicted, unlike most sites\./,
    );
    expect(details.match(/unlike most sites/g)).toHaveLength(2);
  });

  it('says nothing in the first message when 9 of 12 lean one way, and gives the test in the thread', () => {
    const gaps = ALL_LOWER.map((g, i) => (i < 3 ? [4, 6] : g));
    const { main, details } = digestOf(network(gaps));
    expect(main).not.toContain('A lesson for the network');
    expect(details).toContain(
      'Across sites: results came in lower than predicted on average at 9 of 12 sites and higher at 3: no consistent lean (sign test across sites, p = 0.15;',
    );
    expect(details).toContain('results on average lower than predicted');
  });

  it('needs six sites: five of five on one side is not enough to call it', () => {
    const { main, details } = digestOf(network(ALL_LOWER.slice(0, 5)));
    expect(main).not.toContain('A lesson for the network');
    expect(details).toContain('no consistent lean (sign test across sites, p = 0.063;');
  });

  it('calls predictions cautious when results beat them, for a measure where lower is better', () => {
    const minutes: DigestMeasure = {
      id: 1,
      name: 'Minutes lost',
      kind: 'value',
      unit: 'minutes',
      better: 'lower',
    };
    const { main } = digestOf(
      network(
        ALL_LOWER.map((g) => g.map((x) => x / 4)),
        minutes,
      ),
    );
    expect(main).toContain(
      'A lesson for the network: our predictions run about 1.75 minutes cautious: at all 12 sites, results came in lower than predicted.',
    );
  });
});
