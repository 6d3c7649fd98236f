import { type Activity, TeamsInfo, TurnContext } from 'botbuilder';

// Commands name people with @mentions. Teams writes a mention as
// `<at>Ana Lopez</at>` in the text, with an entity giving the person's Teams
// id (29:…) but not their Azure AD object id, which is how the core knows
// Teams people. The id is looked up (the roster of the team or chat) and the
// mention rewritten as `<@aad-object-id|Ana Lopez>`, the form the core's
// command parser reads. When the lookup fails the mention stays `<at>…</at>`,
// which the core reads as a name to find among the network's members.

export type MentionedPerson = { userId: string; memberId: string; name: string };

type MentionEntity = { type: 'mention'; text?: string; mentioned?: { id?: string; name?: string } };

/** The activity's text with the bot's own mention removed and the other mentions rewritten. */
export async function rewriteMentions(
  context: TurnContext,
  onPerson: (person: MentionedPerson) => Promise<void>,
): Promise<string> {
  const activity = context.activity;
  const botId = activity.recipient?.id;
  // removeRecipientMention also edits activity.text; keep the original.
  let text = TurnContext.removeRecipientMention({ ...activity } as Partial<Activity>) ?? activity.text ?? '';
  const entities = (activity.entities ?? []).filter(
    (e): e is MentionEntity & typeof e => e.type === 'mention',
  ) as MentionEntity[];
  for (const entity of entities) {
    const memberId = entity.mentioned?.id;
    if (!entity.text || !memberId || memberId === botId || !text.includes(entity.text)) continue;
    const name = entity.mentioned?.name ?? entity.text.replace(/<\/?at>/g, '');
    const userId = await aadObjectId(context, memberId);
    if (!userId) continue;
    await onPerson({ userId, memberId, name });
    text = text.replaceAll(entity.text, `<@${userId}|${name.replace(/[<>|]/g, '')}>`);
  }
  return text;
}

async function aadObjectId(context: TurnContext, memberId: string): Promise<string | undefined> {
  try {
    const member = await TeamsInfo.getMember(context, memberId);
    return member.aadObjectId || undefined;
  } catch {
    return undefined;
  }
}
