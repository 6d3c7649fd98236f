import type { Role } from '../../core/domain.ts';
import { type Block, type Message, message } from '../../core/message-model.ts';
import type { MemberRow, NetworkRow, PersonRow } from '../../db/schema.ts';
import { activeAdminCount } from '../../store/members.ts';
import { siteById } from '../../store/sites.ts';
import type { HandlerContext, Trx } from '../context.ts';
import { notifyPerson } from '../notify.ts';
import { findMemberByName } from '../person-ref.ts';
import { UserError } from '../user-error.ts';
import type { Ctx } from './setup-args.ts';
import { article } from './setup-roles.ts';

// What the member commands share: naming the member a command is about,
// the welcome a new member gets, and the admin count that keeps a network
// from losing its last admin.

export type Target = { person: PersonRow; member: MemberRow; self: boolean };

const SELF = new Set(['me', 'myself', 'self']);

/** The member `text` names in the caller's network: an @mention, a name, or "me". */
export async function findTarget(ctx: Ctx, text: string, usage: string): Promise<Target> {
  // "@Ana Lopez" typed by hand is a name with an @ in front.
  const t = text.trim().replace(/^@(?=\S+\s)/, '');
  if (t === '') throw new UserError(`Who? ${usage}`);
  if (SELF.has(t.toLowerCase())) {
    if (!ctx.caller.member)
      throw new UserError("You're not in an improvement network, so there is nothing to change.");
    return { person: ctx.caller.person, member: ctx.caller.member, self: true };
  }
  const found = await findMemberByName(ctx.trx, ctx.caller, t);
  return { ...found, self: found.member.id === ctx.caller.member?.id };
}

/** Refuses to take away the last admin of a network (by a role change or a removal). */
export async function assertNotLastAdmin(trx: Trx, target: Target, network: NetworkRow, doing: string) {
  if (target.member.role !== 'admin' || target.member.status !== 'active') return;
  if ((await activeAdminCount(trx, network.id)) > 1) return;
  const who = target.self ? 'You are' : `${target.person.display_name} is`;
  throw new UserError(
    `${who} the only admin of ${network.name}, so I can't ${doing}: a network needs an admin. Make someone else an admin first, e.g. \`/pdsa member role @ana admin\`.`,
  );
}

/** The description of a membership: "an educator at Lincoln". */
export function placeOf(role: Role, siteName: string | null): string {
  return `${article(role)}${siteName ? ` at ${siteName}` : ''}`;
}

/** What a new member reads first: what taking part involves. */
export function welcomeMessage(opts: {
  network: NetworkRow;
  role: Role;
  siteName: string | null;
  lead: string;
}): Message {
  const { network, role } = opts;
  const blocks: Block[] = [
    { type: 'heading', text: `Welcome to ${network.name}` },
    { type: 'text', text: `${opts.lead}${network.aim ? `\nThe network's aim: ${network.aim}` : ''}` },
    {
      type: 'text',
      text: "**What taking part involves**\nWhen a PDSA cycle you take part in starts, I'll send you short check-ins here, by direct message: at the start (your plan and a prediction), in the middle (how the test is going) and at the end (the result, and whether to adopt, adapt or abandon the idea). Each takes a few minutes. Your answers are shared with the network's facilitators and in the weekly digest, so that the sites can learn from one another.",
    },
  ];
  if (role !== 'educator') {
    blocks.push({
      type: 'text',
      text: `As ${article(role)} you can also set up the network and start cycles: \`/pdsa help\` lists the commands.`,
    });
  }
  blocks.push({
    type: 'context',
    text: 'Away for a while? `/pdsa pause until <date>`. What is open for you: `/pdsa status`. Everything else: `/pdsa help`.',
  });
  return message(`Welcome to ${network.name}: ${opts.lead}`, ...blocks);
}

export async function sendWelcome(
  ctx: HandlerContext,
  opts: { member: MemberRow; network: NetworkRow; siteName: string | null; lead: string; dedupeKey: string },
): Promise<void> {
  await notifyPerson(
    ctx.trx,
    opts.member.person_id,
    welcomeMessage({
      network: opts.network,
      role: opts.member.role,
      siteName: opts.siteName,
      lead: opts.lead,
    }),
    { dedupeKey: opts.dedupeKey, now: ctx.now, kind: 'welcome', networkId: opts.network.id },
  );
}

/** A short notice to someone about a change to their membership. */
export async function tellMember(
  ctx: HandlerContext,
  target: Target,
  networkId: number,
  text: string,
  key: string,
) {
  if (target.self) return;
  await notifyPerson(ctx.trx, target.person.id, message(text, { type: 'text', text }), {
    dedupeKey: `${key}:${target.member.id}:${ctx.event.actor.platform}:${ctx.event.eventId}`,
    now: ctx.now,
    networkId,
  });
}

export async function siteName(trx: Trx, siteId: number | null): Promise<string | null> {
  if (siteId === null) return null;
  const site = await siteById(trx, siteId);
  return site?.name ?? null;
}
