import type { App } from '@slack/bolt';
import { ackEvent } from '../deferred-ack-receiver.ts';
import { fromSlackText } from '../render/mrkdwn.ts';
import { postReplies } from './deliver-replies.ts';
import { actorOf, conversationOf, type ListenerDeps, whoFrom } from './listener-deps.ts';

/** Message subtypes that are still a person writing to the bot; edits, deletions, joins and bots are not. */
const PERSON_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share']);

type DmEvent = {
  type: 'message';
  subtype?: string;
  channel_type?: string;
  channel?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
};

/**
 * A person's DM to the bot (`message.im`) is a reply to the core: the event
 * is stored by the core BEFORE Slack gets its acknowledgement, so that an
 * event that could not be saved is retried by Slack (with the same
 * event_id, which the core processes once). The answer goes back in the
 * thread the person wrote in.
 */
export function registerDirectMessages(app: App, deps: ListenerDeps): void {
  app.event('message', async ({ event, body, client, context }) => {
    const e = event as unknown as DmEvent;
    if (e.channel_type !== 'im' || !e.channel || !e.user || e.bot_id || !PERSON_SUBTYPES.has(e.subtype))
      return;
    const text = fromSlackText(e.text ?? '').trim();
    if (text === '') return;
    const envelope = body as unknown as { event_id?: string; team_id?: string };
    const who = whoFrom(context, e.user, envelope.team_id);
    const actor = await actorOf(deps, client, who, { dmChannel: e.channel, budgetMs: 1000, staleOk: true });
    const conversation = conversationOf(who, e.channel);
    const result = await deps.bot.handle({
      kind: 'reply',
      eventId: envelope.event_id ?? `message:${e.channel}:${e.ts}`,
      actor,
      text,
      ...(conversation ? { conversation } : {}),
    });
    await ackEvent(context);
    await postReplies(client, e.channel, result.replies, {
      ...(e.thread_ts ? { threadTs: e.thread_ts } : {}),
      ...(result.openForm ? { form: result.openForm } : {}),
    });
  });
}
