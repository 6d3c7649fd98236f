import type { Decision } from '../domain.ts';
import { plural } from './format.ts';
import type { SiteComparator } from './site-order.ts';
import { quote } from './text-blocks.ts';
import type { DecisionRecord, DigestData } from './types.ts';

// Decisions made this week and their one-line lessons, grouped by change
// idea, so the network sees what each idea taught at each site (sites in
// the chart's order).

const MAX_PER_IDEA = 5;
const ORDER: Decision[] = ['adopt', 'adapt', 'abandon'];

export interface LearningText {
  decisions: number;
  /** "2 adopt, 1 adapt". */
  tally: string;
  lines: string[];
}

function tally(decisions: readonly DecisionRecord[]): string {
  return ORDER.map((d) => [d, decisions.filter((x) => x.decision === d).length] as const)
    .filter(([, n]) => n > 0)
    .map(([d, n]) => `${n} ${d}`)
    .join(', ');
}

export function learningText(data: DigestData, order: SiteComparator): LearningText {
  const siteName = new Map(data.sites.map((s) => [s.id, s.name]));
  const byIdea = new Map<number, DecisionRecord[]>();
  for (const d of data.decisions) byIdea.set(d.changeIdeaId, [...(byIdea.get(d.changeIdeaId) ?? []), d]);
  if (byIdea.size === 0) return { decisions: 0, tally: '', lines: [] };

  const lines: string[] = [`**Decisions this week** (${plural(data.decisions.length, 'cycle')}):`];
  for (const [ideaId, decisions] of [...byIdea].sort(([a], [b]) => a - b)) {
    lines.push(`**Idea ${ideaId}: ${decisions[0]!.changeIdea}** (${tally(decisions)})`);
    const sorted = [...decisions].sort(
      (a, b) => order(siteName.get(a.siteId) ?? '', siteName.get(b.siteId) ?? '') || a.cycleId - b.cycleId,
    );
    for (const d of sorted.slice(0, MAX_PER_IDEA)) {
      const learned = d.learned ? ` Learned: ${quote(d.learned)}` : '';
      const next = d.nextStep ? ` Next: ${quote(d.nextStep)}` : '';
      lines.push(
        `• ${siteName.get(d.siteId) ?? 'A site'}, cycle #${d.cycleId}: **${d.decision}**.${learned}${next}`,
      );
    }
    if (sorted.length > MAX_PER_IDEA) {
      lines.push(`…and ${sorted.length - MAX_PER_IDEA} more: \`/pdsa learnings ${ideaId}\`.`);
    }
  }
  return { decisions: data.decisions.length, tally: tally(data.decisions), lines };
}
