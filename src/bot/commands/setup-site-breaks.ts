import { message } from '../../core/message-model.ts';
import { naturalCompare } from '../../core/natural-order.ts';
import type { Token } from '../../core/parsing/command-line.ts';
import { MAX_RANGE_TEXT, parseDateRange } from '../../core/parsing/dates.ts';
import { readId, shownId } from '../../core/parsing/ids.ts';
import { quoteInput } from '../../core/quoted-input.ts';
import { daysBetween, todayIn } from '../../core/schedule/local-time.ts';
import type { NetworkRow, SiteRow } from '../../db/schema.ts';
import { deleteBreak, insertBreak, networkBreaks } from '../../store/site-breaks.ts';
import { privately } from '../outbound.ts';
import { requireMember, requireRole } from '../permissions.ts';
import { limitLength, UserError } from '../user-error.ts';
import { type Ctx, isWord, joined, quoted, wordsWithin } from './setup-args.ts';
import { formatDay } from './setup-format.ts';
import { siteAtStart } from './setup-site-words.ts';

// `site break`, `site breaks`, `site unbreak`: the days a site's school is
// closed, when no check-ins go out there.
//
// The dates are read relative to today at the site (its own time zone, else
// the network's). After the site's name, the longest run of words that reads
// as a range of dates is the range and what follows is the label, so
// `site break Lincoln dec 21 to jan 1 Winter break` needs no quotes.

const BREAK_USAGE = 'Type e.g. `/pdsa site break Lincoln dec 21 to jan 1 Winter break`.';
const LABEL_WORDS = ['label', 'for', 'called', 'named', '-', ':'];
const MAX_BREAK_DAYS = 120;

function siteToday(ctx: Ctx, site: SiteRow, network: NetworkRow): string {
  return todayIn(ctx.now, site.time_zone ?? network.time_zone);
}

/** The longest leading run of `words` that is a date range, and the rest as the label. */
function readRangeAndLabel(words: Token[], today: string, site: SiteRow) {
  const whole = parseDateRange(joined(words), today);
  if (whole.ok) return { startsOn: whole.startsOn, endsOn: whole.endsOn, label: '' };
  // A range is at most MAX_RANGE_TEXT characters: longer runs are not tried.
  for (let n = Math.min(words.length - 1, wordsWithin(words, 2 * MAX_RANGE_TEXT)); n >= 1; n--) {
    const range = parseDateRange(joined(words.slice(0, n)), today);
    if (range.ok) {
      const rest = words.slice(n);
      while (isWord(rest[0], ...LABEL_WORDS)) rest.shift();
      return { startsOn: range.startsOn, endsOn: range.endsOn, label: joined(rest) };
    }
  }
  // The whole text's error names what was typed; shorter tries say less.
  throw new UserError(
    `${whole.error} For example: \`/pdsa site break ${quoted(site.name)} 2026-12-21 to 2027-01-01 Winter break\`.`,
  );
}

export async function addBreak(ctx: Ctx, words: Token[]) {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', 'set site breaks');
  const { site, rest } = await siteAtStart(ctx.trx, caller.network.id, words, BREAK_USAGE);
  if (rest.length === 0) {
    throw new UserError(
      `Which days is ${site.name} closed? Type e.g. \`/pdsa site break ${quoted(site.name)} dec 21 to jan 1 Winter break\`.`,
    );
  }
  const today = siteToday(ctx, site, caller.network);
  const { startsOn, endsOn, label } = readRangeAndLabel(rest, today, site);
  limitLength(label, 200, 'label');
  if (endsOn < today) {
    throw new UserError(
      `That break (${formatDay(startsOn)} to ${formatDay(endsOn)}) is already over. Check the year, e.g. \`/pdsa site break ${quoted(site.name)} dec 21 to jan 1\`.`,
    );
  }
  const days = daysBetween(startsOn, endsOn) + 1;
  if (days > MAX_BREAK_DAYS) {
    throw new UserError(
      `${formatDay(startsOn)} to ${formatDay(endsOn)} is ${days} days; a break can last up to ${MAX_BREAK_DAYS}. Check the dates, or pause people instead with \`/pdsa pause @person until <date>\`.`,
    );
  }
  const added = {
    id: await insertBreak(ctx.trx, {
      site_id: site.id,
      starts_on: startsOn,
      ends_on: endsOn,
      label: label || null,
    }),
  };
  const text = `${site.name} is on a break${label ? ` (${label})` : ''} from ${formatDay(startsOn)} to ${formatDay(endsOn)}, both days included: no check-ins go out there; those due wait until it ends. To undo: \`/pdsa site unbreak ${quoted(site.name)} ${added.id}\`.`;
  return { replies: [privately(message(text, { type: 'text', text }))] };
}

export async function listBreaks(ctx: Ctx, words: Token[]) {
  const caller = requireMember(ctx.caller);
  const site = words.length === 0 ? null : (await siteAtStart(ctx.trx, caller.network.id, words, '')).site;
  const found = await networkBreaks(ctx.trx, caller.network.id, site ? { siteId: site.id } : {});
  const breaks = found.sort((a, b) =>
    a.starts_on < b.starts_on ? -1 : a.starts_on > b.starts_on ? 1 : naturalCompare(a.site, b.site),
  );
  const where = site ? site.name : caller.network.name;
  if (breaks.length === 0) {
    const example = site ? quoted(site.name) : 'Lincoln';
    const text = `${where} has no breaks set. A facilitator adds one with \`/pdsa site break ${example} dec 21 to jan 1 Winter break\`.`;
    return { replies: [privately(message(text, { type: 'text', text }))] };
  }
  const lines = breaks.map((b) => {
    const over = b.ends_on < todayIn(ctx.now, b.time_zone ?? caller.network.time_zone);
    return `• **${b.id}**${site ? '' : ` ${b.site}`}: ${formatDay(b.starts_on)} to ${formatDay(b.ends_on)}${b.label ? `, ${b.label}` : ''}${over ? ' _(over)_' : ''}`;
  });
  return {
    replies: [
      privately(
        message(
          `Breaks at ${where}`,
          { type: 'heading', text: `Breaks at ${where}` },
          { type: 'text', text: lines.join('\n') },
          {
            type: 'context',
            text: `To remove one: \`/pdsa site unbreak ${site ? quoted(site.name) : '<site>'} <number>\`.`,
          },
        ),
      ),
    ],
  };
}

export async function removeBreak(ctx: Ctx, words: Token[]) {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', 'remove site breaks');
  const usage =
    'Type `/pdsa site unbreak <site> <break number>`; `/pdsa site breaks` lists them with their numbers.';
  const last = words.at(-1);
  const read = readId(last?.text);
  if (!last || read.kind === 'not an id') {
    throw new UserError(
      last ? `${quoteInput(last.text)} is not a break number. ${usage}` : `Which break? ${usage}`,
    );
  }
  // The site is optional: the number alone names the break.
  const site =
    words.length > 1 ? (await siteAtStart(ctx.trx, caller.network.id, words.slice(0, -1), usage)).site : null;
  // Digits no break can have name no break: answered like any unknown number.
  const found =
    read.kind === 'id'
      ? (await networkBreaks(ctx.trx, caller.network.id, { breakId: read.id }))[0]
      : undefined;
  if (!found || (site && found.siteId !== site.id)) {
    throw new UserError(
      `${site ? `${site.name} has` : 'There is'} no break number ${shownId(read)}. Type \`/pdsa site breaks${site ? ` ${quoted(site.name)}` : ''}\` to see the breaks and their numbers.`,
    );
  }
  await deleteBreak(ctx.trx, found.id);
  const text = `Removed the break at ${found.site} from ${formatDay(found.starts_on)} to ${formatDay(found.ends_on)}${found.label ? ` (${found.label})` : ''}. Check-ins go out on those days again.`;
  return { replies: [privately(message(text, { type: 'text', text }))] };
}
