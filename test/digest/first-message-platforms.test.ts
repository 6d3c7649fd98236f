import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMessage as renderText } from '../../adapters/shell/render-text.ts';
import { renderMessage as renderSlack } from '../../adapters/slack/render/blocks.ts';
import { renderCard } from '../../adapters/teams/render/card.ts';
import { analyseDigest, composeDigest } from '../../src/core/digest/index.ts';
import type { Message } from '../../src/core/message-model.ts';
import { createDemoNetwork } from '../../src/demo/create-demo.ts';
import { buildDigest } from '../../src/digest/build-digest.ts';
import type { RenderChart } from '../../src/digest/charts.ts';
import { cardErrors } from '../adapters/teams/support/cards.ts';
import { emptyData, proportionFigures, weeksEnding } from '../core/digest/fixtures.ts';
import { MEASURE } from '../core/digest/network-fixture.ts';
import { ISO_WEEK, JARGON } from '../core/digest/plain-words.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

// The digest's first message as people see it on Slack, in Teams and in the
// terminal: a one-minute read with no statistical term and no week number,
// about ten lines before the chart. The thread keeps the statistics.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const NOW = new Date('2026-11-25T16:00:00Z'); // Wednesday of week 48: the digest is about week 47

/** A tiny PNG stands in for the chart: what matters here is where the chart goes. */
const fakeChart: RenderChart = async () => new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);

/** Each platform's text of the message, line by line; `before` holds the lines above the chart. */
type Seen = { lines: string[]; before: string[] };

/** Slack uploads the chart just before the blocks, so every line of the blocks follows it; the chart's note says so. */
function onSlack(message: Message): Seen & { fallback: string } {
  const rendered = renderSlack(message);
  expect(rendered.uploads.map((u) => u.kind)).toEqual(['image']);
  const lines = rendered.blocks.flatMap((b) => {
    const texts =
      b.type === 'header'
        ? [b.text.text]
        : b.type === 'section'
          ? [b.text?.text ?? '']
          : b.type === 'context'
            ? b.elements.map((e) => ('text' in e ? e.text : ''))
            : [];
    return texts.flatMap((text) => text.split('\n')).filter((l) => l.trim() !== '');
  });
  const note = lines.findIndex((l) => /^(The|Each) chart /.test(l));
  return { lines, before: lines.slice(0, note), fallback: rendered.text };
}

function inTeams(message: Message): Seen {
  const card = renderCard(message);
  expect(cardErrors(card)).toEqual([]);
  const body = card.body as { type: string; text?: string }[];
  const image = body.findIndex((e) => e.type === 'Image');
  // The TextBlock right above the picture is the chart's own title.
  const text = (elements: typeof body) =>
    elements.flatMap((e) => (e.type === 'TextBlock' && e.text ? e.text.split('\n') : []));
  return {
    lines: text([...body.slice(0, image - 1), ...body.slice(image + 1)]),
    before: text(body.slice(0, image - 1)),
  };
}

function inTerminal(message: Message): Seen {
  const all = renderText(message, { color: false })
    .text.split('\n')
    .filter((l) => l.trim() !== '');
  const chart = all.findIndex((l) => l.startsWith('[chart:'));
  // The chart's line is its description for those who cannot see it; the words around it are the message's.
  return { lines: all.filter((_, i) => i !== chart), before: all.slice(0, chart) };
}

function expectPlainAndShort(message: Message) {
  const slack = onSlack(message);
  expect(slack.fallback).not.toMatch(JARGON);
  expect(slack.fallback).not.toMatch(ISO_WEEK);
  for (const seen of [slack, inTeams(message), inTerminal(message)]) {
    expect(seen.before.length).toBeGreaterThan(3);
    expect(seen.before.length).toBeLessThanOrEqual(10);
    expect(seen.lines.length).toBeLessThanOrEqual(12);
    for (const line of seen.lines) {
      expect(line).not.toMatch(JARGON);
      expect(line).not.toMatch(ISO_WEEK);
    }
  }
  return slack.lines;
}

describe('the first message of the sample network', () => {
  it('reads in a minute on Slack, Teams and the terminal, and its thread keeps the statistics', async () => {
    const demo = await createDemoNetwork(t.db, { now: NOW, platform: 'shell' });
    const built = await buildDigest(t.db, demo.networkId, '2026-W47', { now: NOW, renderChart: fakeChart });
    const lines = expectPlainAndShort(built.composed.main);
    expect(lines.join('\n')).toMatch(
      /Aspen Middle rose to \d+% this week, well above what its size would explain/,
    );
    expect(lines.join('\n')).toMatch(
      /\*A lesson for the network:\* our predictions run about \d+ points optimistic: at all 12 sites, results came in lower than predicted\./,
    );

    const details = inTerminal(built.composed.details).lines.join('\n');
    expect(details).toMatch(/P′ limits \d+–\d+%, σz [\d.]+/);
    expect(details).toContain('Rules: Anhøj runs');
    expect(details).toMatch(/sign test across sites, p < 0\.001/);
    expect(details.split('\n').at(-1)).toMatch(/^How to read this digest: A site stands apart when/);
  }, 60_000);
});

describe('the first message of a small network', () => {
  it('reads in a minute on Slack, Teams and the terminal', () => {
    const weeks = weeksEnding(47, 5);
    const data = emptyData({
      weeks: weeksEnding(47, 26),
      sites: [
        { id: 1, name: 'Alder' },
        { id: 2, name: 'Birch' },
        { id: 3, name: 'Cedar' },
      ],
      measures: [MEASURE],
      figures: [
        ...proportionFigures(1, 1, weeks, 30, [19, 21, 22, 20, 21]),
        ...proportionFigures(1, 2, weeks, 30, [20, 22, 19, 21, 22]),
        ...proportionFigures(1, 3, weeks, 30, [5, 4, 6, 5, 6]),
      ],
      cycles: { active: 3, started: 1, completed: 0, closedEarly: 0 },
      participation: [1, 2, 3].map((siteId) => ({ siteId, asked: 2, answered: 2 })),
      overdue: {
        total: 1,
        items: [{ person: 'Cy', site: 'Cedar', phase: 'do', cycleId: 3, dueAt: '2026-11-18T14:00:00.000Z' }],
      },
    });
    const analysis = analyseDigest(data);
    const { main } = composeDigest(data, analysis, [
      {
        measureId: 1,
        pngBase64: 'iVBORw0KGgo=',
        fileName: 'digest.png',
        alt: 'Chart',
        title: 'Students on time',
      },
    ]);
    const lines = expectPlainAndShort(main);
    expect(lines).toContain(
      '*Students on time:* Cedar has been below the rest of the network for the last 5 weeks: 17% against 69% at the other sites.',
    );
  });
});
