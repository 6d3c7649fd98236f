import { describe, expect, it } from 'vitest';
import {
  analyseDigest,
  type ChartImage,
  composeDigest,
  type DigestData,
  type DigestMeasure,
  type WeeklyFigure,
} from '../../../src/core/digest/index.ts';
import { emptyData, proportionFigures, weeksEnding } from './fixtures.ts';
import { MEASURE, networkFixture } from './network-fixture.ts';
import { ISO_WEEK, JARGON, linesBeforeChart, textLines } from './plain-words.ts';

// The digest's first message is read in a minute on a phone by teachers:
// about ten lines before the chart, in plain words, with no statistical
// term and no week number, whatever the network looks like this week.

const CHART: ChartImage = {
  measureId: 1,
  pngBase64: 'iVBOR',
  fileName: 'digest.png',
  alt: 'Small multiples',
  title: 'Students on time, weekly, by site',
};

function firstMessage(data: DigestData) {
  const analysis = analyseDigest(data);
  const charts = analysis.measures.slice(0, 3).map((a) => ({ ...CHART, measureId: a.measure.id }));
  return { analysis, ...composeDigest(data, analysis, charts) };
}

/** Three schools with five weeks of figures (Cedar far below), cycles, results, decisions and people to nudge. */
function threeSchools(): DigestData {
  const weeks = weeksEnding(47, 5);
  const sites = [
    { id: 1, name: 'Alder' },
    { id: 2, name: 'Birch' },
    { id: 3, name: 'Cedar' },
  ];
  return emptyData({
    weeks: weeksEnding(47, 26),
    sites,
    measures: [MEASURE],
    figures: [
      ...proportionFigures(1, 1, weeks, 30, [19, 21, 22, 20, 21]),
      ...proportionFigures(1, 2, weeks, 30, [20, 22, 19, 21, 22]),
      ...proportionFigures(1, 3, weeks, 30, [5, 4, 6, 5, 6]),
    ],
    cycles: { active: 3, started: 1, completed: 2, closedEarly: 0 },
    participation: sites.map((s) => ({ siteId: s.id, asked: 3, answered: s.id === 3 ? 1 : 3 })),
    predictions: [1, 2, 3].map((siteId) => ({
      cycleId: siteId,
      siteId,
      measureId: 1,
      startWeek: '2026-W45',
      resultWeek: '2026-W47',
      predicted: { value: 0.8, numerator: 24, denominator: 30 },
      result: { value: siteId === 3 ? 0.2 : 0.7, numerator: siteId === 3 ? 6 : 21, denominator: 30 },
      surprised: null,
    })),
    decisions: [
      {
        cycleId: 1,
        siteId: 1,
        changeIdeaId: 1,
        changeIdea: 'Greet every student at the door',
        decision: 'adopt',
        learned: null,
        nextStep: null,
      },
      {
        cycleId: 2,
        siteId: 2,
        changeIdeaId: 1,
        changeIdea: 'Greet every student at the door',
        decision: 'adapt',
        learned: null,
        nextStep: null,
      },
    ],
    overdue: {
      total: 1,
      items: [{ person: 'Cy', site: 'Cedar', phase: 'do', cycleId: 3, dueAt: '2026-11-18T14:00:00.000Z' }],
    },
  });
}

/** A hundred schools of steady, different levels: many apart from the rest, many that changed. */
function hundredSchools(): DigestData {
  const weeks = weeksEnding(47, 20);
  const sites = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, name: `School ${i + 1}` }));
  const figures = sites.flatMap((s) => {
    const size = 40 + s.id * 5;
    const level = 0.55 + ((s.id * 37) % 30) / 100;
    return proportionFigures(
      1,
      s.id,
      weeks,
      size,
      weeks.map((_, w) =>
        Math.round(size * (level + (s.id % 7 === 0 && w >= 12 ? 0.08 : 0) + ((w * 13 + s.id) % 5) / 200)),
      ),
    );
  });
  return emptyData({ weeks, sites, measures: [MEASURE], figures });
}

const MINUTES: DigestMeasure = {
  id: 2,
  name: 'Minutes lost',
  kind: 'value',
  unit: 'minutes',
  better: 'lower',
};

/** Two measures: the first message names one site for the second. */
function twoMeasures(): DigestData {
  const data = threeSchools();
  const weeks = weeksEnding(47, 8);
  const minutes: WeeklyFigure[] = data.sites.flatMap((s) =>
    weeks.map((week, w) => ({
      measureId: 2,
      siteId: s.id,
      week,
      value: (s.id === 2 ? 12 : 5) + ((w * (s.id + 1)) % 4) * 0.5,
      numerator: null,
      denominator: null,
      figures: 1,
    })),
  );
  return { ...data, measures: [MEASURE, MINUTES], figures: [...data.figures, ...minutes] };
}

const networks: [string, () => DigestData][] = [
  ['fourteen schools with a site far off this week and two that changed', networkFixture],
  ['three schools, one far below for five weeks', threeSchools],
  [
    'three schools with too few weeks to judge',
    () => {
      const data = threeSchools();
      return { ...data, figures: data.figures.filter((f) => f.week >= '2026-W45') };
    },
  ],
  [
    'two schools',
    () => {
      const data = threeSchools();
      return { ...data, sites: data.sites.slice(0, 2), figures: data.figures.filter((f) => f.siteId !== 2) };
    },
  ],
  ['a hundred schools', hundredSchools],
  ['two measures', twoMeasures],
  ['no figures at all', () => emptyData()],
];

describe('the first message', () => {
  it.each(networks)('of %s has no statistical term and no week number', (_, make) => {
    const { main } = firstMessage(make());
    for (const line of textLines(main)) {
      expect(line).not.toMatch(JARGON);
      expect(line).not.toMatch(ISO_WEEK);
    }
    expect(main.summary).not.toMatch(JARGON);
    expect(main.summary).not.toMatch(ISO_WEEK);
  });

  it.each(networks)('of %s has at most 10 lines before the chart', (_, make) => {
    const { main } = firstMessage(make());
    expect(linesBeforeChart(main).length).toBeLessThanOrEqual(10);
  });

  it('of a small network says what it did, what to celebrate, who stands apart, what surprised us and who needs a nudge', () => {
    const { main } = firstMessage(threeSchools());
    expect(linesBeforeChart(main)).toEqual([
      'Literacy NIC: weekly digest, 16–22 Nov 2026',
      'This week: 1 cycle started and 2 completed (1 adopt, 1 adapt), 3 active in all. 7 of 9 check-ins answered.',
      'To celebrate: Alder adopted “Greet every student at the door”.',
      'Students on time: Cedar has been below the rest of the network for the last 5 weeks: 17% against 69% at the other sites.',
      'What surprised us: 3 results came in this week, all lower than predicted. The biggest surprise: Cedar, 20% against a prediction of 80%.',
      'Needs a nudge: Cy (Cedar), whose Do check-in was due Wed 18 Nov.',
    ]);
  });

  it('names a hundred schools’ few largest gaps and counts the rest, so that it stays short', () => {
    const { main, details } = firstMessage(hundredSchools());
    const lines = linesBeforeChart(main);
    expect(lines.filter((l) => l.startsWith('• '))).toHaveLength(3);
    expect(lines.find((l) => l.startsWith('…and'))).toMatch(
      /^…and \d+ more sites stand apart from the rest( and \d+ more sites? changed over the weeks)?; the thread lists them\.$/,
    );
    expect(textLines(details).join('\n')).toContain('Apart from the rest:');
  });

  it('names one site for a second measure', () => {
    const { main } = firstMessage(twoMeasures());
    expect(textLines(main)).toContain(
      'Minutes lost: Birch has been above the rest of the network for the last 6 weeks: 12.8 against 5–5.5 at the other sites.',
    );
  });

  it('names the sites its analysis names, in the chart’s order, and says which order that is', () => {
    const { main, analysis } = firstMessage(networkFixture());
    const named = analysis.measures[0]!.named.shown.map((n) => n.site.site.name);
    expect(named).toEqual(['Brook', 'Cedar', 'Washington']);
    const bullets = textLines(main).filter((l) => l.startsWith('• '));
    expect(bullets.map((l) => l.slice(2).split(' ')[0])).toEqual(named);
    expect(textLines(main)).toContain(
      'The chart has one panel per site, from smallest to largest. Lists in this digest follow the same order; Brook, Cedar and Washington are highlighted.',
    );
    // The chart highlights the same sites, and no other.
    const chart = analysis.measures[0]!.chart;
    expect(chart.sites.filter((s) => s.flag || s.apart || s.changed).map((s) => s.site)).toEqual(named);
  });

  it('of a hundred schools says which of them the chart shows, and highlights the sites it names', () => {
    const { main, analysis } = firstMessage(hundredSchools());
    const named = analysis.measures[0]!.named.shown.map((n) => n.site.site.name);
    const note = textLines(main).find((l) => l.startsWith('The chart shows'))!;
    expect(note).toMatch(
      /^The chart shows 24 of 100 sites, from smallest to largest: 3 named in the digest, /,
    );
    expect(note).toContain(
      `Lists in this digest follow the same order; ${named.slice(0, 2).join(', ')} and ${named[2]} are highlighted.`,
    );
    const chart = analysis.measures[0]!.chart;
    expect(chart.sites.filter((s) => s.flag || s.apart || s.changed).map((s) => s.site)).toEqual(named);
  });
});
