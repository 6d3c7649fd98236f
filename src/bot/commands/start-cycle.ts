import { DateTime } from 'luxon';
import { type Block, message } from '../../core/message-model.ts';
import { naturallySorted } from '../../core/natural-order.ts';
import type { CycleRow } from '../../db/schema.ts';
import { cycleNumberOf, insertCycle, lockForNextCycle } from '../../store/cycles.ts';
import { breaksWithin } from '../../store/site-breaks.ts';
import { cycleSummary } from '../../store/views/cycle-summary.ts';
import { membersWithZones } from '../../store/views/people-views.ts';
import { formatDates } from '../checkins/compose-prompt.ts';
import { openPhase } from '../checkins/lifecycle.ts';
import type { HandlerContext } from '../context.ts';
import { type HandlerResult, privately } from '../outbound.ts';
import { type ActiveCaller, hasRole, listAnd } from '../permissions.ts';
import { limitLength, UserError } from '../user-error.ts';

import { assertRampCanContinue } from './ramp.ts';
import { MAX_QUESTION_LENGTH } from './start-inputs.ts';

// Creating a cycle, however it was asked for: the row, its people, its Plan
// check-in, and the confirmation that says what happens next.

export type CycleSpec = {
  siteId: number;
  changeIdeaId: number;
  measureId: number;
  ownerMemberId: number;
  participantIds: number[];
  startsOn: string;
  endsOn: string;
  question: string;
  parentCycleId: number | null;
};

/** May this caller start a cycle at this site with this owner? Facilitators anywhere; educators at their own site, for themselves. */
function assertMayStart(caller: ActiveCaller, siteId: number, ownerMemberId: number): void {
  if (hasRole(caller.member, 'facilitator')) return;
  if (caller.member.site_id === siteId && ownerMemberId === caller.member.id) return;
  throw new UserError(
    'Educators can start cycles at their own site with themselves as owner. To start one for someone else or another site, ask a facilitator.',
  );
}

/** Creates the cycle, its participants and its Plan check-in; returns the confirmation. */
export async function createCycle(
  ctx: HandlerContext,
  caller: ActiveCaller,
  spec: CycleSpec,
): Promise<HandlerResult> {
  assertMayStart(caller, spec.siteId, spec.ownerMemberId);
  limitLength(spec.question, MAX_QUESTION_LENGTH, 'question');
  if (spec.parentCycleId !== null) {
    await assertRampCanContinue(ctx.trx, await lockForNextCycle(ctx.trx, spec.parentCycleId));
  }
  const participants = [...new Set([spec.ownerMemberId, ...spec.participantIds])];
  const cycle = await insertCycle(
    ctx.trx,
    {
      network_id: caller.network.id,
      site_id: spec.siteId,
      owner_member_id: spec.ownerMemberId,
      change_idea_id: spec.changeIdeaId,
      measure_id: spec.measureId,
      question: spec.question,
      starts_on: spec.startsOn,
      ends_on: spec.endsOn,
      parent_cycle_id: spec.parentCycleId,
      created_by: caller.member.id,
      created_at: ctx.now,
    },
    participants,
  );
  const [due] = await openPhase(ctx.trx, cycle, 'plan', ctx.now, ctx.settings);
  return { replies: [privately(await confirmation(ctx, cycle, participants, due))] };
}

async function confirmation(
  ctx: HandlerContext,
  cycle: CycleRow,
  participantIds: number[],
  due: Date | undefined,
) {
  const info = await cycleSummary(ctx.trx, cycle.id);
  const people = await membersWithZones(ctx.trx, participantIds);
  const parentNumber = cycle.parent_cycle_id
    ? await cycleNumberOf(ctx.trx, cycle.parent_cycle_id)
    : undefined;
  const owner = people.find((p) => p.id === cycle.owner_member_id);
  const zone = owner?.zone ?? info.siteZone ?? info.networkZone;
  const when = due
    ? due.getTime() <= ctx.now.getTime()
      ? 'now'
      : `on ${DateTime.fromJSDate(due, { zone }).toFormat("ccc d LLL 'at' HH:mm")} (${zone})`
    : 'when the cycle starts';
  const blocks: Block[] = [
    {
      type: 'heading',
      text: `Cycle #${cycle.number} started${parentNumber !== undefined ? ` (next in the ramp after #${parentNumber})` : ''}`,
    },
    {
      type: 'fields',
      fields: [
        { label: 'Site', value: info.site },
        { label: 'Change idea', value: info.idea },
        { label: 'Measure', value: info.measure },
        { label: 'Dates', value: formatDates(cycle.starts_on, cycle.ends_on) },
        { label: 'Owner', value: owner?.name ?? '—' },
        { label: 'Taking part', value: listAnd(naturallySorted(people, (p) => p.name).map((p) => p.name)) },
      ],
    },
    {
      type: 'text',
      text: `${owner?.name ?? 'The owner'} will be asked to plan it and to predict the result ${when}.`,
    },
  ];
  const breaks = await breaksWithin(ctx.trx, cycle.site_id, cycle.starts_on, cycle.ends_on);
  if (breaks.length > 0) {
    const named = breaks.map((b) => `${b.label || 'break'} (${formatDates(b.startsOn, b.endsOn)})`);
    blocks.push({
      type: 'text',
      text: `**These dates cross ${info.site}’s ${listAnd(named)}.** No check-ins go out during a break, and the test stops for it. If it cannot run across the break, close this cycle (\`/pdsa close ${cycle.number}\`) and start it again with other dates.`,
    });
  }
  return message(`Cycle #${cycle.number} started at ${info.site}`, ...blocks);
}
