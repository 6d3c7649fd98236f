import { DateTime } from 'luxon';
import { displayAnswer, questionsFor } from '../../core/checkin-questions.ts';
import type { Phase } from '../../core/domain.ts';
import { type Block, message } from '../../core/message-model.ts';
import { childCyclesOf, cycleNumberOf } from '../../store/cycles.ts';
import { measureById } from '../../store/measures.ts';
import { type CycleFilter, checkinsOfCycleWithNames, cycleLines } from '../../store/views/cycle-lines.ts';
import { PHASE_TITLES } from '../checkins/checkin-context.ts';
import { formatDates } from '../checkins/compose-prompt.ts';
import { privately } from '../outbound.ts';
import { requireMember } from '../permissions.ts';
import { UserError } from '../user-error.ts';
import type { CommandSpec } from './command.ts';
import { findCycle, findSite, parseCycleNumber } from './lookups.ts';

export type CycleLine = {
  /** The cycle's number in its network. */
  number: number;
  site: string;
  idea: string;
  owner: string | null;
  phase: string;
  decision: string | null;
  startsOn: string;
  endsOn: string;
};

export function cycleLine(c: CycleLine): string {
  const state = c.phase === 'closed' ? `closed${c.decision ? `, ${c.decision}` : ''}` : c.phase;
  return `• **#${c.number}** ${c.site} · ${c.idea} · ${c.owner ?? 'no owner'} · ${formatDates(c.startsOn, c.endsOn)} · _${state}_`;
}

const LIST_LIMIT = 40;

export const cyclesCommand: CommandSpec = {
  name: 'cycles',
  group: 'Cycles',
  summary: "list cycles: yours, a site's, or the whole network's",
  who: 'any member',
  usage: ['cycles [mine | <site> | all] [open]'],
  examples: ['/pdsa cycles', '/pdsa cycles Lincoln', '/pdsa cycles all open'],
  async run(ctx, { tokens }) {
    const caller = requireMember(ctx.caller);
    const words = tokens.map((t) => t.toLowerCase());
    const openOnly = words.at(-1) === 'open';
    const scope = (openOnly ? tokens.slice(0, -1) : tokens).join(' ').trim();
    const filter: CycleFilter = { openOnly, limit: LIST_LIMIT + 1 };
    let title: string;
    if (scope === '' || scope.toLowerCase() === 'mine') {
      filter.memberId = caller.member.id;
      title = 'Your cycles';
    } else if (scope.toLowerCase() === 'all') {
      title = `Cycles in ${caller.network.name}`;
    } else {
      const site = await findSite(ctx.trx, caller.network.id, scope);
      filter.siteId = site.id;
      title = `Cycles at ${site.name}`;
    }
    const rows = await cycleLines(ctx.trx, caller.network.id, filter);
    const blocks: Block[] = [{ type: 'heading', text: title }];
    if (rows.length === 0) {
      blocks.push({ type: 'text', text: 'No cycles yet. Start one with `/pdsa start`.' });
    } else {
      blocks.push({ type: 'text', text: rows.slice(0, LIST_LIMIT).map(cycleLine).join('\n') });
      if (rows.length > LIST_LIMIT)
        blocks.push({
          type: 'context',
          text: `Showing the latest ${LIST_LIMIT}. \`/pdsa export\` gives them all.`,
        });
    }
    blocks.push({ type: 'context', text: 'Type `/pdsa cycle <number>` for the whole record of one.' });
    return { replies: [privately(message(title, ...blocks))] };
  },
};

export const cycleCommand: CommandSpec = {
  name: 'cycle',
  group: 'Cycles',
  summary: 'the whole record of one cycle: plan, prediction, what happened, result, decision',
  who: 'any member',
  usage: ['cycle <number>'],
  examples: ['/pdsa cycle 12'],
  async run(ctx, { tokens }) {
    const caller = requireMember(ctx.caller);
    const cycle = await findCycle(
      ctx.trx,
      caller.network.id,
      parseCycleNumber(tokens[0], 'Type `/pdsa cycle <number>`.'),
    );
    const [line] = await cycleLines(ctx.trx, caller.network.id, { cycleId: cycle.id });
    if (!line) throw new UserError(`There is no cycle #${cycle.number}.`);
    const measure = await measureById(ctx.trx, cycle.measure_id);
    if (!measure) throw new Error(`measure ${cycle.measure_id} of cycle ${cycle.id} not found`);
    const checkins = await checkinsOfCycleWithNames(ctx.trx, cycle.id);
    const parent = cycle.parent_cycle_id ? await cycleNumberOf(ctx.trx, cycle.parent_cycle_id) : undefined;
    const children = await childCyclesOf(ctx.trx, cycle.id);
    const blocks: Block[] = [
      { type: 'heading', text: `Cycle #${cycle.number} · ${line.site}` },
      {
        type: 'fields',
        fields: [
          { label: 'Change idea', value: line.idea },
          { label: 'Measure', value: `${measure.name} (${measure.kind}, ${measure.better} is better)` },
          { label: 'Owner', value: line.owner ?? '—' },
          { label: 'Dates', value: formatDates(cycle.starts_on, cycle.ends_on) },
          {
            label: 'Phase',
            value:
              cycle.phase === 'closed'
                ? `closed${cycle.decision ? ` (${cycle.decision})` : ''}`
                : cycle.phase,
          },
          ...(parent !== undefined ? [{ label: 'Follows', value: `#${parent}` }] : []),
          ...(children.length
            ? [{ label: 'Followed by', value: children.map((c) => `#${c.number}`).join(', ') }]
            : []),
        ],
      },
    ];
    if (cycle.question) blocks.push({ type: 'text', text: `**Question:** ${cycle.question}` });
    for (const phase of ['plan', 'do', 'study', 'act'] as Phase[]) {
      const inPhase = checkins.filter((c) => c.phase === phase);
      if (inPhase.length === 0) continue;
      const lines: string[] = [];
      for (const c of inPhase) {
        if (!c.answer) {
          const due = DateTime.fromJSDate(new Date(c.due_at)).toUTC().toFormat('d LLL');
          lines.push(
            `${c.name}: ${c.status === 'closed' ? 'not answered (closed)' : `waiting (due ${due})`}`,
          );
          continue;
        }
        const answers = questionsFor(phase, measure)
          .map((q) => [q.label, displayAnswer(q, c.answer![q.id], measure)] as const)
          .filter(([, v]) => v !== undefined)
          .map(([label, v]) => `  ${label} ${v}`);
        lines.push(`${c.name}${c.version > 1 ? ` (edited ${c.version - 1}×)` : ''}:\n${answers.join('\n')}`);
      }
      blocks.push({ type: 'text', text: `**${PHASE_TITLES[phase]}**\n${lines.join('\n')}` });
    }
    return { replies: [privately(message(`Cycle #${cycle.number} at ${line.site}`, ...blocks))] };
  },
};
