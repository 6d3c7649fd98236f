import { message } from '../../core/message-model.ts';
import { naturalCompare } from '../../core/natural-order.ts';
import { markPrompted } from '../../store/checkins.ts';
import { enqueueDelivery } from '../../store/deliveries/enqueue.ts';
import { openCheckinsWithPeople } from '../../store/views/people-views.ts';
import { composeCheckinPrompt } from '../checkins/compose-prompt.ts';
import { closeCycle } from '../checkins/lifecycle.ts';
import type { HandlerContext } from '../context.ts';
import { privately } from '../outbound.ts';
import { type ActiveCaller, hasRole, listAnd, requireMember } from '../permissions.ts';
import { UserError } from '../user-error.ts';
import type { CommandSpec } from './command.ts';
import { findCycle, parseCycleNumber } from './lookups.ts';

function assertOwnerOrFacilitator(caller: ActiveCaller, ownerMemberId: number | null, doing: string): void {
  if (hasRole(caller.member, 'facilitator') || caller.member.id === ownerMemberId) return;
  throw new UserError(`Only the cycle's owner or a facilitator can ${doing}.`);
}

export const remindCommand: CommandSpec = {
  name: 'remind',
  group: 'Cycles',
  summary: 'nudge everyone who still owes a check-in for a cycle',
  who: "facilitators, admins, and the cycle's owner",
  usage: ['remind <cycle number>'],
  examples: ['/pdsa remind 12'],
  async run(ctx: HandlerContext, { tokens }) {
    const caller = requireMember(ctx.caller);
    const cycle = await findCycle(
      ctx.trx,
      caller.network.id,
      parseCycleNumber(tokens[0], 'Type `/pdsa remind <cycle number>`.'),
    );
    assertOwnerOrFacilitator(caller, cycle.owner_member_id, 'send reminders for it');
    const open = await openCheckinsWithPeople(ctx.trx, cycle.id);
    if (open.length === 0) {
      throw new UserError(
        `Nobody owes a check-in for cycle #${cycle.number} right now (it is in ${cycle.phase}).`,
      );
    }
    // One nudge per check-in per hour, however often the command is typed.
    const hour = ctx.now.toISOString().slice(0, 13);
    for (const c of open) {
      await enqueueDelivery(ctx.trx, {
        kind: 'reminder',
        dedupe_key: `nudge:${c.id}:${hour}`,
        platform: c.platform,
        address: c.address ?? { platform: c.platform, user: c.platform_user_id, workspace: c.workspace_id },
        person_id: c.personId,
        checkin_id: c.id,
        network_id: caller.network.id,
        payload: { type: 'message', message: await composeCheckinPrompt(ctx.trx, c.id, { reminder: 1 }) },
        due_at: ctx.now,
      });
      await markPrompted(ctx.trx, c.id, ctx.now);
    }
    return {
      replies: [
        privately(
          message('Reminders sent', {
            type: 'text',
            text: `Reminded ${listAnd(open.map((o) => o.name).sort(naturalCompare))} about cycle #${cycle.number}.`,
          }),
        ),
      ],
    };
  },
};

export const closeCommand: CommandSpec = {
  name: 'close',
  group: 'Cycles',
  summary: 'close a cycle early; nothing more is asked for it',
  who: "facilitators, admins, and the cycle's owner",
  usage: ['close <cycle number>'],
  examples: ['/pdsa close 12'],
  details:
    'A cycle closes by itself when its owner records the decision (adopt, adapt or abandon). Close it by hand when a test had to stop.',
  async run(ctx, { tokens }) {
    const caller = requireMember(ctx.caller);
    const cycle = await findCycle(
      ctx.trx,
      caller.network.id,
      parseCycleNumber(tokens[0], 'Type `/pdsa close <cycle number>`.'),
    );
    assertOwnerOrFacilitator(caller, cycle.owner_member_id, 'close it');
    if (cycle.phase === 'closed') throw new UserError(`Cycle #${cycle.number} is already closed.`);
    await closeCycle(ctx.trx, cycle, ctx.now);
    return {
      replies: [
        privately(
          message('Cycle closed', {
            type: 'text',
            text: `Cycle #${cycle.number} is closed (it was in ${cycle.phase}). Its answers so far are kept: \`/pdsa cycle ${cycle.number}\`.`,
          }),
        ),
      ],
    };
  },
};
