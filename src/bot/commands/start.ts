import { parseKeyValues, tokenizeWithQuotes } from '../../core/parsing/command-line.ts';
import { daysBetween, todayIn } from '../../core/schedule/local-time.ts';
import { participantsOf } from '../../store/cycles.ts';
import { siteById } from '../../store/sites.ts';
import type { HandlerContext } from '../context.ts';
import type { HandlerResult } from '../outbound.ts';
import { requireMember } from '../permissions.ts';
import { findMemberByName } from '../person-ref.ts';
import { UserError } from '../user-error.ts';
import type { CommandSpec } from './command.ts';
import { findCycle, findMeasure, findSite, parseCycleNumber } from './lookups.ts';
import { assertRampCanContinue } from './ramp.ts';
import { createCycle } from './start-cycle.ts';
import { findIdea, membersNamed, ownerByDefault, readDates } from './start-inputs.ts';
import { askForOwner, START_USAGE, startWithNothingSaid } from './start-usage.ts';

const KEYS = [
  'site',
  'at',
  'idea',
  'change idea',
  'measure',
  'owner',
  'with',
  'participants',
  'from',
  'to',
  'for',
  'question',
] as const;

const NEXT_USAGE = 'Type `/pdsa start next <cycle number>`.';
const USAGE = `Type e.g. \`/pdsa start Lincoln idea 3 measure "On-time arrival" owner @ana from monday for 2 weeks\`, or \`${START_USAGE}\`.`;

async function startFromText(ctx: HandlerContext, rest: string): Promise<HandlerResult> {
  const caller = requireMember(ctx.caller);
  const parsed = parseKeyValues(tokenizeWithQuotes(rest), KEYS);
  if (!parsed.ok) throw new UserError(`${parsed.error} ${USAGE}`);
  const v = parsed.values;
  const siteName = v.site ?? v.at ?? (parsed.positional.length ? parsed.positional.join(' ') : undefined);
  const today = todayIn(ctx.now, caller.network.time_zone);
  let site: { id: number; name: string };
  if (siteName) site = await findSite(ctx.trx, caller.network.id, siteName);
  else if (caller.member.site_id) site = await findSiteById(ctx, caller.member.site_id);
  else throw new UserError(`At which site? ${USAGE}`);
  const participants = v.with || v.participants ? await membersNamed(ctx, (v.with ?? v.participants)!) : [];
  const measure = await findMeasure(ctx.trx, caller.network.id, v.measure);
  const { startsOn, endsOn } = readDates(v, today);
  const owner = v.owner
    ? (await findMemberByName(ctx.trx, ctx.caller, v.owner)).member
    : ownerByDefault(caller, site.id);
  if (!owner) {
    return askForOwner(ctx, caller, site, rest, {
      measureId: measure.id,
      startsOn,
      endsOn,
      ...(v.with || v.participants ? { with: (v.with ?? v.participants)! } : {}),
      ...(v.question ? { question: v.question } : {}),
    });
  }
  const changeIdeaId = await findIdea(ctx, caller, v['change idea'] ?? v.idea);
  return createCycle(ctx, caller, {
    siteId: site.id,
    changeIdeaId,
    measureId: measure.id,
    ownerMemberId: owner.id,
    participantIds: participants.map((p) => p.id),
    startsOn,
    endsOn,
    question: v.question ?? '',
    parentCycleId: null,
  });
}

function findSiteById(ctx: HandlerContext, siteId: number) {
  return siteById(ctx.trx, siteId).then((site) => {
    if (!site) throw new Error(`site ${siteId} not found`);
    return site;
  });
}

/** The next cycle of a ramp: the same site, idea, measure and people, starting after the last. */
async function startNext(ctx: HandlerContext, rest: string): Promise<HandlerResult> {
  const caller = requireMember(ctx.caller);
  const tokens = tokenizeWithQuotes(rest);
  const previous = await findCycle(ctx.trx, caller.network.id, parseCycleNumber(tokens[0]?.text, NEXT_USAGE));
  const parsed = parseKeyValues(tokens.slice(1), KEYS);
  if (!parsed.ok) throw new UserError(parsed.error);
  await assertRampCanContinue(ctx.trx, previous);
  const today = todayIn(ctx.now, caller.network.time_zone);
  const length = daysBetween(previous.starts_on, previous.ends_on) + 1;
  const { startsOn, endsOn } = readDates(parsed.values, today, { days: length });
  const participants = await participantsOf(ctx.trx, previous.id);
  const owner = parsed.values.owner
    ? (await findMemberByName(ctx.trx, ctx.caller, parsed.values.owner)).member.id
    : (previous.owner_member_id ?? ownerByDefault(caller, previous.site_id)?.id);
  if (owner === undefined) {
    throw new UserError(
      `Cycle #${previous.number} has no owner any more (they left the network). Name the next cycle's owner: \`/pdsa start next ${previous.number} owner @person\`.`,
    );
  }
  return createCycle(ctx, caller, {
    siteId: previous.site_id,
    changeIdeaId: previous.change_idea_id,
    measureId: previous.measure_id,
    ownerMemberId: owner,
    participantIds: participants,
    startsOn,
    endsOn,
    question: parsed.values.question ?? '',
    parentCycleId: previous.id,
  });
}

export const startCommand: CommandSpec = {
  name: 'start',
  group: 'Cycles',
  summary: 'start a PDSA cycle at a site (or the next cycle of a ramp)',
  who: 'facilitators and admins; educators at their own site, as owner',
  usage: [
    'start <site> idea <number or text> measure <name> owner <@person> [with <@person> …] [from <date>] [to <date> | for <length>] [question <text>]',
    'start next <cycle number> [from <date>] [for <length>]',
    'start   (opens a form where the platform has forms; in the terminal, shows what to type)',
  ],
  examples: [
    '/pdsa start Lincoln idea 3 measure "On-time arrival" owner @ana from monday for 2 weeks',
    '/pdsa start Lincoln idea "Greet every student at the door" owner @ana with @ben, @cho to 2026-12-18',
    '/pdsa start next 12',
  ],
  details:
    "The owner plans the cycle and predicts the result, everyone taking part says how the test went at its midpoint, and the owner studies the result and decides at the end. An educator starting a cycle at their own site owns it; anyone else names the owner (`owner me` to own it yourself). Dates: 2026-12-01, today, tomorrow, monday, +7d; lengths: 10 days, 2 weeks (default 2 weeks). A change idea given as text is added to the network's ideas. With one measure in the network, `measure` can be left out. The next cycle of a ramp follows a cycle its owner decided to adopt or adapt; each cycle has one next cycle.",
  async run(ctx, { tokens, rest }) {
    const caller = requireMember(ctx.caller);
    if (tokens.length === 0) return startWithNothingSaid(ctx, caller);
    if (tokens[0]!.toLowerCase() === 'next') return startNext(ctx, rest.replace(/^\s*next\b/i, ''));
    return startFromText(ctx, rest);
  },
};
