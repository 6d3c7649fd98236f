import { describe, expect, it } from 'vitest';
import type { ComposedDigest } from '../../../src/core/digest/compose.ts';
import {
  type LearningSectionInput,
  learningSectionLines,
  withLearningSection,
} from '../../../src/core/digest/learning-section.ts';
import { type EvidenceCycle, evidenceByCondition } from '../../../src/core/evidence/by-condition.ts';

const window = { from: '2026-11-02', to: '2026-12-06' };
const conditions = [
  {
    id: 1,
    name: 'level',
    values: [
      { id: 2, value: 'middle' },
      { id: 3, value: 'high' },
    ],
  },
];
let id = 0;
const cycle = (
  site: string,
  value: number,
  decision: EvidenceCycle['decision'],
  result: number,
): EvidenceCycle => ({
  cycleId: ++id,
  siteId: site.charCodeAt(0),
  site,
  startsOn: '2026-11-09',
  closed: true,
  decision,
  measure: { id: 1, name: 'On time', kind: 'proportion', unit: '', better: 'higher' },
  predicted: { value: 0.8 },
  result: { value: result },
  baseline: null,
  learned: `Lesson at ${site}`,
  nextStep: null,
  values: { 1: value },
});

const input: LearningSectionInput = {
  window,
  ideas: [
    {
      number: 3,
      text: 'Greet at the door',
      driver: 'Belonging › Greeting',
      newResults: 2,
      newDecisions: 2,
      evidence: evidenceByCondition(
        [
          cycle('Aspen', 2, 'adopt', 0.83),
          cycle('Birch', 2, 'adopt', 0.85),
          cycle('Dover', 3, 'abandon', 0.72),
        ],
        conditions,
      ),
    },
  ],
  untested: [
    { driver: 'Belonging › Greeting', ideas: [{ number: 4, text: 'Morning circle' }] },
    { driver: null, ideas: [{ number: 5, text: 'Walking bus' }] },
  ],
  bareDrivers: ['Families can help'],
};

describe('What we are learning', () => {
  it('names the ideas with new evidence, where they seem to work and where not, and what no site has tried', () => {
    expect(learningSectionLines(input)).toEqual([
      "**What we're learning** (2 Nov – 6 Dec 2026)",
      'New evidence on 1 change idea, with everything tested so far by site condition. Numbers are counts of sites and results: a few sites can show where to look, not prove an idea works.',
      '',
      '**Idea 3: Greet at the door** (Belonging › Greeting): 2 new results, 2 new decisions. So far 3 cycles at 3 sites: adopted at 2 of 3, abandoned at 1 of 3.',
      '• By level: middle: adopted at 2 of 2 (results 3–5 points above predictions); too few sites yet to say anything about high (1 site).',
      '• Latest lesson: Dover (high), cycle #3, abandon: “Lesson at Dover”',
      '',
      '**Not tested yet anywhere**',
      '• Belonging › Greeting: idea 4 (Morning circle).',
      '• On no driver: idea 5 (Walking bus).',
      '• No change idea yet under: Families can help.',
    ]);
  });

  it('says so when nothing new came in', () => {
    const lines = learningSectionLines({ ...input, ideas: [], untested: [], bareDrivers: [] });
    expect(lines).toEqual([
      "**What we're learning** (2 Nov – 6 Dec 2026)",
      'No new results or decisions on any change idea from 2 Nov – 6 Dec 2026.',
    ]);
  });

  it('goes at the end of the thread and is pointed to from the channel message, both before their closing notes', () => {
    const digest: ComposedDigest = {
      main: {
        summary: 'm',
        blocks: [
          { type: 'heading', text: 'Digest' },
          { type: 'context', text: 'Rules' },
        ],
      },
      details: {
        summary: 'd',
        blocks: [
          { type: 'text', text: 'Details' },
          { type: 'context', text: 'Rules' },
        ],
      },
    };
    const withIt = withLearningSection(digest, input);
    expect(withIt.main.blocks.map((b) => b.type)).toEqual(['heading', 'text', 'context']);
    expect(withIt.main.blocks[1]).toEqual({
      type: 'text',
      text: "**What we're learning** this month: new evidence on 1 change idea, by site condition, in the thread.",
    });
    expect(withIt.details.blocks.map((b) => b.type)).toEqual(['text', 'divider', 'text', 'context']);
    expect(withIt.details.blocks[2]).toMatchObject({
      text: expect.stringMatching(/^\*\*What we're learning\*\*/),
    });
  });
});
