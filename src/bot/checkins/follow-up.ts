import { DateTime } from 'luxon';
import { type Message, message } from '../../core/message-model.ts';
import { naturallySorted } from '../../core/natural-order.ts';
import { todayIn } from '../../core/schedule/local-time.ts';
import { answeredMembers, firstCheckinOfPhase } from '../../store/checkins.ts';
import { memberNames as namesOfMembers } from '../../store/members.ts';
import type { CheckinContext } from '../../store/views/checkin-context.ts';
import type { HandlerContext, Trx } from '../context.ts';
import { listAnd } from '../permissions.ts';
import { respondentsOf } from './lifecycle.ts';

// What the bot says after an answer moved a cycle on (or did not), worded
// for the moment it is sent: a test not begun, under way or over; the
// person who will be asked next, by name unless it is the one reading; the
// people still to answer.

const day = (isoDate: string) => DateTime.fromISO(isoDate).toFormat('ccc d LLL');

/** When the first check-in of `phase` is due, as "on Mon 14 Dec" or "now". */
async function whenAsked(hctx: HandlerContext, cycleId: number, phase: 'do' | 'study'): Promise<string> {
  const due = await firstCheckinOfPhase(hctx.trx, cycleId, phase);
  if (!due) return 'soon';
  const at = new Date(due.due_at);
  if (at.getTime() <= hctx.now.getTime()) return 'now';
  return `on ${DateTime.fromJSDate(at, { zone: hctx.caller.network?.time_zone ?? 'UTC' }).toFormat('ccc d LLL')}`;
}

function today(hctx: HandlerContext): string {
  return todayIn(hctx.now, hctx.caller.network?.time_zone ?? 'UTC');
}

/** After the Plan: when the test runs, and when everyone is asked how it went. */
export async function afterPlan(hctx: HandlerContext, ctx: CheckinContext): Promise<Message> {
  const { starts_on: startsOn, ends_on: endsOn } = ctx.cycle;
  const now = today(hctx);
  const test =
    now < startsOn
      ? `The test starts on ${day(startsOn)} and runs until ${day(endsOn)}.`
      : now <= endsOn
        ? `Now run the test, until ${day(endsOn)}.`
        : `The cycle's dates are over (it ended ${day(endsOn)}), so say how it went when you are asked.`;
  const when = await whenAsked(hctx, ctx.cycle.id, 'do');
  return message('Next: do', {
    type: 'context',
    text: `${test} Everyone taking part will be asked how it went ${when}.`,
  });
}

/** After the last Do answer: the test goes on to its end, and the owner is asked for the result. */
export async function afterDo(hctx: HandlerContext, ctx: CheckinContext): Promise<Message> {
  const endsOn = ctx.cycle.ends_on;
  const now = today(hctx);
  const test =
    now < endsOn
      ? `Keep the test going until ${day(endsOn)}. `
      : now === endsOn
        ? 'The test ends today. '
        : '';
  const when = await whenAsked(hctx, ctx.cycle.id, 'study');
  const ownerId = ctx.cycle.owner_member_id;
  const who =
    ownerId !== null && ownerId === hctx.caller.member?.id
      ? "I'll ask you for the result"
      : `${(ownerId !== null && (await memberNames(hctx.trx, [ownerId]))[0]) || 'The owner'} will be asked for the result`;
  return message('Next: study', { type: 'context', text: `${test}${who} ${when}.` });
}

/** After a Do answer that others still owe: who they are. Undefined when nobody does. */
export async function waitingForOthers(
  hctx: HandlerContext,
  ctx: CheckinContext,
): Promise<Message | undefined> {
  const required = await respondentsOf(hctx.trx, ctx.cycle, 'do');
  const done = new Set(await answeredMembers(hctx.trx, ctx.cycle.id, 'do'));
  const names = await memberNames(
    hctx.trx,
    required.filter((id) => !done.has(id)),
  );
  if (names.length === 0) return undefined;
  return message('Waiting for the others', {
    type: 'context',
    text: `Waiting for ${listAnd(names)}: the cycle moves on to Study when they have answered.`,
  });
}

async function memberNames(trx: Trx, memberIds: number[]): Promise<string[]> {
  if (memberIds.length === 0) return [];
  return naturallySorted(await namesOfMembers(trx, memberIds), (name) => name);
}
