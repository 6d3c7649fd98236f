import { message } from '../../core/message-model.ts';
import { naturallySorted } from '../../core/natural-order.ts';
import type { Token } from '../../core/parsing/command-line.ts';
import { insertSite, siteNamed, sitesWithMemberCounts, updateSite } from '../../store/sites.ts';
import type { Trx } from '../context.ts';
import { privately } from '../outbound.ts';
import { requireMember, requireRole } from '../permissions.ts';
import { limitLength, UserError } from '../user-error.ts';
import type { CommandSpec } from './command.ts';
import { findSite } from './lookups.ts';
import {
  type Ctx,
  isNearSubcommand,
  isWord,
  joined,
  quoted,
  readKeywords,
  runSubcommand,
  type Subcommand,
  unknownSubcommand,
} from './setup-args.ts';
import { addBreak, listBreaks, removeBreak } from './setup-site-breaks.ts';
import { siteAtStart } from './setup-site-words.ts';
import { readTimeZone } from './setup-time-zone.ts';
import { currentValuesBySite, SET_USAGE, setSiteConditions, showSite } from './site-conditions.ts';

const ADD_USAGE = 'Type e.g. `/pdsa site add "Lincoln Elementary" tz America/Chicago`.';
const RENAME_USAGE = 'Type e.g. `/pdsa site rename Lincoln to "Lincoln Elementary"`.';
const TZ_USAGE = 'Type e.g. `/pdsa site tz Lincoln America/Denver`.';

async function assertNameFree(trx: Trx, networkId: number, name: string, exceptId?: number) {
  const same = await siteNamed(trx, networkId, name);
  if (same && same.id !== exceptId) {
    throw new UserError(
      `There is already a site called "${same.name}". Choose another name, or type \`/pdsa sites\` to see them.`,
    );
  }
}

async function add(ctx: Ctx, words: Token[]) {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', 'add sites');
  const { values, positional } = readKeywords(words, ['tz', 'time zone', 'timezone'], ADD_USAGE);
  const name = limitLength(positional, 120, 'site name');
  if (name === '') throw new UserError(`What is the site called? ${ADD_USAGE}`);
  const tzText = values.tz ?? values['time zone'] ?? values.timezone;
  const zone =
    tzText === undefined ? null : readTimeZone(tzText, (z) => `/pdsa site add ${quoted(name)} tz ${z}`);
  await assertNameFree(ctx.trx, caller.network.id, name);
  await insertSite(ctx.trx, { network_id: caller.network.id, name, time_zone: zone });
  return reply(
    `Added the site **${name}** to ${caller.network.name}${zone ? `, in ${zone}` : ` (it keeps the network's time, ${caller.network.time_zone})`}. Add its people with \`/pdsa member add @person to ${quoted(name)}\`.`,
  );
}

async function list(ctx: Ctx) {
  const caller = requireMember(ctx.caller);
  const sites = await sitesWithMemberCounts(ctx.trx, caller.network.id).then((rows) =>
    naturallySorted(rows, (s) => s.name),
  );
  if (sites.length === 0) {
    throw new UserError(
      `${caller.network.name} has no sites yet. A facilitator adds them with \`/pdsa site add <name>\`, e.g. \`/pdsa site add Lincoln\`.`,
    );
  }
  const conditions = await currentValuesBySite(ctx.trx, caller.network.id);
  const lines = sites.map((s) => {
    const n = Number(s.n);
    const described = conditions.get(s.id);
    return `• **${s.name}**: ${n} ${n === 1 ? 'member' : 'members'} · ${s.time_zone ?? `${caller.network.time_zone} (the network's)`}${described ? ` · ${described}` : ''}`;
  });
  return {
    replies: [
      privately(
        message(
          `Sites of ${caller.network.name}: ${sites.map((s) => s.name).join(', ')}`,
          { type: 'heading', text: `Sites of ${caller.network.name}` },
          { type: 'text', text: lines.join('\n') },
          {
            type: 'context',
            text: 'One site, with the history of its conditions: `/pdsa site <site>`. People at a site: `/pdsa members <site>`. Breaks: `/pdsa site breaks <site>`.',
          },
        ),
      ),
    ],
  };
}

async function rename(ctx: Ctx, words: Token[]) {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', 'rename sites');
  const { values, positional } = readKeywords(words, ['to', 'as'], RENAME_USAGE);
  let oldName = positional;
  let newName = values.to ?? values.as;
  // "site rename Lincoln Jefferson" is clear enough without "to".
  if (newName === undefined && words.length === 2) [oldName, newName] = [words[0]!.text, words[1]!.text];
  if (!oldName || !newName) throw new UserError(`Name the site and its new name. ${RENAME_USAGE}`);
  limitLength(newName, 120, 'site name');
  const site = await findSite(ctx.trx, caller.network.id, oldName);
  await assertNameFree(ctx.trx, caller.network.id, newName, site.id);
  await updateSite(ctx.trx, site.id, { name: newName });
  return reply(
    `The site ${site.name} is now called **${newName}**. Its members, cycles and breaks are unchanged.`,
  );
}

async function setTimeZone(ctx: Ctx, words: Token[]) {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', "change a site's time zone");
  const { site, rest } = await siteAtStart(ctx.trx, caller.network.id, words, TZ_USAGE);
  if (rest.length === 0) {
    throw new UserError(
      `${site.name} keeps ${site.time_zone ? `its own time, ${site.time_zone}` : `the network's time, ${caller.network.time_zone}`}. To change it, add the zone: \`/pdsa site tz ${quoted(site.name)} America/Denver\` (or \`network\` to follow the network's).`,
    );
  }
  if (rest.length === 1 && isWord(rest[0], 'network', 'none', 'default')) {
    await updateSite(ctx.trx, site.id, { time_zone: null });
    return reply(`${site.name} now follows the network's time zone, ${caller.network.time_zone}.`);
  }
  const zone = readTimeZone(joined(rest), (z) => `/pdsa site tz ${quoted(site.name)} ${z}`);
  await updateSite(ctx.trx, site.id, { time_zone: zone });
  return reply(
    `${site.name} now keeps time in ${zone}: its check-ins go out by that clock (people whose chat profile has a time zone get them in theirs).`,
  );
}

function reply(text: string) {
  return { replies: [privately(message(text, { type: 'text', text }))] };
}

const SUBCOMMANDS: Subcommand[] = [
  { names: ['add', 'new', 'create'], run: add },
  { names: ['list'], run: (ctx) => list(ctx) },
  { names: ['rename'], run: rename },
  { names: ['tz', 'timezone', 'zone'], run: setTimeZone },
  { names: ['break'], run: addBreak },
  { names: ['breaks'], run: listBreaks },
  { names: ['unbreak'], run: removeBreak },
  { names: ['set'], run: setSiteConditions },
];

/** `site Lincoln` shows the site and `site Lincoln set …` sets its conditions; a near miss of a subcommand says so. */
async function siteWords(ctx: Ctx, words: Token[]) {
  if (words.some((w) => isWord(w, 'set'))) return setSiteConditions(ctx, words);
  try {
    return await showSite(ctx, words);
  } catch (error) {
    if (error instanceof UserError && isNearSubcommand(words[0]!.text, SUBCOMMANDS))
      throw unknownSubcommand('site', words[0]!.text, SUBCOMMANDS);
    throw error;
  }
}

export const siteCommand: CommandSpec = {
  name: 'site',
  aliases: ['sites'],
  group: 'Network setup',
  summary: 'list, add and rename the sites of the network, set their time zones, breaks and conditions',
  who: 'any member can list sites, breaks and conditions; facilitators and admins add and change them',
  usage: [
    'sites',
    'site <site>',
    SET_USAGE,
    'site add <name> [tz <time zone>]',
    'site rename <old name> to <new name>',
    'site tz <site> <time zone>',
    'site break <site> <first day> to <last day> [label]',
    'site breaks [site]',
    'site unbreak <site> <break number>',
  ],
  examples: [
    '/pdsa site add Lincoln Elementary tz America/Chicago',
    '/pdsa site break Lincoln dec 21 to jan 1 Winter break',
    '/pdsa site Lincoln set level middle locale urban',
    '/pdsa site Lincoln set level high from 2026-08-15',
  ],
  details: [
    'A site is a school, district or agency in the network. Site names are matched without regard to case, and quotes are needed only when a name contains `to` or `tz`.',
    'During a break no check-ins are sent to the site; prompts due then wait until it ends. Dates may be written 2026-12-21, dec 21, friday or +7d; both days are included.',
    "Conditions (`/pdsa conditions`): a site's first value of a condition counts for all its cycles; a change counts from today, or from the day given with `from`, and the cycles that began before keep the value they ran under. `none` clears a value; `site <site> set` alone opens a form.",
  ].join('\n'),
  async run(ctx, { rest }) {
    return runSubcommand(ctx, rest, SUBCOMMANDS, async (c, words) => {
      if (words.length === 0) return list(c);
      return siteWords(c, words);
    });
  },
};

export const siteCommands: CommandSpec[] = [siteCommand];
