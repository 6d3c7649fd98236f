import { type Phase, phaseSchema } from '../../core/domain.ts';
import { quoteInput } from '../../core/quoted-input.ts';
import { openOrAnsweredCheckinsOf } from '../../store/checkins.ts';
import { loadCheckinContext } from '../../store/views/checkin-context.ts';
import { beginAnswering } from '../checkins/checkin-routes.ts';
import { whereRepliesGo } from '../checkins/conversation.ts';
import { requireMember } from '../permissions.ts';
import { UserError } from '../user-error.ts';
import type { CommandSpec } from './command.ts';
import { findCycle, parseCycleNumber } from './lookups.ts';

export const answerCommand: CommandSpec = {
  name: 'answer',
  aliases: ['edit'],
  group: 'Your check-ins',
  summary: 'answer one of your check-ins now, or change an answer while its phase is open',
  who: 'the member the check-in is for',
  usage: ['answer <cycle number> [plan|do|study|act]'],
  examples: ['/pdsa answer 12', '/pdsa answer 12 plan'],
  details:
    'Your answers go to the check-in you were asked most recently; use this to pick another one, to answer before you are asked, or to change an answer. An answer can be changed until the next phase gets its first answer; the earlier version is kept.',
  async run(ctx, { tokens }) {
    const caller = requireMember(ctx.caller);
    const cycle = await findCycle(
      ctx.trx,
      caller.network.id,
      parseCycleNumber(tokens[0], 'Type `/pdsa answer <cycle number>`.'),
    );
    let phaseFilter: Phase | undefined;
    if (tokens[1]) {
      const p = phaseSchema.safeParse(tokens[1].toLowerCase());
      if (!p.success)
        throw new UserError(`${quoteInput(tokens[1])} is not a phase. Type plan, do, study or act.`);
      phaseFilter = p.data;
    }
    const mine = await openOrAnsweredCheckinsOf(ctx.trx, cycle.id, caller.member.id, phaseFilter);
    const chosen = mine.find((c) => c.status === 'open') ?? mine[0];
    if (!chosen) {
      // The replies that follow still go where they went: say where, so that
      // they are not taken for answers to the check-in asked for here.
      const state = cycle.phase === 'closed' ? 'it is closed' : `it is in ${cycle.phase}`;
      throw new UserError(
        `You have no ${phaseFilter ? `${phaseFilter} ` : ''}check-in in cycle #${cycle.number} (${state}). ${await whereRepliesGo(ctx.trx, caller.member.id)} Type \`/pdsa status\` to see your check-ins.`,
      );
    }
    const checkin = await loadCheckinContext(ctx.trx, chosen.id);
    return beginAnswering(ctx, checkin!);
  },
};
