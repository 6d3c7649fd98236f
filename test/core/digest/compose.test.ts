import { describe, expect, it } from 'vitest';
import { analyseDigest, composeDigest, type DigestData } from '../../../src/core/digest/index.ts';
import type { Block, Message } from '../../../src/core/message-model.ts';
import { plainText } from '../../../src/core/message-model.ts';
import { emptyData, proportionFigures, weeksEnding } from './fixtures.ts';
import { MEASURE, networkFixture, SIZES } from './network-fixture.ts';

function texts(m: Message): string[] {
  return m.blocks.flatMap((b: Block) => ('text' in b ? [plainText(b.text)] : []));
}
const all = (m: Message) => texts(m).join('\n');

function digestOf(data: DigestData) {
  return composeDigest(data, analyseDigest(data));
}

describe('variation in the weekly digest', () => {
  const data = networkFixture();
  const { main, details } = digestOf(data);

  it('names the site far from what its size would explain this week in plain words, and gives its limits in the thread', () => {
    expect(all(main)).toContain(
      '• Washington rose to 88% this week, well above what its size would explain.',
    );
    expect(all(details)).toContain(
      'Different beyond chance:\n• Washington: 370 of 420 (88%), above the expected range for its size (P′ limits 58–87%, σz 2.2).',
    );
    expect(all(details)).toContain(
      'Across sites this week: P′ chart (Laney), σz = 2.18; 14 sites, ordered by size',
    );
  });

  it('lists every other site as within expected variation, in order of size, never by result', () => {
    const within = all(details)
      .split('\n')
      .find((l) => l.startsWith('Within expected variation'))!;
    expect(within).toMatch(
      /^Within expected variation \(13\): Adams 28 of 40 \(70%\); Brook 47 of 60 \(78%\);/,
    );
    const order = [...within.matchAll(/(?:: |; )([A-Z][a-z]+) \d/g)].map((m) => m[1]);
    expect(order).toEqual(SIZES.map(([name]) => name).filter((n) => n !== 'Washington'));
    for (const quiet of ['Adams', 'Douglas', 'Lincoln', 'Madison']) expect(all(main)).not.toContain(quiet);
  });

  it('says in plain words which sites changed over the weeks, and gives the rules that found it in the thread', () => {
    expect(all(main)).toContain(
      '• Brook has been above its usual level for the last 8 weeks, since 28 Sep: a change for the better.',
    );
    expect(all(main)).toContain(
      '• Cedar has been above its usual level for the last 5 weeks, since 19 Oct: a change for the better.',
    );
    expect(all(details)).toContain(
      '• Brook: 8 weeks in a row above its median (28 Sep – 22 Nov; limit 7 for 20 points) and only 5 crossings in 20 points (at least 6 expected); the run goes on to this week, on the better side.',
    );
    expect(all(details)).toContain(
      '• Cedar: only 3 crossings of its median in 20 points (at least 6 expected): the last 5 weeks all above it, on the better side.',
    );
    expect(all(details)).toContain(
      'No unusual runs or crossings (11): Adams (20 points), Douglas (20 points), Elm (20 points)',
    );
  });

  it('names the sites in the chart’s order, smallest first', () => {
    const named = all(main)
      .split('\n')
      .filter((l) => l.startsWith('• '))
      .map((l) => l.slice(2).split(' ')[0]);
    expect(named).toEqual(['Brook', 'Cedar', 'Washington']);
  });

  it('says in the thread when a series is too short to judge', () => {
    expect(all(details)).toContain('• Lincoln: 6 weeks of data, too few to judge (10 needed)');
    expect(all(main)).not.toContain('Lincoln');
  });

  it('gives the IHI shifts and trends as supporting detail, with dates, and a site outside its own limits', () => {
    expect(all(details)).toContain(
      'Supporting detail (IHI rules): Brook: a shift of 6 weeks below the median (17 Aug – 27 Sep) and a shift of 8 weeks above the median (28 Sep – 22 Nov); Cedar: a trend of 6 weeks rising (28 Sep – 8 Nov).',
    );
    expect(all(details)).toMatch(
      /Washington: the week of 16 Nov above its own limits \(P′ chart \(Laney\), σz = [\d.]+, over 20 weeks\)/,
    );
  });

  it('states the rules in the thread only, and ends the thread with how to read the digest', () => {
    const context = (m: Message) =>
      m.blocks.flatMap((b) => (b.type === 'context' ? [plainText(b.text)] : []));
    expect(context(details)[0]).toMatch(/^Rules: Anhøj runs .*P′ chart across sites \(Laney\)/);
    expect(details.blocks.at(-1)).toMatchObject({ type: 'context' });
    expect(context(details).at(-1)).toMatch(/^How to read this digest: A site stands apart when/);
    expect(all(main)).not.toMatch(/Rules|Anhøj|Laney/);
  });

  it('summarises what stood out for notifications', () => {
    expect(main.summary).toBe(
      'Literacy NIC weekly digest, 16–22 Nov 2026: Brook, Cedar and Washington stand out.',
    );
  });
});

describe('the rest of the digest', () => {
  const weeks = weeksEnding(47, 12);
  const sites = [
    { id: 1, name: 'Lincoln' },
    { id: 2, name: 'Adams' },
  ];
  const base = (): DigestData =>
    emptyData({
      weeks,
      sites,
      measures: [MEASURE],
      figures: [
        ...proportionFigures(1, 1, weeks, 24, [12, 13, 12, 14, 12, 13, 14, 12, 13, 14, 15, 18]),
        ...proportionFigures(1, 2, weeks, 30, [15, 16, 15, 17, 16, 15, 16, 17, 15, 16, 17, 16]),
      ],
      cycles: { active: 5, started: 2, completed: 1, closedEarly: 1 },
      participation: [
        { siteId: 1, asked: 4, answered: 3 },
        { siteId: 2, asked: 2, answered: 2 },
      ],
      predictions: [
        {
          cycleId: 7,
          siteId: 1,
          measureId: 1,
          startWeek: '2026-W46',
          resultWeek: '2026-W47',
          predicted: { value: 0.625, numerator: 15, denominator: 24 },
          result: { value: 0.75, numerator: 18, denominator: 24 },
          surprised: 'Buses came early all week',
        },
      ],
      decisions: [
        {
          cycleId: 7,
          siteId: 1,
          changeIdeaId: 3,
          changeIdea: 'Greet every student at the door',
          decision: 'adopt',
          learned: 'Names matter more than the greeting',
          nextStep: 'Try it at the bus bay',
        },
        {
          cycleId: 5,
          siteId: 2,
          changeIdeaId: 3,
          changeIdea: 'Greet every student at the door',
          decision: 'adapt',
          learned: null,
          nextStep: 'Two greeters on Mondays',
        },
      ],
      overdue: {
        total: 1,
        items: [
          { person: 'Ana', site: 'Lincoln', phase: 'do', cycleId: 9, dueAt: '2026-11-18T14:00:00.000Z' },
        ],
      },
      unreachable: {
        total: 1,
        items: [
          { person: 'Ben', site: 'Adams', reason: 'removed the app', since: '2026-11-12T15:00:00.000Z' },
        ],
      },
    });

  it('opens with the week in numbers, and gives check-ins answered per site in the thread, in the chart’s order', () => {
    const { main, details } = digestOf(base());
    expect(all(main)).toContain(
      'This week: 2 cycles started and 1 completed; decisions: 1 adopt, 1 adapt; 1 closed early without a decision, 5 active in all. 5 of 6 check-ins answered.',
    );
    // Lincoln (24 students) is smaller than Adams (30): the chart's order.
    expect(all(details)).toContain(
      'Check-ins answered this week: 5 of 6 asked. By site (answered / asked): Lincoln 3/4, Adams 2/2.',
    );
  });

  it('sets results against predictions as what surprised us, never as failure', () => {
    const { main, details } = digestOf(base());
    expect(all(main)).toContain(
      'What surprised us: 1 result came in this week: Lincoln, 75% against a prediction of 63%.',
    );
    expect(all(details)).toContain(
      '• Lincoln, cycle #7: predicted 15 of 24 (63%), the result was 18 of 24 (75%): 12.5 percentage points higher than predicted. Surprised by: “Buses came early all week”',
    );
    expect(all(details)).toMatch(
      /• Lincoln: 1 result, 1 of 1 moved the way predicted; predictions and results were 12.5 percentage points apart on average\./,
    );
    for (const m of [main, details]) expect(all(m)).not.toMatch(/\b(fail|failed|failure|wrong|missed)\b/i);
  });

  it('celebrates what was adopted, and groups the week’s decisions and lessons by change idea in the thread', () => {
    const { main, details } = digestOf(base());
    expect(all(main)).toContain('To celebrate: Lincoln adopted “Greet every student at the door”.');
    expect(all(details)).toContain('Idea 3: Greet every student at the door (1 adopt, 1 adapt)');
    expect(all(details)).toContain(
      '• Lincoln, cycle #7: adopt. Learned: “Names matter more than the greeting” Next: “Try it at the bus bay”\n• Adams, cycle #5: adapt. Next: “Two greeters on Mondays”',
    );
  });

  it('says who needs a nudge by name, with dates in the network’s time zone', () => {
    const { main, details } = digestOf(base());
    expect(all(main)).toContain(
      'Needs a nudge: Ana (Lincoln), whose Do check-in was due Wed 18 Nov; Ben (Adams), whom the bot has not reached since Thu 12 Nov.',
    );
    expect(all(details)).toContain('• Ana (Lincoln): Do for cycle #9, due Wed 18 Nov');
    expect(all(details)).toContain('• Ben (Adams): removed the app, since Thu 12 Nov');
  });

  it('names three people at most in the first message, and counts the rest', () => {
    const data = base();
    const items = ['Ana', 'Cy', 'Di', 'Ed', 'Flo'].map((person, i) => ({
      person,
      site: 'Lincoln',
      phase: 'do' as const,
      cycleId: 20 + i,
      dueAt: '2026-11-18T14:00:00.000Z',
    }));
    const { main } = digestOf({ ...data, overdue: { total: 5, items } });
    const nudge = all(main)
      .split('\n')
      .find((l) => l.startsWith('Needs a nudge'))!;
    expect(nudge).toContain('Di (Lincoln)');
    expect(nudge).not.toContain('Ed (Lincoln)');
    expect(nudge).toMatch(/; and 3 more in the thread\.$/);
  });

  it('with only two sites, names no site beyond chance and says why the comparison is cautious', () => {
    const { details } = digestOf(base());
    expect(all(details)).toContain('With 2 sites this comparison is cautious');
  });

  it('says so plainly when there are no figures at all', () => {
    const { main } = digestOf(emptyData());
    expect(all(main)).toContain('No figures were recorded in the weeks shown');
    expect(all(main)).toContain('This week: no cycle started or completed, 0 active in all.');
    expect(main.blocks.filter((b) => b.type === 'image')).toHaveLength(0);
  });

  it('attaches the charts it is given, with their alt text and file name', () => {
    const data = base();
    const { main } = composeDigest(data, analyseDigest(data), [
      {
        measureId: 1,
        pngBase64: 'iVBOR',
        fileName: 'digest-literacy-nic-2026-W47.png',
        alt: 'Small multiples',
        title: 't',
      },
    ]);
    expect(main.blocks.filter((b) => b.type === 'image')).toEqual([
      {
        type: 'image',
        pngBase64: 'iVBOR',
        alt: 'Small multiples',
        title: 't',
        fileName: 'digest-literacy-nic-2026-W47.png',
      },
    ]);
  });
});

describe('a large network', () => {
  it('keeps every text block under 2,500 characters and each message within 50 blocks', () => {
    const weeks = weeksEnding(47, 26);
    const sites = Array.from({ length: 100 }, (_, i) => ({
      id: i + 1,
      name: `Site number ${String(i + 1).padStart(3, '0')}`,
    }));
    const figures = sites.flatMap((s) =>
      proportionFigures(
        1,
        s.id,
        weeks,
        40 + s.id * 5,
        weeks.map((_, w) => Math.round((40 + s.id * 5) * (0.6 + ((s.id * 7 + w * 13) % 17) / 100))),
      ),
    );
    const data = emptyData({ weeks, sites, measures: [MEASURE], figures });
    for (const m of Object.values(digestOf(data))) {
      expect(m.blocks.length).toBeLessThanOrEqual(50);
      for (const b of m.blocks) if ('text' in b) expect(b.text.length).toBeLessThanOrEqual(2500);
    }
  });
});

describe('numbers', () => {
  it('shows a decimal when a whole percent would hide how far a site is beyond its limit', async () => {
    const { beyondChanceSentence } = await import('../../../src/core/digest/variation-text.ts');
    const data = networkFixture();
    const a = analyseDigest(data).measures[0]!;
    // Washington's 370 of 420 is 88.1%; with an upper limit of 87.9% both would round to 88%.
    const site = { ...a.comparison.sites.find((s) => s.site === 'Washington')!, upper: 0.879 };
    expect(beyondChanceSentence(a, site)).toMatch(
      /^Washington: 370 of 420 \(88\.1%\), above the expected range for its size \(P′ limits [\d.]+–87\.9%, σz 2\.2\)$/,
    );
  });
});
