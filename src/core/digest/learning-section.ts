import type { IdeaEvidence } from '../evidence/by-condition.ts';
import { compactConditionLine, decisionsText, lessonLine } from '../evidence/evidence-text.ts';
import type { LearningWindow } from '../evidence/learning-window.ts';
import type { Block, Message } from '../message-model.ts';
import { shortened } from '../shortened.ts';
import type { ComposedDigest } from './compose.ts';
import { weekRangeText } from './format.ts';
import { textBlocks } from './text-blocks.ts';

// "What we're learning", once a month in the digest's thread (and on demand
// with `/pdsa digest learning`): the change ideas with new results or
// decisions and what all their evidence says by site condition, then the
// ideas no site has tested yet, by driver, so the network sees where its
// theory of improvement is still untried.

const MAX_IDEAS = 6;
const MAX_UNTESTED_PER_DRIVER = 5;

export type LearningIdea = {
  /** Its number in the network, as people read it. */
  number: number;
  text: string;
  driver: string | null;
  /** Results (Study) and decisions (Act) recorded in the window. */
  newResults: number;
  newDecisions: number;
  /** Everything known about the idea so far. */
  evidence: IdeaEvidence;
};

export type UntestedGroup = { driver: string | null; ideas: { number: number; text: string }[] };

export type LearningSectionInput = {
  window: LearningWindow;
  ideas: LearningIdea[];
  untested: UntestedGroup[];
  /** Drivers with no change idea on them at all. */
  bareDrivers: string[];
};

const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

function newsText(i: LearningIdea): string {
  const parts = [
    i.newResults ? n(i.newResults, 'new result') : '',
    i.newDecisions ? n(i.newDecisions, 'new decision') : '',
  ].filter(Boolean);
  return parts.join(', ');
}

function ideaLines(i: LearningIdea): string[] {
  const e = i.evidence;
  const lines = [
    `**Idea ${i.number}: ${shortened(i.text, 160)}**${i.driver ? ` (${i.driver})` : ''}: ${newsText(i)}. So far ${n(e.cycles, 'cycle')} at ${n(e.sites.length, 'site')}: ${decisionsText(e.decisions)}.`,
  ];
  for (const c of e.conditions) {
    const line = compactConditionLine(c);
    if (line) lines.push(line);
  }
  const lesson = e.lessons[0];
  if (lesson) lines.push(lessonLine(lesson, 200).replace(/^• /, '• Latest lesson: '));
  return lines;
}

function untestedLines(input: LearningSectionInput): string[] {
  const lines: string[] = [];
  for (const g of input.untested) {
    const shown = g.ideas
      .slice(0, MAX_UNTESTED_PER_DRIVER)
      .map((i) => `idea ${i.number} (${shortened(i.text, 80)})`);
    const more =
      g.ideas.length > MAX_UNTESTED_PER_DRIVER ? ` and ${g.ideas.length - MAX_UNTESTED_PER_DRIVER} more` : '';
    lines.push(`• ${g.driver ?? 'On no driver'}: ${shown.join(', ')}${more}.`);
  }
  if (input.bareDrivers.length) lines.push(`• No change idea yet under: ${input.bareDrivers.join('; ')}.`);
  return lines.length ? ['**Not tested yet anywhere**', ...lines] : [];
}

/** The section's lines; the first is its heading. */
export function learningSectionLines(input: LearningSectionInput): string[] {
  const range = weekRangeText(input.window.from, input.window.to);
  const lines = [`**What we're learning** (${range})`];
  if (input.ideas.length === 0) {
    lines.push(`No new results or decisions on any change idea from ${range}.`);
  } else {
    lines.push(
      `New evidence on ${n(input.ideas.length, 'change idea')}, with everything tested so far by site condition. Numbers are counts of sites and results: a few sites can show where to look, not prove an idea works.`,
    );
    for (const i of input.ideas.slice(0, MAX_IDEAS)) lines.push('', ...ideaLines(i));
    if (input.ideas.length > MAX_IDEAS)
      lines.push(
        '',
        `…and ${input.ideas.length - MAX_IDEAS} more ideas with new evidence: \`/pdsa learnings idea <number>\`.`,
      );
  }
  const untested = untestedLines(input);
  if (untested.length) lines.push('', ...untested);
  return lines;
}

/** The section as its own message (for `/pdsa digest learning`). */
export function learningSectionMessage(networkName: string, input: LearningSectionInput): Message {
  const lines = learningSectionLines(input);
  const blocks: Block[] = [
    { type: 'heading', text: `${networkName}: what we're learning` },
    ...textBlocks(lines.slice(1)),
    {
      type: 'context',
      text: `${lines[0]!.replace(/\*\*/g, '')}. By idea: \`/pdsa learnings idea <number>\`.`,
    },
  ];
  return {
    summary: `${networkName}: what we're learning, ${weekRangeText(input.window.from, input.window.to)}`,
    blocks,
  };
}

/** `blocks` with `added` before the closing note (a context block), or at the end. */
function beforeClosingNote(blocks: readonly Block[], added: Block[]): Block[] {
  const at = blocks.at(-1)?.type === 'context' ? blocks.length - 1 : blocks.length;
  return [...blocks.slice(0, at), ...added, ...blocks.slice(at)];
}

/**
 * The digest with the section at the end of its thread, and one line in
 * the channel message saying it is there, each before its closing note.
 */
export function withLearningSection(digest: ComposedDigest, input: LearningSectionInput): ComposedDigest {
  const pointer: Block = {
    type: 'text',
    text: `**What we're learning** this month: ${input.ideas.length ? `new evidence on ${n(input.ideas.length, 'change idea')}, by site condition,` : 'what is still untested,'} in the thread.`,
  };
  return {
    main: { ...digest.main, blocks: beforeClosingNote(digest.main.blocks, [pointer]) },
    details: {
      ...digest.details,
      blocks: beforeClosingNote(digest.details.blocks, [
        { type: 'divider' },
        ...textBlocks(learningSectionLines(input)),
      ]),
    },
  };
}
