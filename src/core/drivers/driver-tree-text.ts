import { shortened } from '../shortened.ts';
import { type DriverTree, type IdeaNode, ideasInOrder, tallyText } from './driver-tree.ts';

// The driver diagram as text for chat: flat lines, since neither Slack nor
// Teams keeps indentation on a phone. A secondary driver is named with its
// primary ("Belonging › Adults know each name") so that it reads on its own.

const IDEA_CHARS = 160;

function ideaLine(i: IdeaNode): string {
  return `• Idea ${i.number}: ${shortened(i.text, IDEA_CHARS)} · ${tallyText(i.tally)}`;
}

function ideasOrNone(ideas: readonly IdeaNode[]): string[] {
  return ideas.length ? ideas.map(ideaLine) : ['_No change idea on it yet._'];
}

/** The lines of the diagram, with empty strings between drivers. */
export function driverTreeLines(tree: DriverTree): string[] {
  const lines: string[] = [
    tree.aim ? `**Aim:** ${tree.aim}` : '**Aim:** _not set yet_ (`/pdsa network aim …`)',
  ];
  for (const p of tree.primaries) {
    lines.push('', `**${p.name}** (primary driver)`);
    if (p.ideas.length || p.secondaries.length === 0) lines.push(...ideasOrNone(p.ideas));
    for (const s of p.secondaries) {
      lines.push(`**${p.name} › ${s.name}** (secondary driver)`, ...ideasOrNone(s.ideas));
    }
  }
  if (tree.unplaced.length) {
    lines.push('', '**On no driver yet**', ...tree.unplaced.map(ideaLine));
  }
  return lines;
}

/** One sentence for notifications and screen readers. */
export function driverTreeSummary(tree: DriverTree): string {
  const secondaries = tree.primaries.reduce((n, p) => n + p.secondaries.length, 0);
  const ideas = ideasInOrder(tree);
  const tested = ideas.filter((i) => i.tally.cycles > 0).length;
  return `${tree.primaries.length} primary and ${secondaries} secondary drivers, ${ideas.length} change ideas (${tested} tested)`;
}
