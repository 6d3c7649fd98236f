import { parseMention } from '../core/parsing/command-line.ts';
import { quoteInput, shortInput } from '../core/quoted-input.ts';
import { terminalUserId } from '../core/terminal-user-id.ts';
import type { MemberRow, PersonRow } from '../db/schema.ts';
import { memberById, membersNamed } from '../store/members.ts';
import { personById, personByIdentity, upsertPerson } from '../store/people.ts';
import type { Caller, Trx } from './context.ts';
import { MAX_NAME_LENGTH } from './inbound.ts';
import { limitLength, UserError } from './user-error.ts';

// How commands name people: a platform mention (`<@U024BE7LH|ana>` from
// Slack; adapters turn other platforms' mentions into the same form), or a
// display name, with or without "@".

const MENTION = /^<@([A-Za-z0-9._:-]+)(?:\|([^>]*))?>$/;

export type PersonRef = { userId?: string; label: string };

export function parsePersonRef(token: string): PersonRef {
  const t = token.trim();
  // Adapters may pass ids the Slack-shaped pattern of parseMention does not know (Teams AAD ids).
  const tagged = MENTION.exec(t);
  if (tagged) return { userId: tagged[1]!, label: tagged[2] || tagged[1]! };
  const mention = parseMention(t);
  if (mention)
    return mention.userId !== null
      ? { userId: mention.userId, label: mention.label ?? mention.userId }
      : { label: mention.label };
  // "@Ana Lopez" or "@Zoë 🦄": a mention of a name that parseMention's one
  // word does not cover names the same person as "Ana Lopez".
  return { label: t.replace(/^@\s*/, '') };
}

/** "me" or "@me": the caller themselves, e.g. a facilitator who owns a cycle (`owner me`). */
export function isMe(token: string): boolean {
  return /^@?\s*me$/i.test(token.trim());
}

export function looksLikePerson(token: string): boolean {
  return MENTION.test(token.trim()) || parseMention(token) !== null;
}

/**
 * The person a command names, in the caller's workspace. A mention, or a
 * name where names are people (the terminal), creates the person when they
 * are new (so a facilitator can add someone who has never written to the
 * bot); a bare name elsewhere must match someone the network knows.
 */
export async function findOrCreatePerson(trx: Trx, caller: Caller, token: string): Promise<PersonRow> {
  if (isMe(token)) return caller.person;
  const ref = parsePersonRef(token);
  const { platform, workspace_id: workspaceId } = caller.person;
  if (ref.label === '' && !ref.userId) throw new UserError('Name the person with an @mention, e.g. `@ana`.');
  if (!ref.userId && /^@\s*(here|channel|everyone)$/i.test(token.trim()))
    throw new UserError(`${shortInput(token)} names everyone; name one person, e.g. \`@ana\`.`);
  if (ref.userId || caller.features.namesArePeople) {
    const userId = ref.userId ?? terminalUserId(ref.label);
    const existing = await personByIdentity(trx, { platform, workspaceId, userId });
    if (existing) return existing;
    return upsertPerson(
      trx,
      {
        platform,
        workspaceId,
        userId,
        displayName: limitLength(ref.label, MAX_NAME_LENGTH, "person's name"),
        address: caller.features.addressForNewPerson({ workspaceId, userId, name: ref.label }),
      },
      'named',
    );
  }
  const found = await findMemberByName(trx, caller, ref.label);
  return found.person;
}

/** A member of the caller's network named by mention or display name. */
export async function findMemberByName(
  trx: Trx,
  caller: Caller,
  token: string,
): Promise<{ person: PersonRow; member: MemberRow }> {
  if (!caller.network) throw new UserError("You're not in a network yet, so I can't look anyone up.");
  if (isMe(token)) {
    if (caller.member?.status === 'active') return { person: caller.person, member: caller.member };
    throw new UserError(
      `You're not an active member of ${caller.network.name}, so "me" cannot be used here.`,
    );
  }
  const ref = parsePersonRef(token);
  const rows = await membersNamed(
    trx,
    caller.network.id,
    ref.userId
      ? { userId: ref.userId }
      : { displayName: ref.label, terminalUserId: terminalUserId(ref.label) },
    3,
  );
  if (rows.length === 0) {
    throw new UserError(
      `I don't know anyone called ${quoteInput(ref.label)} in ${caller.network.name}. Type \`/pdsa members\` to see who is in the network${caller.features.suggestMentions ? ', and use an @mention' : ''}.`,
    );
  }
  if (rows.length > 1) {
    throw new UserError(
      `More than one person in ${caller.network.name} is called ${quoteInput(ref.label)}. Use an @mention instead.`,
    );
  }
  const { memberId, personId } = rows[0]!;
  const person = await personById(trx, personId);
  const member = await memberById(trx, memberId);
  if (!person || !member) throw new Error(`member ${memberId} vanished while being looked up`);
  return { person, member };
}
