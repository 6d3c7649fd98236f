import { DateTime } from 'luxon';
import { type Block, message } from '../../core/message-model.ts';
import { naturallySorted } from '../../core/natural-order.ts';
import { addDays, todayIn } from '../../core/schedule/local-time.ts';
import { schoolDaysSince } from '../../core/schedule/school-calendar.ts';
import { breaksWithin } from '../../store/site-breaks.ts';
import { cycleLines } from '../../store/views/cycle-lines.ts';
import {
  cyclesBySiteAndPhase,
  joinRequests,
  openCheckinsOfMember,
  overdueCheckins,
  unreachableMembers,
} from '../../store/views/status.ts';
import { PHASE_TITLES } from '../checkins/checkin-context.ts';
import { memberCalendar } from '../checkins/member-calendar.ts';
import type { HandlerContext } from '../context.ts';
import { privately } from '../outbound.ts';
import { type ActiveCaller, hasRole, requireMember } from '../permissions.ts';
import type { CommandSpec } from './command.ts';
import { cycleLine } from './cycle-views.ts';

const ago = (then: Date, now: Date) => {
  const hours = Math.floor((now.getTime() - then.getTime()) / 3_600_000);
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} days ago`;
};

/**
 * How long a check-in has waited, in the days its member's school was
 * open ("2 school days ago"), and the break it waited out, if any: a prompt
 * sent before a winter break is not weeks overdue.
 */
async function waited(
  ctx: HandlerContext,
  row: { memberId: number; siteId: number; prompted_at: Date | null },
): Promise<string> {
  const then = new Date(row.prompted_at!);
  const hours = Math.floor((ctx.now.getTime() - then.getTime()) / 3_600_000);
  if (hours < 24) return `${hours} h ago`;
  const calendar = await memberCalendar(ctx.trx, row.memberId, ctx.settings, row.siteId);
  const asked = todayIn(then, calendar.timeZone);
  const today = todayIn(ctx.now, calendar.timeZone);
  const days = schoolDaysSince(asked, today, calendar);
  const breaks = await breaksWithin(ctx.trx, row.siteId, addDays(asked, 1), today);
  const before = breaks.length ? `before ${breaks.map((b) => b.label || 'a break').join(' and ')}` : '';
  if (days === 0 && before) return before;
  const count = `${days} school ${days === 1 ? 'day' : 'days'} ago`;
  return before ? `${count}, ${before}` : count;
}

/** An educator's own view: what they are asked to answer, and their cycles. */
async function ownStatus(ctx: HandlerContext, caller: ActiveCaller): Promise<Block[]> {
  const open = await openCheckinsOfMember(ctx.trx, caller.member.id);
  const blocks: Block[] = [];
  if (open.length === 0) {
    blocks.push({ type: 'text', text: '**Your check-ins:** nothing to answer right now.' });
  } else {
    blocks.push({
      type: 'text',
      text: `**Your check-ins**\n${open
        .map((c) => {
          const due = new Date(c.due_at);
          const when =
            due <= ctx.now
              ? 'due now'
              : `due ${DateTime.fromJSDate(due, { zone: caller.network.time_zone }).toFormat('ccc d LLL')}`;
          return `• ${PHASE_TITLES[c.phase]} for cycle #${c.cycleNumber}, ${when}`;
        })
        .join('\n')}`,
    });
    blocks.push({
      type: 'buttons',
      buttons: open.slice(0, 5).map((c) => ({
        actionId: `checkin.answer:${c.id}`,
        label: `Answer ${PHASE_TITLES[c.phase]} #${c.cycleNumber}`,
        value: String(c.id),
      })),
    });
  }
  const cycles = await cycleLines(ctx.trx, caller.network.id, {
    memberId: caller.member.id,
    openOnly: true,
    limit: 10,
  });
  if (cycles.length)
    blocks.push({ type: 'text', text: `**Your open cycles**\n${cycles.map(cycleLine).join('\n')}` });
  if (caller.member.paused_until)
    blocks.push({
      type: 'context',
      text: `You are paused until ${caller.member.paused_until}; \`/pdsa resume\` to get prompts again.`,
    });
  return blocks;
}

/** A facilitator's view of the network: cycles by phase per site, what is overdue, who cannot be reached. */
async function networkStatus(ctx: HandlerContext, caller: ActiveCaller): Promise<Block[]> {
  const n = caller.network.id;
  const bySite = await cyclesBySiteAndPhase(ctx.trx, n);
  const sites = new Map<string, Record<string, number>>();
  for (const row of naturallySorted(bySite, (r) => r.name)) {
    const entry = sites.get(row.name) ?? {};
    if (row.phase) entry[row.phase] = Number(row.count);
    sites.set(row.name, entry);
  }
  const siteLines = [...sites.entries()].map(([name, counts]) => {
    const active = ['plan', 'do', 'study', 'act'].filter((p) => counts[p]).map((p) => `${counts[p]} in ${p}`);
    const closed = counts.closed ? `${counts.closed} closed` : '';
    const parts = [...active, closed].filter(Boolean);
    return `• **${name}**: ${parts.length ? parts.join(', ') : 'no cycles yet'}`;
  });
  const blocks: Block[] = [
    { type: 'text', text: `**Sites**\n${siteLines.join('\n') || 'No sites yet: `/pdsa site add <name>`.'}` },
  ];

  const overdueBefore = new Date(ctx.now.getTime() - ctx.settings.reminderDelayHours * 3_600_000);
  const overdue = await overdueCheckins(ctx.trx, n, overdueBefore, 20);
  if (overdue.length) {
    const lines: string[] = [];
    for (const o of overdue) {
      lines.push(
        `• ${o.name} (${o.site}): ${PHASE_TITLES[o.phase]} for cycle #${o.cycleNumber}, asked ${await waited(ctx, o)}`,
      );
    }
    blocks.push({ type: 'text', text: `**Overdue check-ins**\n${lines.join('\n')}` });
    blocks.push({ type: 'context', text: 'Nudge with `/pdsa remind <cycle number>`.' });
  }

  const unreachable = await unreachableMembers(ctx.trx, n).then((rows) =>
    naturallySorted(rows, (r) => r.name),
  );
  if (unreachable.length) {
    blocks.push({
      type: 'text',
      text: `**Cannot be reached**\n${unreachable.map((u) => `• ${u.name}: ${u.reason ?? 'messages fail'} (since ${ago(u.since!, ctx.now)})`).join('\n')}`,
    });
    blocks.push({
      type: 'context',
      text: 'They may have left the workspace or removed the app. They are reachable again as soon as they write to the bot.',
    });
  }

  const pending = await joinRequests(ctx.trx, n).then((rows) => naturallySorted(rows, (r) => r.name));
  if (pending.length) {
    blocks.push({
      type: 'text',
      text: `**Asking to join**\n${pending.map((p) => `• ${p.name}${p.site ? ` (${p.site})` : ''}: \`/pdsa approve @${p.name}\``).join('\n')}`,
    });
  }
  return blocks;
}

export const statusCommand: CommandSpec = {
  name: 'status',
  group: 'Cycles',
  summary:
    'what is open: your check-ins; for facilitators, every site, overdue check-ins and who cannot be reached',
  who: 'any member (facilitators see the whole network)',
  usage: ['status'],
  examples: ['/pdsa status'],
  async run(ctx) {
    const caller = requireMember(ctx.caller);
    const blocks: Block[] = [
      { type: 'heading', text: `${caller.network.name}: status` },
      ...(await ownStatus(ctx, caller)),
    ];
    if (hasRole(caller.member, 'facilitator')) {
      blocks.push({ type: 'divider' }, ...(await networkStatus(ctx, caller)));
    }
    return { replies: [privately(message(`${caller.network.name} status`, ...blocks))] };
  },
};
