import type { Role } from '../../core/domain.ts';
import { message } from '../../core/message-model.ts';
import { naturalCompare, naturallySorted } from '../../core/natural-order.ts';
import { readId } from '../../core/parsing/ids.ts';
import { quoteInput } from '../../core/quoted-input.ts';
import { insertMember, updateMember } from '../../store/members.ts';
import { facilitatorsOf, joinableSites, memberWithName } from '../../store/views/people-views.ts';
import type { HandlerContext } from '../context.ts';
import type { ActionRoute } from '../interaction-routes.ts';
import { notifyPerson } from '../notify.ts';
import { type HandlerResult, privately } from '../outbound.ts';
import { type ActiveCaller, listOr, requireRole } from '../permissions.ts';
import { UserError } from '../user-error.ts';
import type { CommandSpec } from './command.ts';
import { findSite } from './lookups.ts';
import { type Ctx, joined, quoted, readKeywords, wordsOf } from './setup-args.ts';
import { findTarget, placeOf, sendWelcome, siteName } from './setup-membership.ts';

// Asking to join a site (`join`), and a facilitator's approval, typed
// (`approve @ana`) or with the button of the request.

export const APPROVE_ACTION = 'member.approve';

type Candidate = { siteId: number; site: string; networkId: number; network: string };

/** The sites of every network that has an active member in the caller's workspace. */
async function sitesInWorkspace(ctx: Ctx): Promise<Candidate[]> {
  const { platform, workspace_id: workspaceId } = ctx.caller.person;
  return joinableSites(ctx.trx, platform, workspaceId).then((rows) =>
    rows.sort((a, b) => naturalCompare(a.network, b.network) || naturalCompare(a.site, b.site)),
  );
}

function describe(candidates: Candidate[]): string {
  const networks = new Set(candidates.map((c) => c.networkId));
  return candidates.map((c) => (networks.size > 1 ? `${c.network} / ${c.site}` : c.site)).join(', ');
}

function pick(candidates: Candidate[], typed: string): Candidate[] {
  const wanted = typed.trim().toLowerCase();
  const exact = candidates.filter((c) => c.site.toLowerCase() === wanted);
  if (exact.length) return exact;
  return candidates.filter((c) => c.site.toLowerCase().startsWith(wanted));
}

async function chooseSite(ctx: Ctx, text: string): Promise<Candidate> {
  const all = await sitesInWorkspace(ctx);
  if (all.length === 0) {
    throw new UserError(
      'No improvement network in this workspace has sites yet. Ask a facilitator to add you, or start a network with `/pdsa network create <name>`.',
    );
  }
  if (text === '')
    throw new UserError(`Which site? Type \`/pdsa join <site>\`. The sites are: ${describe(all)}.`);
  const slash = text.lastIndexOf('/');
  let pool = all;
  let siteText = text;
  if (slash !== -1) {
    const networkText = text.slice(0, slash).trim().toLowerCase();
    siteText = text.slice(slash + 1).trim();
    pool = all.filter((c) => c.network.toLowerCase() === networkText);
    if (pool.length === 0) {
      const names = [...new Set(all.map((c) => c.network))];
      throw new UserError(
        `There is no network ${quoteInput(text.slice(0, slash))} here. The networks are: ${names.join(', ')}. Type e.g. \`/pdsa join ${all[0]!.network} / ${all[0]!.site}\`.`,
      );
    }
  }
  const hits = pick(pool, siteText);
  const networks = [...new Set(hits.map((h) => h.network))];
  if (hits.length === 0) {
    throw new UserError(
      `There is no site ${quoteInput(siteText)}. The sites are: ${describe(pool)}. Type \`/pdsa join <site>\`.`,
    );
  }
  if (networks.length > 1) {
    throw new UserError(
      `More than one network has a site called ${quoteInput(siteText)}: ${networks.join(', ')}. Say which, e.g. \`/pdsa join ${networks[0]} / ${hits[0]!.site}\`.`,
    );
  }
  if (hits.length > 1) {
    throw new UserError(
      `${quoteInput(siteText)} could be ${listOr(hits.map((h) => h.site))}. Type the whole name.`,
    );
  }
  return hits[0]!;
}

export const joinCommand: CommandSpec = {
  name: 'join',
  group: 'Start here',
  summary: "ask to join a site of your workspace's improvement network; a facilitator approves",
  who: 'anyone not yet in a network',
  usage: ['join <site>', 'join <network> / <site>'],
  examples: ['/pdsa join Lincoln', '/pdsa join Literacy NIC / Lincoln'],
  details:
    'The facilitators of the network get your request with an Approve button; you get a message when it is approved. A person can be in one network per workspace.',
  async run(ctx, { rest }) {
    const { caller } = ctx;
    if (caller.member && caller.network) {
      throw new UserError(
        caller.member.status === 'pending'
          ? `You have already asked to join ${caller.network.name}; a facilitator will approve it and I'll let you know. To withdraw the request, type \`/pdsa member remove me\`.`
          : `You are already in ${caller.network.name}. To work at another site, ask a facilitator: \`/pdsa member move @you to <site>\`.`,
      );
    }
    const choice = await chooseSite(ctx, joined(wordsOf(rest)));
    const member = await insertMember(ctx.trx, {
      network_id: choice.networkId,
      person_id: caller.person.id,
      site_id: choice.siteId,
      role: 'educator',
      status: 'pending',
    });
    const facilitators = await facilitatorsOf(ctx.trx, choice.networkId).then((rows) =>
      naturallySorted(rows, (r) => r.name),
    );
    const name = caller.person.display_name;
    const request = message(
      `${name} asks to join ${choice.network} at ${choice.site}`,
      { type: 'text', text: `**${name}** asks to join ${choice.network} as an educator at ${choice.site}.` },
      {
        type: 'buttons',
        buttons: [{ actionId: APPROVE_ACTION, label: 'Approve', value: String(member.id), style: 'primary' }],
      },
      {
        type: 'context',
        text: `Or type \`/pdsa approve @${name}\` (add \`to <site>\` for another site). To decline: \`/pdsa member remove @${name}\`.`,
      },
    );
    for (const f of facilitators) {
      await notifyPerson(ctx.trx, f.personId, request, {
        dedupeKey: `join-request:${member.id}:${f.personId}`,
        now: ctx.now,
        kind: 'join_request',
        networkId: choice.networkId,
      });
    }
    const text = facilitators.length
      ? `I've asked the facilitators of ${choice.network} (${listOr(facilitators.map((f) => f.name))}) to approve you joining ${choice.site}. I'll send you a message when they do.`
      : `Your request to join ${choice.site} is recorded, but ${choice.network} has no facilitator to approve it yet.`;
    return { replies: [privately(message(text, { type: 'text', text }))] };
  },
};

/** The answer to an Approve button whose request is not (or no longer) in the caller's network. */
function requestGone(): UserError {
  return new UserError(
    'That request to join is no longer there: it was withdrawn or declined. Type `/pdsa members` to see who is in the network.',
  );
}

/**
 * Approves a pending request of the caller's network, optionally at another
 * site or in another role; shared by `approve`, its button and `member add`.
 */
export async function approveRequest(
  ctx: HandlerContext,
  caller: ActiveCaller,
  memberId: number,
  changes: { site_id?: number | null; role?: Role } = {},
): Promise<HandlerResult> {
  const row = await memberWithName(ctx.trx, caller.network.id, memberId);
  if (!row) throw requestGone();
  if (row.status === 'active') {
    const text = `${row.name} is already a member of ${caller.network.name} (approved earlier); nothing to do.`;
    return { replies: [privately(message(text, { type: 'text', text }))] };
  }
  const member = await updateMember(ctx.trx, row.id, { status: 'active', ...changes });
  const site = await siteName(ctx.trx, member.site_id);
  const place = placeOf(member.role, site);
  await sendWelcome(ctx, {
    member,
    network: caller.network,
    siteName: site,
    lead: `${caller.person.display_name} approved your request: you are now ${place} in ${caller.network.name}.`,
    dedupeKey: `approved:${member.id}`,
  });
  const text = `${row.name} is now ${place} in ${caller.network.name}. I've let them know what taking part involves.`;
  return { replies: [privately(message(text, { type: 'text', text }))] };
}

export const approveCommand: CommandSpec = {
  name: 'approve',
  group: 'Network setup',
  summary: 'approve a request to join the network',
  who: 'facilitators and admins',
  usage: ['approve <@person>', 'approve <@person> to <site>'],
  examples: ['/pdsa approve @ana', '/pdsa approve @ana to Washington'],
  details:
    'People ask with `/pdsa join <site>`; `/pdsa status` lists who is waiting. To decline a request, remove it: `/pdsa member remove @ana`.',
  async run(ctx, { rest }) {
    const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', 'approve requests to join');
    const usage = 'Type `/pdsa approve @person`; `/pdsa status` lists who is waiting.';
    const { values, positional } = readKeywords(wordsOf(rest), ['to', 'at'], usage);
    const target = await findTarget(ctx, positional, usage);
    const siteText = values.to ?? values.at;
    const site = siteText === undefined ? undefined : await findSite(ctx.trx, caller.network.id, siteText);
    if (target.member.status === 'active') {
      throw new UserError(
        `${target.person.display_name} is already a member of ${caller.network.name}. ${site ? `To move them: \`/pdsa member move ${quoted(target.person.display_name)} to ${quoted(site.name)}\`.` : ''}`.trim(),
      );
    }
    return approveRequest(ctx, caller, target.member.id, site ? { site_id: site.id } : {});
  },
};

/** The Approve button of a join request (actionId `member.approve`, value = the member id). */
export const approveMemberAction: ActionRoute = {
  prefix: APPROVE_ACTION,
  async run(ctx) {
    const caller = await requireRole(ctx.trx, ctx.caller, 'facilitator', 'approve requests to join');
    const read = readId(ctx.event.value);
    if (read.kind === 'none') throw requestGone();
    if (read.kind === 'not an id') {
      throw new UserError('That button is damaged. Type `/pdsa approve @person` instead.');
    }
    return approveRequest(ctx, caller, read.id);
  },
};
