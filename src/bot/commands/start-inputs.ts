import { naturalCompare, naturallySorted } from '../../core/natural-order.ts';
import { tokenizeWithQuotes } from '../../core/parsing/command-line.ts';
import { parseDateText } from '../../core/parsing/dates.ts';
import { readId, shownId } from '../../core/parsing/ids.ts';
import { quoteInput } from '../../core/quoted-input.ts';
import { addDays, daysBetween } from '../../core/schedule/local-time.ts';
import type { MemberRow } from '../../db/schema.ts';
import { ideasOf as ideasOfNetwork, insertIdea } from '../../store/change-ideas.ts';
import { measuresOf } from '../../store/measures.ts';
import { educatorNamesAt } from '../../store/members.ts';
import { sitesOf } from '../../store/sites.ts';
import type { HandlerContext } from '../context.ts';
import type { FormContext } from '../interaction-routes.ts';
import type { ActiveCaller } from '../permissions.ts';
import { findMemberByName } from '../person-ref.ts';
import { limitLength, UserError } from '../user-error.ts';
import { MAX_IDEA_LENGTH } from './ideas.ts';

// What the ways of starting a cycle (a typed command, a form) read the same
// way: the change idea, the people, the dates, and who owns it by default.

export const DEFAULT_DAYS = 14;
/** The longest question a cycle answers, typed or in the start form. */
export const MAX_QUESTION_LENGTH = 1000;

/** The network's change ideas, by number. */
export function ideasOf(ctx: FormContext, networkId: number) {
  return ideasOfNetwork(ctx.trx, networkId);
}

/**
 * The change idea named by its number, or by its text (added to the
 * network's ideas when new); with none named, the network's only idea.
 */
export async function findIdea(
  ctx: HandlerContext,
  caller: ActiveCaller,
  text: string | undefined,
): Promise<number> {
  const ideas = await ideasOf(ctx, caller.network.id);
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
  const created = await insertIdea(ctx.trx, {
    network_id: caller.network.id,
    text: limitLength(text, MAX_IDEA_LENGTH, 'change idea'),
    created_by: caller.member.id,
  });
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
    throw new UserError(
      `I can't read ${quoteInput(text)} as a length. Type e.g. \`for 10 days\` or \`for 2 weeks\`.`,
    );
  const n = Number(m[1]) * (m[2]!.toLowerCase().startsWith('w') ? 7 : 1);
  if (n < 1 || n > 365)
    throw new UserError('A cycle lasts from 1 day to a year. PDSA cycles are usually one to four weeks.');
  return n;
}

export type DateWords = { from?: string | undefined; to?: string | undefined; for?: string | undefined };

/** Reads the dates of a cycle: from (default today), to or for (default two weeks). */
export function readDates(values: DateWords, today: string, fallback?: { days: number }) {
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

/** The members a list of names or mentions names ("@ana, @ben and Cho"). */
export async function membersNamed(ctx: HandlerContext, text: string): Promise<MemberRow[]> {
  const tokens = tokenizeWithQuotes(text)
    .map((t) => t.text)
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter((t) => t !== '' && t.toLowerCase() !== 'and');
  const members: MemberRow[] = [];
  for (const token of tokens) members.push((await findMemberByName(ctx.trx, ctx.caller, token)).member);
  return members;
}

/**
 * Who owns a cycle nobody was named for: the caller, when they are an
 * educator at its site (starting their own test); otherwise nobody, and
 * the bot asks.
 */
export function ownerByDefault(caller: ActiveCaller, siteId: number): MemberRow | undefined {
  return caller.member.role === 'educator' && caller.member.site_id === siteId ? caller.member : undefined;
}

/** The educators of a site, in the order people read names, for examples. */
export async function educatorsAt(ctx: HandlerContext, siteId: number): Promise<string[]> {
  return (await educatorNamesAt(ctx.trx, siteId)).sort(naturalCompare);
}

/** What a cycle can be started with: the network's sites and measures (in name order) and ideas (by number). */
export async function startChoices(ctx: FormContext, networkId: number) {
  const sites = await sitesOf(ctx.trx, networkId);
  const measures = await measuresOf(ctx.trx, networkId);
  return {
    sites: naturallySorted(sites, (s) => s.name),
    ideas: await ideasOf(ctx, networkId),
    measures: naturallySorted(measures, (m) => m.name),
  };
}

export type StartChoices = Awaited<ReturnType<typeof startChoices>>;

/** Refuses to ask for a cycle the network cannot have yet, saying what to add first. */
export function assertCanStart(choices: StartChoices): void {
  if (choices.sites.length === 0) {
    throw new UserError(
      'A cycle runs at a site, and the network has none yet. A facilitator adds one first: `/pdsa site add <name>`, e.g. `/pdsa site add Lincoln`.',
    );
  }
  if (choices.measures.length === 0) {
    throw new UserError(
      'A cycle is judged by a measure, and the network has none yet. A facilitator adds one first, e.g. `/pdsa measure add "On-time arrival" kind proportion better higher`.',
    );
  }
}
