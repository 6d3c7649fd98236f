import type { Address } from '../../core/address.ts';
import { message } from '../../core/message-model.ts';
import type { Token } from '../../core/parsing/command-line.ts';
import { parseHour, parseWeekday } from '../../core/parsing/durations.ts';
import type { NetworkRow } from '../../db/schema.ts';
import { insertMember } from '../../store/members.ts';
import { insertNetwork, networkNameTaken, updateNetwork } from '../../store/networks.ts';
import { networkCounts } from '../../store/views/network-counts.ts';
import { privately, publicly } from '../outbound.ts';
import { requireMember, requireRole } from '../permissions.ts';
import { limitLength, UserError } from '../user-error.ts';
import type { CommandSpec } from './command.ts';
import { networkConditions } from './conditions.ts';
import {
  type Ctx,
  joined,
  quoted,
  readKeywords,
  runSubcommand,
  type Subcommand,
  unknownSubcommand,
} from './setup-args.ts';
import { formatHour, weekdayName } from './setup-format.ts';
import { readTimeZone } from './setup-time-zone.ts';

const CREATE_USAGE =
  'Type e.g. `/pdsa network create "Literacy NIC" aim "90% of 3rd graders read on grade level by June 2027" tz America/Chicago`.';
const AIM_HINT =
  'A good aim says what will improve, by how much, by when and for whom, e.g. `/pdsa network aim 90% of 3rd graders read on grade level by June 2027`.';
const TZ_KEYS = ['tz', 'time zone', 'timezone'] as const;

const countsOf = networkCounts;

/** What a digest address is called, as far as the core can tell without looking inside. */
function describeAddress(address: Address | null): string | null {
  if (!address) return null;
  const record = address as Record<string, unknown>;
  const label = ['name', 'channelName', 'title'].map((k) => record[k]).find((v) => typeof v === 'string');
  return label ? `${label} (${address.platform})` : `a ${address.platform} conversation`;
}

function digestLine(n: NetworkRow): string {
  const when = `${weekdayName(n.digest_weekday)}s at ${formatHour(n.digest_hour)} (${n.time_zone})`;
  const where = describeAddress(n.digest_address);
  return where
    ? `${when}, in ${where}`
    : `${when}; no channel yet: type \`/pdsa network channel here\` in the channel that should receive it`;
}

async function create(ctx: Ctx, words: Token[]) {
  const { caller } = ctx;
  if (caller.member && caller.network) {
    const name = caller.network.name;
    throw new UserError(
      caller.member.status === 'pending'
        ? `You have asked to join **${name}**, and a person can be in one network per workspace. To withdraw that request, type \`/pdsa member remove me\`; then create your network.`
        : `You already belong to **${name}** (as ${caller.member.role}), and a person can be in one network per workspace. To leave ${name}, type \`/pdsa member remove me\`; then create your network.`,
    );
  }
  const { values, positional } = readKeywords(words, ['aim', ...TZ_KEYS], CREATE_USAGE);
  const name = limitLength(positional, 120, 'network name');
  if (name === '') throw new UserError(`What is the network called? ${CREATE_USAGE}`);
  const aim = limitLength(values.aim ?? '', 2000, 'aim');
  const tzText = values.tz ?? values['time zone'] ?? values.timezone;
  const timeZone =
    tzText === undefined
      ? ctx.settings.defaultTimeZone
      : readTimeZone(tzText, (z) => `/pdsa network create ${quoted(name)} tz ${z}`);
  if (await networkNameTaken(ctx.trx, name)) {
    throw new UserError(
      `There is already a network called "${name}". Choose another name, e.g. with your region or the year: \`/pdsa network create ${quoted(`${name} 2026`)}\`.`,
    );
  }
  const network = await insertNetwork(ctx.trx, { name, aim, time_zone: timeZone });
  await insertMember(ctx.trx, {
    network_id: network.id,
    person_id: caller.person.id,
    site_id: null,
    role: 'admin',
  });
  const next = [
    '• add sites: `/pdsa site add Lincoln`',
    '• add a measure: `/pdsa measure add "On-time arrival" kind proportion better higher`',
    '• add people: `/pdsa member add @ana to Lincoln`',
    '• choose the digest channel: type `/pdsa network channel here` in that channel',
  ];
  return {
    replies: [
      privately(
        message(
          `Network ${name} created`,
          { type: 'heading', text: `${name} is set up` },
          {
            type: 'text',
            text: `You are its admin. Time zone: ${timeZone}${tzText === undefined ? ` (the default; change it with \`/pdsa network tz America/Chicago\`)` : ''}.\n${aim ? `Aim: ${aim}` : `It has no aim yet. ${AIM_HINT}`}`,
          },
          { type: 'text', text: `**Next**\n${next.join('\n')}` },
        ),
      ),
    ],
  };
}

async function show(ctx: Ctx) {
  const caller = requireMember(ctx.caller);
  const n = caller.network;
  const c = await countsOf(ctx.trx, n.id);
  return {
    replies: [
      privately(
        message(
          `${n.name}: ${c.sites} sites, ${c.members} members, ${c.measures} measures, ${c.activeCycles} active cycles`,
          { type: 'heading', text: n.name },
          {
            type: 'fields',
            fields: [
              { label: 'Aim', value: n.aim || `_not set yet_. ${AIM_HINT}` },
              { label: 'Time zone', value: n.time_zone },
              { label: 'Weekly digest', value: digestLine(n) },
              { label: 'Sites', value: String(c.sites) },
              {
                label: 'Members',
                value: `${c.members}${c.pending ? ` (and ${c.pending} asking to join)` : ''}`,
              },
              { label: 'Measures', value: String(c.measures) },
              { label: 'Change ideas', value: String(c.ideas) },
              { label: 'Active cycles', value: String(c.activeCycles) },
            ],
          },
          {
            type: 'context',
            text: 'More: `/pdsa sites`, `/pdsa members`, `/pdsa measures`, `/pdsa ideas`, `/pdsa cycles all`.',
          },
        ),
      ),
    ],
  };
}

async function setAim(ctx: Ctx, words: Token[]) {
  const aim = limitLength(joined(words), 2000, 'aim');
  if (aim === '') {
    const caller = requireMember(ctx.caller);
    throw new UserError(
      `${caller.network.aim ? `The aim of ${caller.network.name} is: ${caller.network.aim}\nTo change it, type the new aim after \`network aim\`.` : `${caller.network.name} has no aim yet.`} ${AIM_HINT}`,
    );
  }
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', "change the network's aim");
  await updateNetwork(ctx.trx, caller.network.id, { aim });
  return reply(`The aim of ${caller.network.name} is now: ${aim}`);
}

async function setTimeZone(ctx: Ctx, words: Token[]) {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', "change the network's time zone");
  const zone = readTimeZone(joined(words), (z) => `/pdsa network tz ${z}`);
  await updateNetwork(ctx.trx, caller.network.id, { time_zone: zone });
  return reply(
    `${caller.network.name} now keeps time in ${zone} (it was ${caller.network.time_zone}). The digest follows it, and so do the check-ins of sites without a time zone of their own (\`/pdsa site tz <site> <zone>\`). People whose chat profile has a time zone get check-ins in theirs.`,
  );
}

const DIGEST_USAGE =
  'Type the day and the hour, e.g. `/pdsa network digest friday 3pm` or `network digest mon 8`.';

async function setDigest(ctx: Ctx, words: Token[]) {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', 'change when the digest goes out');
  const parts = words.map((w) => w.text).filter((w) => !['at', 'on', 'every'].includes(w.toLowerCase()));
  if (parts.length === 0) {
    throw new UserError(`The digest goes out on ${digestLine(caller.network)}. ${DIGEST_USAGE}`);
  }
  // The weekday may come first or last: "friday 3pm", "3pm friday".
  const dayAt = parts.findIndex((p) => parseWeekday(p).ok && !/^\d+$/.test(p));
  const weekdayText = dayAt === -1 ? parts[0]! : parts[dayAt]!;
  const weekday = parseWeekday(weekdayText);
  if (!weekday.ok) throw new UserError(`${weekday.error} ${DIGEST_USAGE}`);
  const hourText = parts.filter((_, i) => i !== (dayAt === -1 ? 0 : dayAt)).join(' ');
  if (hourText === '')
    throw new UserError(`At what hour on ${weekdayName(weekday.weekday)}s? ${DIGEST_USAGE}`);
  const hour = parseHour(hourText);
  if (!hour.ok) throw new UserError(`${hour.error} ${DIGEST_USAGE}`);
  if (hour.minute !== 0) {
    throw new UserError(
      `The digest goes out on the hour. Type \`/pdsa network digest ${weekdayName(weekday.weekday).toLowerCase()} ${formatHour(hour.hour)}\` or \`${formatHour((hour.hour + 1) % 24)}\`.`,
    );
  }
  const updated = await updateNetwork(ctx.trx, caller.network.id, {
    digest_weekday: weekday.weekday,
    digest_hour: hour.hour,
  });
  return reply(`The weekly digest of ${updated.name} goes out on ${digestLine(updated)}.`);
}

async function setChannel(ctx: Ctx, words: Token[]) {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', 'choose the digest channel');
  const word = joined(words).toLowerCase();
  if (['off', 'none', 'clear'].includes(word)) {
    await updateNetwork(ctx.trx, caller.network.id, { digest_platform: null, digest_address: null });
    return reply(
      `${caller.network.name} has no digest channel now; the digest is not posted until you choose one with \`/pdsa network channel here\`.`,
    );
  }
  if (word !== 'here') {
    throw new UserError(
      'Type `/pdsa network channel here` in the channel that should receive the weekly digest (or `network channel off` to stop posting it).',
    );
  }
  const conversation = ctx.event.conversation;
  if (!conversation) {
    throw new UserError(
      "I can't tell which conversation this is, so I can't post the digest here. Type `/pdsa network channel here` in the Slack or Teams channel that should receive it.",
    );
  }
  const updated = await updateNetwork(ctx.trx, caller.network.id, {
    digest_platform: conversation.platform,
    digest_address: conversation,
  });
  const when = `${weekdayName(updated.digest_weekday)}s at ${formatHour(updated.digest_hour)} (${updated.time_zone})`;
  return {
    replies: [
      publicly(
        message(`${updated.name}'s weekly digest will be posted here`, {
          type: 'text',
          text: `${caller.person.display_name} chose this conversation for the weekly digest of **${updated.name}**: how the sites' PDSA cycles are going and how their results vary. It is posted on ${when}. ${await ctx.services.digest.firstNote(ctx.trx, updated, ctx.now)}`,
        }),
      ),
    ],
  };
}

function reply(text: string) {
  return { replies: [privately(message(text, { type: 'text', text }))] };
}

const SUBCOMMANDS: Subcommand[] = [
  { names: ['create', 'new'], run: create },
  { names: ['show', 'info'], run: (ctx) => show(ctx) },
  { names: ['aim'], run: setAim },
  { names: ['tz', 'timezone', 'zone'], run: setTimeZone },
  { names: ['digest'], run: setDigest },
  { names: ['channel'], run: setChannel },
  { names: ['conditions', 'condition'], run: networkConditions },
];

export const networkCommand: CommandSpec = {
  name: 'network',
  group: 'Network setup',
  summary: 'create your improvement network, or show and change its aim, time zone and digest',
  who: 'anyone not yet in a network can create one (and becomes its admin); any member can show it; facilitators and admins change it',
  usage: [
    'network create <name> [aim <aim statement>] [tz <time zone>]',
    'network',
    'network aim <aim statement>',
    'network tz <time zone>',
    'network digest <weekday> <hour>',
    'network channel here',
    'network conditions <condition>: <value>, …; <condition>: <value>, …',
  ],
  examples: [
    '/pdsa network create Literacy NIC aim 90% of 3rd graders read on grade level by June 2027 tz America/Chicago',
    '/pdsa network digest friday 3pm',
    '/pdsa network channel here',
    '/pdsa network conditions level: elementary, middle, high; locale: urban, rural, island',
  ],
  details: [
    'The aim is what the network works toward: what will improve, by how much, by when and for whom.',
    "Time zones are IANA names such as America/Chicago or Europe/London; without `tz` the network uses the bot's default.",
    "The digest is posted weekly, on the hour, in the network's time zone, to the conversation where a facilitator typed `network channel here`.",
    'Conditions are what the network describes its sites by, to learn for whom and under what conditions its change ideas work: see `/pdsa help condition`.',
  ].join('\n'),
  async run(ctx, { rest }) {
    return runSubcommand(ctx, rest, SUBCOMMANDS, async (c, words) => {
      if (words.length === 0) return show(c);
      throw unknownSubcommand('network', words[0]!.text, SUBCOMMANDS);
    });
  },
};

export const networkCommands: CommandSpec[] = [networkCommand];
