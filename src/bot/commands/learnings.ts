import { type Block, message } from '../../core/message-model.ts';
import { type IdRead, readId } from '../../core/parsing/ids.ts';
import { describePredictionGap } from '../../core/prediction-gap.ts';
import { formatDates } from '../checkins/compose-prompt.ts';
import { privately } from '../outbound.ts';
import { requireMember } from '../permissions.ts';
import { UserError } from '../user-error.ts';
import type { CommandSpec } from './command.ts';
import { cycleOutcomesQuery, recordedFigure } from './cycle-outcomes.ts';

const MAX_IDEAS = 10;

export const learningsCommand: CommandSpec = {
  name: 'learnings',
  aliases: ['learning'],
  group: 'Digest and data',
  summary: 'what every site learned about each change idea: decisions, results against predictions, lessons',
  who: 'any member',
  usage: ['learnings [idea number]'],
  examples: ['/pdsa learnings', '/pdsa learnings 3'],
  details:
    'The network’s shared knowledge: so a site can borrow what worked elsewhere, and see for whom and under what conditions.',
  async run(ctx, { tokens }) {
    const caller = requireMember(ctx.caller);
    let idea: IdRead | undefined;
    if (tokens[0]) {
      idea = readId(tokens[0]);
      if (idea.kind === 'not an id')
        throw new UserError(`"${tokens[0]}" is not an idea number. Type \`/pdsa ideas\` to see them.`);
    }
    let query = cycleOutcomesQuery(ctx.trx, caller.network.id)
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
    if (idea?.kind === 'id') query = query.where('change_ideas.number', '=', idea.id);
    // Digits no idea can have name no idea, so nothing was learned about it.
    const rows =
      idea?.kind === 'none'
        ? []
        : await query.orderBy('change_ideas.number').orderBy('cycles.starts_on').execute();
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
        text: `${byIdea.size - MAX_IDEAS} more ideas: \`/pdsa learnings <idea number>\` or \`/pdsa export\`.`,
      });
    return { replies: [privately(message(`What ${caller.network.name} has learned`, ...blocks))] };
  },
};
