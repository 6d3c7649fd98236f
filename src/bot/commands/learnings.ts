import { type Block, message } from '../../core/message-model.ts';
import { describePredictionGap } from '../../core/prediction-gap.ts';
import { cycleOutcomesQuery } from '../../store/views/cycle-outcomes.ts';
import { formatDates } from '../checkins/compose-prompt.ts';
import { privately } from '../outbound.ts';
import { requireMember } from '../permissions.ts';
import type { CommandSpec } from './command.ts';
import { recordedFigure } from './cycle-outcomes.ts';
import { learningsOfIdea } from './learnings-by-condition.ts';

const MAX_IDEAS = 10;

export const learningsCommand: CommandSpec = {
  name: 'learnings',
  aliases: ['learning'],
  group: 'Digest and data',
  summary:
    'what every site learned about each change idea; for one idea, for whom and under what conditions it worked',
  who: 'any member',
  usage: ['learnings', 'learnings idea <number>'],
  examples: ['/pdsa learnings', '/pdsa learnings idea 3'],
  details:
    'The network’s shared knowledge: so a site can borrow what worked elsewhere. `learnings idea <number>` (or `learnings <number>`) groups an idea’s cycles by the site conditions in force when each began (`/pdsa conditions`): how many sites tested it under each, what they decided, how results moved against predictions and baselines, and the lessons. Small numbers stay counts, and it says when too few sites have tested an idea under a condition to say anything.',
  async run(ctx, { tokens }) {
    if (tokens[0]?.toLowerCase() === 'idea') return learningsOfIdea(ctx, tokens[1]);
    if (tokens[0]) return learningsOfIdea(ctx, tokens[0]);
    const caller = requireMember(ctx.caller);
    const query = cycleOutcomesQuery(ctx.trx, caller.network.id)
      .select([
        'cycles.number',
        'cycles.starts_on',
        'cycles.ends_on',
        'cycles.decision',
        'cycles.phase',
        'change_ideas.number as ideaNumber',
        'change_ideas.text as idea',
        'sites.name as site',
        'measures.kind as kind',
        'plan.value as pv',
        'plan.numerator as pn',
        'plan.denominator as pd',
        'study.value as rv',
        'study.numerator as rn',
        'study.denominator as rd',
        'plan.answer as planAnswer',
        'study.answer as studyAnswer',
        'act.answer as actAnswer',
      ])
      .where((eb) => eb.or([eb('cycles.decision', 'is not', null), eb('study.id', 'is not', null)]));
    const rows = await query.orderBy('change_ideas.number').orderBy('cycles.starts_on').execute();
    const blocks: Block[] = [{ type: 'heading', text: `What ${caller.network.name} has learned` }];
    if (rows.length === 0) {
      blocks.push({
        type: 'text',
        text: 'No cycle has reached Study yet. Learnings appear here as cycles record results and decisions.',
      });
      return { replies: [privately(message('No learnings yet', ...blocks))] };
    }
    const byIdea = new Map<number, typeof rows>();
    for (const r of rows) byIdea.set(r.ideaNumber, [...(byIdea.get(r.ideaNumber) ?? []), r]);
    for (const [ideaNumber, cycles] of [...byIdea.entries()].slice(0, MAX_IDEAS)) {
      const decisions = cycles.map((c) => c.decision).filter(Boolean);
      const tally = ['adopt', 'adapt', 'abandon']
        .map((d) => [d, decisions.filter((x) => x === d).length] as const)
        .filter(([, n]) => n > 0);
      const lines = cycles.map((c) => {
        const predicted = recordedFigure(c.pv, c.pn, c.pd, c.planAnswer?.prediction);
        const result = recordedFigure(c.rv, c.rn, c.rd, c.studyAnswer?.result);
        const learned = (c.studyAnswer?.learned as string | undefined) ?? '';
        const next = (c.actAnswer?.nextStep as string | undefined) ?? '';
        const gap =
          predicted && result
            ? ` ${describePredictionGap(predicted, result, c.kind).replace(/^You predicted/, 'Predicted')}`
            : '';
        return `• **${c.site}**, cycle #${c.number} (${formatDates(c.starts_on, c.ends_on)}): ${c.decision ?? 'no decision yet'}.${gap}${learned ? ` Learned: “${learned}”` : ''}${next ? ` Next: “${next}”` : ''}`;
      });
      blocks.push({
        type: 'text',
        text: `**Idea ${ideaNumber}: ${cycles[0]!.idea}**${tally.length ? ` (${tally.map(([d, n]) => `${n} ${d}`).join(', ')})` : ''}\n${lines.join('\n')}`,
      });
    }
    if (byIdea.size > MAX_IDEAS)
      blocks.push({
        type: 'context',
        text: `${byIdea.size - MAX_IDEAS} more ideas: \`/pdsa learnings idea <number>\` or \`/pdsa export\`.`,
      });
    return { replies: [privately(message(`What ${caller.network.name} has learned`, ...blocks))] };
  },
};
