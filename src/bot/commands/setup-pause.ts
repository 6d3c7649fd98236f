import { message } from '../../core/message-model.ts';
import type { Token } from '../../core/parsing/command-line.ts';
import { parseDateText } from '../../core/parsing/dates.ts';
import { addDays, daysBetween, todayIn } from '../../core/schedule/local-time.ts';
import { updateMember } from '../../store/members.ts';
import { memberCalendar } from '../checkins/member-calendar.ts';
import { privately } from '../outbound.ts';
import { requireMember, requireRole } from '../permissions.ts';
import { looksLikePerson } from '../person-ref.ts';
import { UserError } from '../user-error.ts';
import type { CommandSpec } from './command.ts';
import { type Ctx, isWord, joined, wordsOf } from './setup-args.ts';
import { formatDay } from './setup-format.ts';
import { findTarget, type Target, tellMember } from './setup-membership.ts';

// `pause` and `resume`: someone is away, so no check-ins go to them until a
// date. The date is the last day away (members.paused_until is inclusive);
// prompts due meanwhile wait for the next school day after it.

const UNTIL = ['until', 'till', 'til', 'through', 'thru', 'to'];
const MAX_DAYS = 366;
const PAUSE_USAGE =
  'Type e.g. `/pdsa pause until friday`, `/pdsa pause until 2027-01-08` or `/pdsa pause for 2 weeks`; for someone else, `/pdsa pause @ana until friday`.';

/** Whom the words are about (empty for the caller) and the date text. */
function splitPause(words: Token[]): { who: string; when: string } {
  const at = words.findIndex((w) => isWord(w, ...UNTIL, 'for'));
  if (at !== -1) {
    const rest = joined(words.slice(at + 1));
    // "for 2 weeks" is "in 2 weeks".
    return { who: joined(words.slice(0, at)), when: isWord(words[at], 'for') ? `in ${rest}` : rest };
  }
  const first = words[0];
  if (first && (looksLikePerson(first.text) || isWord(first, 'me', 'myself'))) {
    return { who: first.text, when: joined(words.slice(1)) };
  }
  return { who: '', when: joined(words) };
}

async function targetOf(
  ctx: Ctx,
  who: string,
  doing: string,
): Promise<Target & { networkName: string; networkId: number }> {
  const self = requireMember(ctx.caller);
  if (who === '') {
    return {
      person: self.person,
      member: self.member,
      self: true,
      networkName: self.network.name,
      networkId: self.network.id,
    };
  }
  const target = await findTarget(ctx, who, PAUSE_USAGE);
  if (!target.self) await requireRole(ctx.trx, ctx.caller, 'facilitator', doing);
  if (target.member.status === 'pending') {
    throw new UserError(
      `${target.person.display_name} has asked to join but is not approved yet: \`/pdsa approve ${target.person.display_name}\`.`,
    );
  }
  return { ...target, networkName: self.network.name, networkId: self.network.id };
}

export const pauseCommand: CommandSpec = {
  name: 'pause',
  group: 'Your check-ins',
  summary: "stop check-ins while you're away, until a date",
  who: 'any member, for themselves; facilitators and admins for anyone',
  usage: ['pause until <date>', 'pause for <length>', 'pause <@person> until <date>'],
  examples: [
    '/pdsa pause until friday',
    '/pdsa pause until 2027-01-08',
    '/pdsa pause for 2 weeks',
    '/pdsa pause @ana until dec 18',
  ],
  details:
    'No check-ins are sent up to and including that day; those due meanwhile wait for the next school day after it. Back early? `/pdsa resume`.',
  async run(ctx, { rest }) {
    const words = wordsOf(rest);
    const { who, when } = splitPause(words);
    const target = await targetOf(ctx, who, "pause someone else's check-ins");
    if (when === '') throw new UserError(`Until when? ${PAUSE_USAGE}`);
    const zone = (await memberCalendar(ctx.trx, target.member.id, ctx.settings)).timeZone;
    const today = todayIn(ctx.now, zone);
    const parsed = parseDateText(when, today);
    if (!parsed.ok) throw new UserError(`${parsed.error} ${PAUSE_USAGE}`);
    const until = parsed.date;
    if (until < today) {
      throw new UserError(
        `${formatDay(until)} has passed. Type a later day, e.g. \`/pdsa pause until ${addDays(today, 7)}\`.`,
      );
    }
    if (daysBetween(today, until) > MAX_DAYS) {
      throw new UserError(
        `A pause lasts a year at most; ${formatDay(until)} is further away. Pick an earlier day.`,
      );
    }
    await updateMember(ctx.trx, target.member.id, { paused_until: until });
    const range = `up to and including ${formatDay(until)}; they start again on the next school day after`;
    if (!target.self) {
      const notice = `${ctx.caller.person.display_name} paused your check-ins in ${target.networkName} ${range}. Back earlier? Type \`/pdsa resume\`.`;
      await tellMember(ctx, target, target.networkId, notice, 'paused');
    }
    const text = target.self
      ? `No check-ins for you ${range}. Back earlier? Type \`/pdsa resume\`.`
      : `No check-ins for ${target.person.display_name} ${range}. I've let them know.`;
    return { replies: [privately(message(text, { type: 'text', text }))] };
  },
};

export const resumeCommand: CommandSpec = {
  name: 'resume',
  group: 'Your check-ins',
  summary: 'end a pause: check-ins go out again',
  who: 'any member, for themselves; facilitators and admins for anyone',
  usage: ['resume', 'resume <@person>'],
  examples: ['/pdsa resume', '/pdsa resume @ana'],
  async run(ctx, { rest }) {
    const target = await targetOf(ctx, joined(wordsOf(rest)), "resume someone else's check-ins");
    const name = target.self ? 'You are' : `${target.person.display_name} is`;
    const zone = (await memberCalendar(ctx.trx, target.member.id, ctx.settings)).timeZone;
    const pausedUntil = target.member.paused_until;
    if (pausedUntil === null || pausedUntil < todayIn(ctx.now, zone)) {
      throw new UserError(
        `${name} not paused: check-ins are going out as usual. To pause: \`/pdsa pause until <date>\`.`,
      );
    }
    await updateMember(ctx.trx, target.member.id, { paused_until: null });
    if (!target.self) {
      await tellMember(
        ctx,
        target,
        target.networkId,
        `${ctx.caller.person.display_name} ended the pause of your check-ins in ${target.networkName}: they go out again.`,
        'resumed',
      );
    }
    const text = `${target.self ? 'Welcome back: your' : `${target.person.display_name}'s`} check-ins go out again${target.self ? '' : "; I've let them know"}.`;
    return { replies: [privately(message(text, { type: 'text', text }))] };
  },
};
