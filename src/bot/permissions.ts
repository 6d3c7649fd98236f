import type { Role } from '../core/domain.ts';
import { naturalCompare } from '../core/natural-order.ts';
import type { MemberRow, NetworkRow } from '../db/schema.ts';
import { activeMemberNamesWithRole } from '../store/members.ts';
import type { Caller, Trx } from './context.ts';
import { UserError } from './user-error.ts';

const RANK: Record<Role, number> = { educator: 0, facilitator: 1, admin: 2 };

export type ActiveCaller = Caller & { member: MemberRow; network: NetworkRow };

/** The caller as an active member of a network, or a UserError saying how to get there. */
export function requireMember(caller: Caller): ActiveCaller {
  if (!caller.member || !caller.network) {
    throw new UserError(
      "You're not in an improvement network yet. Ask a facilitator to add you, or type `/pdsa join <site>` to ask to join a site. To set up a new network, type `/pdsa network create`.",
    );
  }
  if (caller.member.status === 'pending') {
    throw new UserError(
      `Your request to join ${caller.network.name} is waiting for a facilitator's approval. You'll get a message when it's approved.`,
    );
  }
  return caller as ActiveCaller;
}

export function hasRole(member: MemberRow, role: Role): boolean {
  return RANK[member.role] >= RANK[role];
}

/**
 * The caller with at least `role` in their network. The refusal names who
 * can do it, so an educator knows whom to ask.
 */
export async function requireRole(
  trx: Trx,
  caller: Caller,
  role: Role,
  doing: string,
): Promise<ActiveCaller> {
  const active = requireMember(caller);
  if (hasRole(active.member, role)) return active;
  const who = await activeMemberNamesWithRole(
    trx,
    active.network.id,
    role === 'admin' ? ['admin'] : ['facilitator', 'admin'],
  );
  const names = who.sort(naturalCompare).slice(0, 5);
  const roles = role === 'admin' ? 'admins' : 'facilitators and admins';
  throw new UserError(
    `Only ${roles} of ${active.network.name} can ${doing}.${names.length ? ` Ask ${listOr(names)}.` : ''}`,
  );
}

export function listOr(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

export function listAnd(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
