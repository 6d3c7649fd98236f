import type { Role } from '../../core/domain.ts';
import { quoteInput } from '../../core/quoted-input.ts';
import { UserError } from '../user-error.ts';

// The roles of a member, as typed: the names, their plurals, and a few words
// people use for them.

const WORDS: Record<string, Role> = {
  educator: 'educator',
  educators: 'educator',
  teacher: 'educator',
  member: 'educator',
  facilitator: 'facilitator',
  facilitators: 'facilitator',
  facilitate: 'facilitator',
  coach: 'facilitator',
  admin: 'admin',
  admins: 'admin',
  administrator: 'admin',
};

export const ROLE_EXPLANATION =
  'educator (answers check-ins for the cycles they take part in), facilitator (sets up the network and starts cycles) or admin (a facilitator who can also make admins and delete personal data)';

/** The role a word names; `example(role)` is the command to type, for the refusal. */
export function readRole(word: string, example: (role: Role) => string): Role {
  const role = WORDS[word.trim().toLowerCase()];
  if (role) return role;
  throw new UserError(
    `${quoteInput(word)} is not a role. The roles are ${ROLE_EXPLANATION}. Type e.g. \`${example('facilitator')}\`.`,
  );
}

export function article(role: Role): string {
  return role === 'educator' ? 'an educator' : role === 'admin' ? 'an admin' : 'a facilitator';
}
