import { message } from '../../core/message-model.ts';
import { naturalCompare, naturallySorted } from '../../core/natural-order.ts';
import type { Token } from '../../core/parsing/command-line.ts';
import { todayIn } from '../../core/schedule/local-time.ts';
import type { SiteRow } from '../../db/schema.ts';
import { checkinCountOf } from '../../store/checkins.ts';
import { deleteMember, insertMember, memberOfPerson, updateMember } from '../../store/members.ts';
import { sitesOf } from '../../store/sites.ts';
import { memberList } from '../../store/views/people-views.ts';
import type { ActionRoute } from '../interaction-routes.ts';
import { privately } from '../outbound.ts';
import { requireMember, requireRole } from '../permissions.ts';
import { findOrCreatePerson } from '../person-ref.ts';
import { UserError } from '../user-error.ts';
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
import { formatDay } from './setup-format.ts';
import { approveCommand, approveMemberAction, approveRequest, joinCommand } from './setup-join.ts';
import {
  assertNotLastAdmin,
  findTarget,
  placeOf,
  sendWelcome,
  siteName,
  tellMember,
} from './setup-membership.ts';
import { pauseCommand, resumeCommand } from './setup-pause.ts';
import { article, readRole } from './setup-roles.ts';
import { siteAtStart } from './setup-site-words.ts';

const ADD_USAGE = 'Type e.g. `/pdsa member add @ana to Lincoln` or `/pdsa member add @fran as facilitator`.';
const ROLE_USAGE = 'Type e.g. `/pdsa member role @ana facilitator`.';
const MOVE_USAGE = 'Type e.g. `/pdsa member move @ana to Washington`.';
const REMOVE_USAGE = 'Type e.g. `/pdsa member remove @ana`, or `/pdsa member remove me` to leave.';

async function siteNames(ctx: Ctx, networkId: number): Promise<string> {
  const sites = naturallySorted(await sitesOf(ctx.trx, networkId), (s) => s.name);
  return sites.length
    ? `The sites are: ${sites.map((s) => s.name).join(', ')}.`
    : 'The network has no sites yet: add one with `/pdsa site add <name>`.';
}

async function add(ctx: Ctx, words: Token[]) {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', 'add members');
  const { values, positional } = readKeywords(words, ['to', 'at', 'as'], ADD_USAGE);
  if (positional === '') throw new UserError(`Whom should I add? ${ADD_USAGE}`);
  const role =
    values.as === undefined ? 'educator' : readRole(values.as, (r) => `/pdsa member add @ana as ${r}`);
  if (role === 'admin') await requireRole(ctx.trx, ctx.caller, 'admin', 'make admins');
  const siteText = values.to ?? values.at;
  const site = siteText === undefined ? null : await findSite(ctx.trx, caller.network.id, siteText);
  if (!site && role === 'educator') {
    throw new UserError(
      `Which site is ${positional} at? Educators belong to a site: type e.g. \`/pdsa member add ${positional} to Lincoln\` (facilitators and admins need none). ${await siteNames(ctx, caller.network.id)}`,
    );
  }
  const person = await findOrCreatePerson(ctx.trx, ctx.caller, positional);
  const name = person.display_name;
  const existing = await memberOfPerson(ctx.trx, person.id);
  if (existing && existing.network_id !== caller.network.id) {
    // Which network is not said: one network's membership is not another's business.
    throw new UserError(
      `${name} already belongs to another improvement network, and a person can be in one network per workspace. They would have to leave it first.`,
    );
  }
  if (existing?.status === 'pending') {
    return approveRequest(ctx, caller, existing.id, { role, ...(site ? { site_id: site.id } : {}) });
  }
  if (existing) {
    const where = await siteName(ctx.trx, existing.site_id);
    throw new UserError(
      `${name} is already in ${caller.network.name}, as ${placeOf(existing.role, where)}. To change that: \`/pdsa member role ${quoted(name)} <role>\` or \`/pdsa member move ${quoted(name)} to <site>\`.`,
    );
  }
  const member = await insertMember(ctx.trx, {
    network_id: caller.network.id,
    person_id: person.id,
    site_id: site?.id ?? null,
    role,
  });
  const place = placeOf(role, site?.name ?? null);
  await sendWelcome(ctx, {
    member,
    network: caller.network,
    siteName: site?.name ?? null,
    lead: `${caller.person.display_name} added you to ${caller.network.name} as ${place}.`,
    dedupeKey: `welcome:${member.id}`,
  });
  return reply(
    `Added ${name} to ${caller.network.name} as ${place}. I've sent them a welcome message explaining what taking part involves.`,
  );
}

async function list(ctx: Ctx, site: SiteRow | null) {
  const caller = requireMember(ctx.caller);
  // By site, then by name, as people sort them; people of no site come last.
  const rows = (await memberList(ctx.trx, caller.network.id, site?.id)).sort(
    (a, b) =>
      (a.site === null ? 1 : 0) - (b.site === null ? 1 : 0) ||
      naturalCompare(a.site ?? '', b.site ?? '') ||
      naturalCompare(a.name, b.name),
  );
  const where = site ? site.name : caller.network.name;
  if (rows.length === 0) {
    throw new UserError(
      `Nobody is at ${where} yet. A facilitator adds people with \`/pdsa member add @person to ${site ? quoted(site.name) : '<site>'}\`.`,
    );
  }
  const today = todayIn(ctx.now, caller.network.time_zone);
  const lines = rows.map((r) => {
    const notes = [
      r.status === 'pending' ? '_asking to join_' : null,
      r.paused_until && r.paused_until >= today ? `paused until ${formatDay(r.paused_until)}` : null,
      r.unreachable_at ? "_can't be reached_" : null,
    ].filter((n) => n !== null);
    return `• **${r.name}**: ${r.role}${site ? '' : ` · ${r.site ?? 'no site'}`}${notes.length ? ` · ${notes.join(' · ')}` : ''}`;
  });
  return {
    replies: [
      privately(
        message(
          `Members of ${where}: ${rows.map((r) => r.name).join(', ')}`,
          { type: 'heading', text: `Members of ${where}` },
          { type: 'text', text: lines.join('\n') },
          {
            type: 'context',
            text: `${rows.length} ${rows.length === 1 ? 'person' : 'people'}. Someone who can't be reached has left the workspace or removed the app; they are reachable again once they write to the bot.`,
          },
        ),
      ),
    ],
  };
}

async function changeRole(ctx: Ctx, words: Token[]) {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', "change members' roles");
  const last = words.at(-1);
  if (!last || words.length < 2) throw new UserError(`Whose role, and to what? ${ROLE_USAGE}`);
  const personWords = words.slice(0, -1);
  while (isWord(personWords.at(-1), 'to', 'as')) personWords.pop();
  const target = await findTarget(ctx, joined(personWords), ROLE_USAGE);
  const name = target.person.display_name;
  const role = readRole(last.text, (r) => `/pdsa member role ${quoted(name)} ${r}`);
  if (target.member.status === 'pending') {
    throw new UserError(
      `${name} has asked to join but is not approved yet: \`/pdsa approve ${quoted(name)}\` first.`,
    );
  }
  if (target.member.role === role) throw new UserError(`${name} is already ${article(role)}.`);
  if (role === 'admin') await requireRole(ctx.trx, ctx.caller, 'admin', 'make admins');
  if (target.member.role === 'admin')
    await requireRole(ctx.trx, ctx.caller, 'admin', "change an admin's role");
  await assertNotLastAdmin(
    ctx.trx,
    target,
    caller.network,
    `make ${target.self ? 'you' : name} ${article(role)}`,
  );
  await updateMember(ctx.trx, target.member.id, { role });
  const hint =
    role === 'educator' && target.member.site_id === null
      ? ` ${target.self ? 'You have' : `${name} has`} no site yet; educators answer check-ins for their site: \`/pdsa member move ${target.self ? 'me' : quoted(name)} to <site>\`.`
      : '';
  await tellMember(
    ctx,
    target,
    caller.network.id,
    `${caller.person.display_name} made you ${article(role)} of ${caller.network.name}.${role !== 'educator' ? ' You can now set up the network and start cycles: `/pdsa help`.' : ''}`,
    'role',
  );
  return reply(
    `${target.self ? 'You are' : `${name} is`} now ${article(role)} of ${caller.network.name}.${hint}`,
  );
}

async function move(ctx: Ctx, words: Token[]) {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', 'move members to another site');
  const { values, positional } = readKeywords(words, ['to', 'at'], MOVE_USAGE);
  const siteText = values.to ?? values.at;
  if (siteText === undefined) throw new UserError(`To which site? ${MOVE_USAGE}`);
  const target = await findTarget(ctx, positional, MOVE_USAGE);
  const name = target.person.display_name;
  const none = ['none', 'no site', 'nowhere'].includes(siteText.toLowerCase());
  if (none && target.member.role === 'educator') {
    throw new UserError(
      `Educators belong to a site, so ${name} needs one. ${await siteNames(ctx, caller.network.id)}`,
    );
  }
  const site = none ? null : await findSite(ctx.trx, caller.network.id, siteText);
  if ((site?.id ?? null) === target.member.site_id) {
    throw new UserError(`${name} is already ${site ? `at ${site.name}` : 'at no site'}.`);
  }
  await updateMember(ctx.trx, target.member.id, { site_id: site?.id ?? null });
  const where = site ? `at ${site.name}` : 'at no particular site';
  await tellMember(
    ctx,
    target,
    caller.network.id,
    `${caller.person.display_name} moved you ${where} in ${caller.network.name}.`,
    'move',
  );
  return reply(
    `${target.self ? 'You are' : `${name} is`} now ${where}. Cycles already under way keep their site and participants.`,
  );
}

async function remove(ctx: Ctx, words: Token[]) {
  const { caller } = ctx;
  if (!caller.member || !caller.network) requireMember(caller);
  const network = caller.network!;
  const target = await findTarget(ctx, joined(words), REMOVE_USAGE);
  // Leaving, or withdrawing one's own request, needs no role.
  if (!target.self) await requireRole(ctx.trx, caller, 'facilitator', 'remove members');
  const name = target.person.display_name;
  await assertNotLastAdmin(ctx.trx, target, network, target.self ? 'let you leave' : `remove ${name}`);
  if ((await checkinCountOf(ctx.trx, target.member.id)) > 0) {
    const who = target.self ? 'You have' : `${name} has`;
    throw new UserError(
      `${who} check-ins in ${network.name}'s cycles, and they are part of what the network learned, so the membership stays. To stop all check-ins, type \`/pdsa pause ${target.self ? '' : `${quoted(name)} `}until <date>\`. To remove ${target.self ? 'your' : 'their'} name and chat identity while keeping the answers under a neutral name, an admin can type \`/pdsa forget ${quoted(name)}\`.`,
    );
  }
  // Cycle participation goes with the membership; cycles and ideas keep no
  // link to it (their foreign keys set it to null).
  await deleteMember(ctx.trx, target.member.id);
  if (target.member.status === 'pending') {
    await tellMember(
      ctx,
      target,
      network.id,
      `Your request to join ${network.name} was declined by ${caller.person.display_name}. If that is a mistake, ask them.`,
      'declined',
    );
    return reply(
      target.self
        ? `Your request to join ${network.name} is withdrawn.`
        : `Declined ${name}'s request to join ${network.name}; I've let them know.`,
    );
  }
  await tellMember(
    ctx,
    target,
    network.id,
    `${caller.person.display_name} removed you from ${network.name}. You'll get no more check-ins from it.`,
    'removed',
  );
  return reply(
    target.self
      ? `You have left ${network.name}. To join a network again: \`/pdsa join <site>\`.`
      : `Removed ${name} from ${network.name}.`,
  );
}

function reply(text: string) {
  return { replies: [privately(message(text, { type: 'text', text }))] };
}

const SUBCOMMANDS: Subcommand[] = [
  { names: ['add', 'invite'], run: add },
  { names: ['list'], run: async (ctx, words) => listAt(ctx, words) },
  { names: ['role'], run: changeRole },
  { names: ['move'], run: move },
  { names: ['remove', 'delete', 'leave'], run: remove },
];

async function listAt(ctx: Ctx, words: Token[]) {
  const caller = requireMember(ctx.caller);
  if (words.length === 0) return list(ctx, null);
  const { site, rest } = await siteAtStart(ctx.trx, caller.network.id, words, '');
  if (rest.length)
    throw new UserError(`To list the members of a site, type \`/pdsa members ${quoted(site.name)}\`.`);
  return list(ctx, site);
}

export const memberCommand: CommandSpec = {
  name: 'member',
  aliases: ['members'],
  group: 'Network setup',
  summary: 'list the members of the network or a site; add people, change their role or site, remove them',
  who: 'any member can list; facilitators and admins add, change and remove (only admins make admins); anyone can `member remove me` to leave',
  usage: [
    'members [site]',
    'member add <@person> to <site> [as educator|facilitator|admin]',
    'member role <@person> <educator|facilitator|admin>',
    'member move <@person> to <site>',
    'member remove <@person>',
    'member remove me',
  ],
  examples: [
    '/pdsa members Lincoln',
    '/pdsa member add @ana to Lincoln',
    '/pdsa member add @fran as facilitator',
    '/pdsa member role @ana facilitator',
  ],
  details: [
    'Educators answer check-ins and belong to a site; facilitators set up the network and start cycles (a site is optional); admins can also make admins.',
    'A new member gets a welcome message explaining what taking part involves. A person can be in one network per workspace.',
    'Someone who has answered check-ins stays a member, so that what the network learned is kept: pause them, or an admin can `forget` them.',
  ].join('\n'),
  async run(ctx, { rest }) {
    return runSubcommand(ctx, rest, SUBCOMMANDS, async (c, words) => {
      try {
        // `members Lincoln` lists a site's members.
        return await listAt(c, words);
      } catch (error) {
        // `member ad @ana`: a near miss of a subcommand is more likely a typo than a site.
        const first = words[0];
        if (error instanceof UserError && first && isNearSubcommand(first.text, SUBCOMMANDS)) {
          throw unknownSubcommand('member', first.text, SUBCOMMANDS);
        }
        throw error;
      }
    });
  },
};

export { approveMemberAction };

/** Every member command, for the registry. */
export const memberCommands: CommandSpec[] = [
  memberCommand,
  joinCommand,
  approveCommand,
  pauseCommand,
  resumeCommand,
];

/** The buttons of the member commands, for the registry. */
export const memberActions: ActionRoute[] = [approveMemberAction];
