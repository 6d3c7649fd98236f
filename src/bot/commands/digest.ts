import { DateTime } from 'luxon';
import { weekText } from '../../core/digest/format.ts';
import { READING_GUIDE } from '../../core/digest/reading-guide.ts';
import type { Message } from '../../core/message-model.ts';
import { message } from '../../core/message-model.ts';
import { shortInput } from '../../core/quoted-input.ts';
import { digestAt, isoWeekOf, parseIsoWeek } from '../../core/schedule/iso-week.ts';
import { digestPostedAt } from '../../store/digests.ts';
import { updateNetwork } from '../../store/networks.ts';
import type { HandlerContext } from '../context.ts';
import type { CommandEvent } from '../inbound.ts';
import { type HandlerResult, privately, publicly } from '../outbound.ts';
import { type ActiveCaller, requireMember, requireRole } from '../permissions.ts';
import { UserError } from '../user-error.ts';
import type { CommandArgs, CommandSpec } from './command.ts';
import { digestLearning } from './digest-learning.ts';

// `/pdsa digest`: see the weekly digest before the network does, post it now,
// or choose the channel it goes to. The digest posted in a week reports on
// the week before (src/digest/report-week.ts, through ctx.services.digest).

type Ctx = HandlerContext<CommandEvent>;

const say = (text: string): HandlerResult => ({
  replies: [privately(message(text, { type: 'text', text }))],
});

function schedule(caller: ActiveCaller, now: Date): string {
  const n = caller.network;
  const next = digestAt(isoWeekOf(now, n.time_zone), n.digest_weekday, n.digest_hour, n.time_zone);
  const day = DateTime.fromJSDate(next, { zone: n.time_zone });
  return `${day.toFormat('cccc')}s at ${day.toFormat('HH:mm')} (${n.time_zone})`;
}

function channelName(caller: ActiveCaller): string | null {
  const address = caller.network.digest_address as Record<string, unknown> | null;
  if (!address) return null;
  const label = ['name', 'channelName', 'title', 'channel']
    .map((k) => address[k])
    .find((v) => typeof v === 'string');
  return label
    ? `${String(label)} (${String(address.platform)})`
    : `a ${String(address.platform)} conversation`;
}

function weekArgument(ctx: Ctx, caller: ActiveCaller, token: string | undefined): string {
  if (token === undefined) return ctx.services.digest.reportWeekAt(ctx.now, caller.network.time_zone);
  const parsed = parseIsoWeek(token);
  if (!parsed.ok) throw new UserError(`${parsed.error}. Type e.g. \`/pdsa digest preview 2026-W47\`.`);
  return parsed.week;
}

async function preview(ctx: Ctx, tokens: string[]): Promise<HandlerResult> {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', 'preview the digest');
  const week = weekArgument(ctx, caller, tokens[0]);
  const digest = await ctx.services.digest.preview(ctx.trx, caller.network.id, week, ctx.now);
  const note: Message = message('Digest preview', {
    type: 'context',
    text: `A preview, only for you. The digest of ${weekText(week)} ${(await digestPostedAt(ctx.trx, caller.network.id, week)) ? 'has been posted' : 'has not been posted yet'}; the channel gets it ${schedule(caller, ctx.now)}.`,
  });
  return {
    replies: [privately(note), privately(digest.main), privately(digest.details)],
  };
}

async function post(ctx: Ctx): Promise<HandlerResult> {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', 'post the digest');
  const n = caller.network;
  if (!n.digest_platform || !n.digest_address) {
    throw new UserError(
      `${n.name} has no digest channel yet. Type \`/pdsa digest channel here\` in the channel that should receive it, then \`/pdsa digest post\`.`,
    );
  }
  const week = ctx.services.digest.reportWeekAt(ctx.now, n.time_zone);
  const already = await digestPostedAt(ctx.trx, n.id, week);
  const alreadyText = (at: Date) =>
    `The digest of ${weekText(week)} was already posted ${DateTime.fromJSDate(at, { zone: n.time_zone }).toFormat("ccc d LLL 'at' HH:mm")}; each week’s digest goes out once. To read it again, type \`/pdsa digest preview ${week}\`.`;
  if (already) return say(alreadyText(already));
  const inserted = await ctx.services.digest.post(
    ctx.trx,
    { networkId: n.id, platform: n.digest_platform, address: n.digest_address },
    week,
    ctx.now,
  );
  if (!inserted) return say(alreadyText((await digestPostedAt(ctx.trx, n.id, week)) ?? ctx.now));
  return say(
    `The digest of ${weekText(week)} is on its way to ${channelName(caller)}, with the details in its thread.`,
  );
}

async function channel(ctx: Ctx, tokens: string[]): Promise<HandlerResult> {
  const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', 'choose the digest channel');
  const word = tokens.join(' ').toLowerCase();
  if (['off', 'none', 'clear'].includes(word)) {
    await updateNetwork(ctx.trx, caller.network.id, { digest_platform: null, digest_address: null });
    return say(
      `${caller.network.name} has no digest channel now, so no digest is posted. Type \`/pdsa digest channel here\` in a channel to choose one.`,
    );
  }
  if (word !== 'here') {
    throw new UserError(
      'Type `/pdsa digest channel here` in the channel that should receive the weekly digest, or `/pdsa digest channel off` to stop posting it.',
    );
  }
  const conversation = ctx.event.conversation;
  if (!conversation) {
    throw new UserError(
      "I can't tell which conversation this is, so I can't post the digest here. Type `/pdsa digest channel here` in the Slack or Teams channel that should receive it.",
    );
  }
  await updateNetwork(ctx.trx, caller.network.id, {
    digest_platform: conversation.platform,
    digest_address: conversation,
  });
  const first = await ctx.services.digest.firstNote(ctx.trx, caller.network, ctx.now);
  const text = `${ctx.caller.person.display_name} chose this conversation for the weekly digest of **${caller.network.name}**: how the sites' PDSA cycles went and how their results vary. It is posted ${schedule(caller, ctx.now)}. ${first}`;
  return {
    replies: [
      publicly(message(`${caller.network.name}'s weekly digest will be posted here`, { type: 'text', text })),
    ],
  };
}

async function overview(ctx: Ctx): Promise<HandlerResult> {
  const caller = requireMember(ctx.caller);
  const n = caller.network;
  const week = ctx.services.digest.reportWeekAt(ctx.now, n.time_zone);
  const where = channelName(caller);
  const posted = await digestPostedAt(ctx.trx, n.id, week);
  const lines = [
    where
      ? `The weekly digest of ${n.name} goes to ${where}, ${schedule(caller, ctx.now)}, and reports on the week before.`
      : `${n.name} has no digest channel yet: a facilitator types \`/pdsa digest channel here\` in the channel that should receive it.`,
    posted
      ? `The digest of ${weekText(week)} was posted.`
      : `The digest of ${weekText(week)} has not been posted yet.`,
    'Facilitators: `/pdsa digest preview [week]` shows it to you alone; `/pdsa digest post` posts it now.',
  ];
  return say(lines.join('\n'));
}

export const digestCommand: CommandSpec = {
  name: 'digest',
  group: 'Digest and data',
  summary:
    'the weekly digest: preview it, post it now, choose its channel, or see what the network is learning',
  who: 'facilitators and admins (any member can see when it goes out, and `digest learning`)',
  usage: [
    'digest',
    'digest preview [week]',
    'digest post',
    'digest channel here',
    'digest channel off',
    'digest learning',
  ],
  examples: [
    '/pdsa digest preview',
    '/pdsa digest preview 2026-W47',
    '/pdsa digest post',
    '/pdsa digest channel here',
  ],
  details: `The digest posted in a week reports on the week before. Its first message is a one-minute read: what the network did, what to celebrate, the sites that stand apart or changed, what surprised us against our predictions and who needs a nudge, with a chart of every site. Its thread has every site’s figures, the statistics behind each line and the rules used. Each week’s digest is posted once, at the network’s digest time or with \`digest post\`, whichever comes first. \`digest channel here\` does the same as \`network channel here\`. The first digest posted each month adds “What we’re learning”: the change ideas with new results or decisions, what all their evidence says by site condition, and the ideas no site has tested yet; \`digest learning\` (any member) shows it now, for the last four weeks. A week is given as in \`2026-W47\`.

**How to read the digest**
${READING_GUIDE}`,
  async run(ctx, { tokens }: CommandArgs) {
    const sub = tokens[0]?.toLowerCase();
    switch (sub) {
      case undefined:
        return overview(ctx);
      case 'preview':
      case 'show':
        return preview(ctx, tokens.slice(1));
      case 'post':
      case 'send':
        return post(ctx);
      case 'channel':
        return channel(ctx, tokens.slice(1));
      case 'learning':
      case 'learnings':
        return digestLearning(ctx);
      default:
        throw new UserError(
          `"digest ${shortInput(tokens[0]!)}" is not something I know. Type \`/pdsa digest preview\`, \`/pdsa digest post\`, \`/pdsa digest learning\` or \`/pdsa digest channel here\`.`,
        );
    }
  },
};
