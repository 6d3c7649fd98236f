import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { type Block, type Form, message } from '../../core/message-model.ts';
import { parseKeyValues, tokenizeWithQuotes } from '../../core/parsing/command-line.ts';
import { parseDateText } from '../../core/parsing/dates.ts';
import { readId, shownId } from '../../core/parsing/ids.ts';
import { addDays, daysBetween, todayIn } from '../../core/schedule/local-time.ts';
import type { CycleRow, MemberRow } from '../../db/schema.ts';
import { formatDates } from '../checkins/compose-prompt.ts';
import { openPhase } from '../checkins/lifecycle.ts';
import type { HandlerContext } from '../context.ts';
import type { ActionRoute, FormRoute } from '../interaction-routes.ts';
import { type HandlerResult, privately } from '../outbound.ts';
import { type ActiveCaller, hasRole, listAnd, requireMember } from '../permissions.ts';
import { findMemberByName } from '../person-ref.ts';
import { limitLength, UserError } from '../user-error.ts';
import type { CommandSpec } from './command.ts';
import { cycleNumberOf } from './cycle-views.ts';
import { MAX_IDEA_LENGTH } from './ideas.ts';
import { findCycle, findCycleById, findMeasure, findSite, parseCycleNumber } from './lookups.ts';
import { assertRampCanContinue, lockForNextCycle } from './ramp.ts';

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
type Key = (typeof KEYS)[number];

const DEFAULT_DAYS = 14;
/** The longest question a cycle answers, typed or in the start form. */
const MAX_QUESTION_LENGTH = 1000;
const NEXT_USAGE = 'Type `/pdsa start next <cycle number>`.';
const USAGE =
  'Type e.g. `/pdsa start Lincoln idea 3 measure "On-time arrival" owner @ana from monday for 2 weeks`.';

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

type Ctx = HandlerContext;

/** May this caller start a cycle at this site with this owner? Facilitators anywhere; educators at their own site, for themselves. */
function assertMayStart(caller: ActiveCaller, siteId: number, ownerMemberId: number): void {
  if (hasRole(caller.member, 'facilitator')) return;
  if (caller.member.site_id === siteId && ownerMemberId === caller.member.id) return;
  throw new UserError(
    'Educators can start cycles at their own site with themselves as owner. To start one for someone else or another site, ask a facilitator.',
  );
}

async function findIdea(ctx: Ctx, caller: ActiveCaller, text: string | undefined): Promise<number> {
  const ideas = await ctx.trx
    .selectFrom('change_ideas')
    .select(['id', 'number', 'text'])
    .where('network_id', '=', caller.network.id)
    .orderBy('number')
    .execute();
  if (text === undefined) {
    if (ideas.length === 1) return ideas[0]!.id;
    throw new UserError(
      ideas.length
        ? `Which change idea? Add \`idea <number>\`: ${ideas.map((i) => `${i.number} ${i.text}`).join('; ')}.`
        : 'Which change idea? Add `idea "<what you will try>"` (it is added to the network\'s ideas).',
    );
  }
  const read = readId(text);
  if (read.kind !== 'not an id') {
    const hit = ideas.find((i) => read.kind === 'id' && i.number === read.id);
    if (hit) return hit.id;
    throw new UserError(`There is no change idea ${shownId(read)}. Type \`/pdsa ideas\` to see them.`);
  }
  const same = ideas.find((i) => i.text.toLowerCase() === text.toLowerCase());
  if (same) return same.id;
  const created = await ctx.trx
    .insertInto('change_ideas')
    .values({
      network_id: caller.network.id,
      text: limitLength(text, MAX_IDEA_LENGTH, 'change idea'),
      created_by: caller.member.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return created.id;
}

function readDate(text: string, today: string, what: string): string {
  const parsed = parseDateText(text, today);
  if (!parsed.ok) throw new UserError(`The ${what} date: ${parsed.error}`);
  return parsed.date;
}

function readLength(text: string): number {
  const m = /^(\d+)\s*(d|day|days|w|wk|week|weeks)$/i.exec(text.trim());
  if (!m)
    throw new UserError(`I can't read "${text}" as a length. Type e.g. \`for 10 days\` or \`for 2 weeks\`.`);
  const n = Number(m[1]) * (m[2]!.toLowerCase().startsWith('w') ? 7 : 1);
  if (n < 1 || n > 365)
    throw new UserError('A cycle lasts from 1 day to a year. PDSA cycles are usually one to four weeks.');
  return n;
}

/** Reads the dates of a cycle: from (default today), to or for (default two weeks). */
function readDates(values: Partial<Record<Key, string>>, today: string, fallback?: { days: number }) {
  const startsOn = values.from ? readDate(values.from, today, 'start') : today;
  let endsOn: string;
  if (values.to && values.for) throw new UserError('Give either `to <date>` or `for <length>`, not both.');
  if (values.to) endsOn = readDate(values.to, startsOn, 'end');
  else
    endsOn = addDays(startsOn, (values.for ? readLength(values.for) : (fallback?.days ?? DEFAULT_DAYS)) - 1);
  if (daysBetween(startsOn, endsOn) < 0) {
    throw new UserError(`The cycle would end (${endsOn}) before it starts (${startsOn}). Check the dates.`);
  }
  if (daysBetween(today, startsOn) < -28)
    throw new UserError(`${startsOn} is more than four weeks ago. Start a cycle today or later.`);
  return { startsOn, endsOn };
}

async function membersNamed(ctx: Ctx, text: string): Promise<MemberRow[]> {
  const tokens = tokenizeWithQuotes(text)
    .map((t) => t.text)
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter((t) => t !== '' && t.toLowerCase() !== 'and');
  const members: MemberRow[] = [];
  for (const token of tokens) members.push((await findMemberByName(ctx.trx, ctx.caller, token)).member);
  return members;
}

/** Creates the cycle, its participants and its Plan check-in; returns the confirmation. */
export async function createCycle(ctx: Ctx, caller: ActiveCaller, spec: CycleSpec): Promise<HandlerResult> {
  assertMayStart(caller, spec.siteId, spec.ownerMemberId);
  limitLength(spec.question, MAX_QUESTION_LENGTH, 'question');
  if (spec.parentCycleId !== null) {
    await assertRampCanContinue(ctx.trx, await lockForNextCycle(ctx.trx, spec.parentCycleId));
  }
  const cycle = await ctx.trx
    .insertInto('cycles')
    .values({
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
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const participants = [...new Set([spec.ownerMemberId, ...spec.participantIds])];
  await ctx.trx
    .insertInto('cycle_participants')
    .values(participants.map((member_id) => ({ cycle_id: cycle.id, member_id })))
    .execute();
  const [due] = await openPhase(ctx.trx, cycle, 'plan', ctx.now, ctx.settings);
  return { replies: [privately(await confirmation(ctx, cycle, participants, due))] };
}

async function confirmation(ctx: Ctx, cycle: CycleRow, participantIds: number[], due: Date | undefined) {
  const info = await ctx.trx
    .selectFrom('cycles')
    .innerJoin('sites', 'sites.id', 'cycles.site_id')
    .innerJoin('change_ideas', 'change_ideas.id', 'cycles.change_idea_id')
    .innerJoin('measures', 'measures.id', 'cycles.measure_id')
    .innerJoin('networks', 'networks.id', 'cycles.network_id')
    .select([
      'sites.name as site',
      'sites.time_zone as siteZone',
      'networks.time_zone as networkZone',
      'change_ideas.text as idea',
      'measures.name as measure',
    ])
    .where('cycles.id', '=', cycle.id)
    .executeTakeFirstOrThrow();
  const people = await ctx.trx
    .selectFrom('members')
    .innerJoin('people', 'people.id', 'members.person_id')
    .select(['members.id', 'people.display_name as name', 'people.time_zone as zone'])
    .where('members.id', 'in', participantIds)
    .execute();
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
        { label: 'Taking part', value: listAnd(people.map((p) => p.name)) },
      ],
    },
    {
      type: 'text',
      text: `${owner?.name ?? 'The owner'} will be asked to plan it and to predict the result ${when}.`,
    },
  ];
  return message(`Cycle #${cycle.number} started at ${info.site}`, ...blocks);
}

async function startFromText(ctx: HandlerContext, rest: string): Promise<HandlerResult> {
  const caller = requireMember(ctx.caller);
  const parsed = parseKeyValues(tokenizeWithQuotes(rest), KEYS);
  if (!parsed.ok) throw new UserError(`${parsed.error} ${USAGE}`);
  const v = parsed.values;
  const siteName = v.site ?? v.at ?? (parsed.positional.length ? parsed.positional.join(' ') : undefined);
  const today = todayIn(ctx.now, caller.network.time_zone);
  let siteId: number;
  if (siteName) siteId = (await findSite(ctx.trx, caller.network.id, siteName)).id;
  else if (caller.member.site_id) siteId = caller.member.site_id;
  else throw new UserError(`At which site? ${USAGE}`);
  const owner = v.owner ? (await findMemberByName(ctx.trx, ctx.caller, v.owner)).member : caller.member;
  const participants = v.with || v.participants ? await membersNamed(ctx, (v.with ?? v.participants)!) : [];
  const measure = await findMeasure(ctx.trx, caller.network.id, v.measure);
  const changeIdeaId = await findIdea(ctx, caller, v['change idea'] ?? v.idea);
  const { startsOn, endsOn } = readDates(v, today);
  return createCycle(ctx, caller, {
    siteId,
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
  const participants = await ctx.trx
    .selectFrom('cycle_participants')
    .select('member_id')
    .where('cycle_id', '=', previous.id)
    .execute();
  const owner = parsed.values.owner
    ? (await findMemberByName(ctx.trx, ctx.caller, parsed.values.owner)).member.id
    : (previous.owner_member_id ?? caller.member.id);
  return createCycle(ctx, caller, {
    siteId: previous.site_id,
    changeIdeaId: previous.change_idea_id,
    measureId: previous.measure_id,
    ownerMemberId: owner,
    participantIds: participants.map((p) => p.member_id),
    startsOn,
    endsOn,
    question: parsed.values.question ?? '',
    parentCycleId: previous.id,
  });
}

/** The form that starts a cycle on platforms with forms. */
async function startForm(ctx: HandlerContext, caller: ActiveCaller, from?: CycleRow): Promise<Form> {
  const n = caller.network.id;
  const [sites, ideas, measures] = await Promise.all([
    ctx.trx.selectFrom('sites').select(['id', 'name']).where('network_id', '=', n).orderBy('name').execute(),
    ctx.trx
      .selectFrom('change_ideas')
      .select(['id', 'text'])
      .where('network_id', '=', n)
      .orderBy('id')
      .execute(),
    ctx.trx
      .selectFrom('measures')
      .select(['id', 'name'])
      .where('network_id', '=', n)
      .orderBy('name')
      .execute(),
  ]);
  const today = todayIn(ctx.now, caller.network.time_zone);
  const length = from ? daysBetween(from.starts_on, from.ends_on) + 1 : DEFAULT_DAYS;
  return {
    formId: from ? `cycle.start:${from.id}` : 'cycle.start',
    title: from ? `Next cycle after #${from.number}` : 'Start a PDSA cycle',
    submitLabel: 'Start',
    inputs: [
      {
        kind: 'choice',
        id: 'site',
        label: 'Site',
        required: true,
        choices: sites.map((s) => ({ value: String(s.id), label: s.name })),
        ...(from
          ? { initial: String(from.site_id) }
          : caller.member.site_id
            ? { initial: String(caller.member.site_id) }
            : {}),
      },
      {
        kind: 'choice',
        id: 'idea',
        label: 'Change idea',
        required: true,
        choices: ideas.map((i) => ({ value: String(i.id), label: i.text.slice(0, 75) })),
        ...(from ? { initial: String(from.change_idea_id) } : {}),
      },
      {
        kind: 'choice',
        id: 'measure',
        label: 'Measure',
        required: true,
        choices: measures.map((m) => ({ value: String(m.id), label: m.name })),
        ...(from ? { initial: String(from.measure_id) } : {}),
      },
      {
        kind: 'text',
        id: 'owner',
        label: 'Owner (who plans and studies it)',
        required: false,
        hint: 'a name or @mention; empty = you',
      },
      {
        kind: 'text',
        id: 'with',
        label: 'Also taking part',
        required: false,
        hint: 'names or @mentions, separated by commas',
      },
      { kind: 'date', id: 'from', label: 'Starts', required: true, initial: today },
      { kind: 'date', id: 'to', label: 'Ends', required: true, initial: addDays(today, length - 1) },
      {
        kind: 'text',
        id: 'question',
        label: 'What question will it answer? (optional)',
        required: false,
        multiline: true,
        maxLength: MAX_QUESTION_LENGTH,
      },
    ],
  };
}

export const startFormRoute: FormRoute = {
  prefix: 'cycle.start',
  async run(ctx) {
    const caller = requireMember(ctx.caller);
    const values = ctx.event.values;
    // A form's choices are ids: each must belong to the caller's network.
    const own = async (table: 'sites' | 'change_ideas' | 'measures', key: string, what: string) => {
      const read = readId(values[key]);
      if (read.kind === 'not an id') throw new UserError(`Choose a ${what}.`);
      const row =
        read.kind === 'id'
          ? await sql<{ id: number }>`
        select id from ${sql.table(table)} where id = ${read.id} and network_id = ${caller.network.id}`.execute(
              ctx.trx,
            )
          : undefined;
      // Digits no row can have are not in the network either.
      if (read.kind === 'none' || !row?.rows.length) {
        throw new UserError(
          `That ${what} is not in your network. Type \`/pdsa start\` to open the form again.`,
        );
      }
      return read.id;
    };
    // The next cycle of a ramp names the one before it: `cycle.start:<cycle>`.
    const parent = ctx.event.formId.split(':')[1];
    const today = todayIn(ctx.now, caller.network.time_zone);
    const { startsOn, endsOn } = readDates(
      { from: values.from ?? undefined, to: values.to ?? undefined },
      today,
    );
    const owner = values.owner?.trim()
      ? (await findMemberByName(ctx.trx, ctx.caller, values.owner.trim())).member
      : caller.member;
    const participants = values.with?.trim() ? await membersNamed(ctx, values.with) : [];
    return createCycle(ctx, caller, {
      siteId: await own('sites', 'site', 'site'),
      changeIdeaId: await own('change_ideas', 'idea', 'change idea'),
      measureId: await own('measures', 'measure', 'measure'),
      ownerMemberId: owner.id,
      participantIds: participants.map((p) => p.id),
      startsOn,
      endsOn,
      question: values.question?.trim() ?? '',
      parentCycleId: parent ? (await findCycleById(ctx.trx, caller.network.id, parent)).id : null,
    });
  },
};

/** "Start the next cycle" after adopt or adapt. */
export const rampAction: ActionRoute = {
  prefix: 'cycle.ramp',
  async run(ctx) {
    const caller = requireMember(ctx.caller);
    const previous = await findCycleById(ctx.trx, caller.network.id, ctx.event.value);
    await assertRampCanContinue(ctx.trx, previous);
    const length = daysBetween(previous.starts_on, previous.ends_on) + 1;
    return {
      openForm: await startForm(ctx, caller, previous),
      replies: [
        privately(
          message('Start the next cycle', {
            type: 'text',
            text: `To start it from today for ${length} days with the same site, idea, measure and people, type \`/pdsa start next ${previous.number}\`. Change what you like: \`/pdsa start next ${previous.number} from monday for 2 weeks\`.`,
          }),
        ),
      ],
    };
  },
};

export const openStartFormAction: ActionRoute = {
  prefix: 'form.open:cycle.start',
  async run(ctx) {
    const caller = requireMember(ctx.caller);
    return { openForm: await startForm(ctx, caller), replies: [] };
  },
};

export const startCommand: CommandSpec = {
  name: 'start',
  group: 'Cycles',
  summary: 'start a PDSA cycle at a site (or the next cycle of a ramp)',
  who: 'facilitators and admins; educators at their own site, as owner',
  usage: [
    'start <site> idea <number or text> measure <name> owner <@person> [with <@person> …] [from <date>] [to <date> | for <length>] [question <text>]',
    'start next <cycle number> [from <date>] [for <length>]',
    'start   (opens a form where the platform has forms)',
  ],
  examples: [
    '/pdsa start Lincoln idea 3 measure "On-time arrival" owner @ana from monday for 2 weeks',
    '/pdsa start Lincoln idea "Greet every student at the door" owner @ana with @ben, @cho to 2026-12-18',
    '/pdsa start next 12',
  ],
  details:
    "The owner plans the cycle and predicts the result, everyone taking part says how the test went at its midpoint, and the owner studies the result and decides at the end. Dates: 2026-12-01, today, tomorrow, monday, +7d; lengths: 10 days, 2 weeks (default 2 weeks). A change idea given as text is added to the network's ideas. With one measure in the network, `measure` can be left out.",
  async run(ctx, { tokens, rest }) {
    const caller = requireMember(ctx.caller);
    if (tokens.length === 0) {
      return {
        openForm: await startForm(ctx, caller),
        replies: [
          privately(
            message('Start a cycle', {
              type: 'text',
              text: `Fill in the form, or type the whole command. ${USAGE}`,
            }),
          ),
        ],
      };
    }
    if (tokens[0]!.toLowerCase() === 'next') return startNext(ctx, rest.replace(/^\s*next\b/i, ''));
    return startFromText(ctx, rest);
  },
};
