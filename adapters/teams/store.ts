import type { Transaction } from 'kysely';
import type { Address } from '../../src/core/address.ts';
import type { Db } from '../../src/db/connect.ts';
import type { Database } from '../../src/db/schema.ts';
import { addressOfPerson, saveReachingAddress, upsertPerson } from '../../src/store/people.ts';
import type { TeamsConversationAddress } from './address.ts';

// What the Teams adapter keeps in the database besides what the core
// records: per tenant (one `installations` row) the service URL and the
// bot's account, needed to open a 1:1 chat with someone named in a command,
// and the team channels and group chats where the app was added; per person
// (`people.address`) the conversation reference of their 1:1 chat.
// `installations.credentials` holds no secret for Teams: the app password
// comes from the environment.

export type TeamsInstallation = {
  serviceUrl: string;
  bot: { id: string; name?: string };
  /** Where the app was added, by conversation id: team channels and group chats. */
  conversations: Record<string, TeamsConversationAddress>;
};

export async function readInstallation(db: Db, tenantId: string): Promise<TeamsInstallation | undefined> {
  const row = await db
    .selectFrom('installations')
    .select('credentials')
    .where('platform', '=', 'teams')
    .where('workspace_id', '=', tenantId)
    .executeTakeFirst();
  const c = row?.credentials as Partial<TeamsInstallation> | null | undefined;
  if (!c || typeof c.serviceUrl !== 'string' || typeof c.bot?.id !== 'string') return undefined;
  return { serviceUrl: c.serviceUrl, bot: c.bot, conversations: c.conversations ?? {} };
}

/** Records (or refreshes) a tenant's service URL and bot account, and a conversation the app was added to. */
export async function recordInstallation(
  db: Db,
  tenantId: string,
  update: { serviceUrl: string; bot: { id: string; name?: string }; conversation?: TeamsConversationAddress },
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await lockedInstallation(trx, tenantId);
    const previous = (row?.credentials ?? {}) as Partial<TeamsInstallation>;
    const conversations = { ...(previous.conversations ?? {}) };
    if (update.conversation) {
      const id = update.conversation.reference.conversation?.id;
      if (id) conversations[id] = update.conversation;
    }
    const credentials: TeamsInstallation = { serviceUrl: update.serviceUrl, bot: update.bot, conversations };
    if (row) {
      await trx
        .updateTable('installations')
        .set({ credentials, updated_at: now })
        .where('id', '=', row.id)
        .execute();
    } else {
      await trx
        .insertInto('installations')
        .values({ platform: 'teams', workspace_id: tenantId, credentials, updated_at: now })
        .onConflict((oc) =>
          oc.columns(['platform', 'workspace_id']).doUpdateSet({ credentials, updated_at: now }),
        )
        .execute();
    }
  });
}

/** The stored address of a person (by AAD object id), when the bot knows one. */
export async function personAddress(db: Db, tenantId: string, userId: string): Promise<Address | null> {
  return addressOfPerson(db, { platform: 'teams', workspaceId: tenantId, userId });
}

/** Keeps the 1:1 chat the bot opened with a person, so that later messages reach them there. */
export async function savePersonalAddress(
  db: Db,
  tenantId: string,
  userId: string,
  address: TeamsConversationAddress,
  now: Date,
): Promise<void> {
  await saveReachingAddress(db, { platform: 'teams', workspaceId: tenantId, userId }, address, now);
}

/**
 * Someone @mentioned in a command: recorded with their Teams id so that the
 * bot can open a 1:1 chat with them later, unless a conversation reference
 * is known already (which is better: it proves the app is installed).
 */
export async function rememberMentionedPerson(
  db: Db,
  person: { tenantId: string; userId: string; name: string; memberId: string },
  now: Date,
): Promise<void> {
  const address = {
    platform: 'teams' as const,
    user: person.userId,
    workspace: person.tenantId,
    memberId: person.memberId,
  };
  await upsertPerson(
    db,
    {
      platform: 'teams',
      workspaceId: person.tenantId,
      userId: person.userId,
      displayName: person.name,
      address,
    },
    'mentioned',
    now,
  );
}

/** The app was removed from a team or group chat: nothing more can be posted there. */
export async function forgetConversation(
  db: Db,
  tenantId: string,
  conversationId: string,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await lockedInstallation(trx, tenantId);
    const credentials = (row?.credentials ?? {}) as Partial<TeamsInstallation>;
    if (!row || !credentials.conversations?.[conversationId]) return false;
    const { [conversationId]: _removed, ...conversations } = credentials.conversations;
    await trx
      .updateTable('installations')
      .set({ credentials: { ...credentials, conversations }, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    return true;
  });
}

/** A tenant's installation row, locked until the transaction ends, so that concurrent changes to its conversations never lose one. */
function lockedInstallation(trx: Transaction<Database>, tenantId: string) {
  return trx
    .selectFrom('installations')
    .select(['id', 'credentials'])
    .where('platform', '=', 'teams')
    .where('workspace_id', '=', tenantId)
    .forUpdate()
    .executeTakeFirst();
}
