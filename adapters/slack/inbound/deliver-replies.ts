import type { RespondFn, webApi } from '@slack/bolt';
import type { Reply } from '../../../src/bot/outbound.ts';
import type { Block, Form, Message } from '../../../src/core/message-model.ts';
import { postMessage, uploadFiles } from '../post-message.ts';
import { renderMessage } from '../render/blocks.ts';
import { withReplyRetries } from '../reply-retries.ts';

// Where the core's replies go on Slack. In a DM they are ordinary messages
// (in the thread the person wrote in). For a slash command or a button in
// a channel they go through the response_url: private replies as an
// ephemeral message, public ones in the channel. A response_url takes at
// most five messages, so the replies of one visibility are joined into one.
// Each call is tried again when Slack fails in passing (reply-retries.ts).

/** Joins replies into one message, separated by dividers. */
export function joinReplies(replies: Reply[]): Message | undefined {
  if (replies.length === 0) return undefined;
  if (replies.length === 1) return replies[0]!.message;
  const blocks: Block[] = [];
  for (const [i, reply] of replies.entries()) {
    if (i > 0) blocks.push({ type: 'divider' });
    blocks.push(...reply.message.blocks);
  }
  return { summary: replies.map((r) => r.message.summary).join(' · '), blocks };
}

/** A form shown in a message: its "Answer" button opens it as a modal. */
export function formMessage(form: Form): Message {
  return { summary: form.title, blocks: [{ type: 'form', form }] };
}

/** Posts each reply (and a form, as its Answer button) into a conversation, e.g. the person's DM. */
export async function postReplies(
  client: webApi.WebClient,
  channel: string,
  replies: Reply[],
  options: { threadTs?: string; form?: Form } = {},
): Promise<void> {
  const post = { ...(options.threadTs ? { threadTs: options.threadTs } : {}), retry: withReplyRetries };
  for (const reply of replies) await postMessage(client, channel, reply.message, post);
  if (options.form) await postMessage(client, channel, formMessage(options.form), post);
}

export type RespondTarget = {
  respond: RespondFn;
  client: webApi.WebClient;
  /** The person's DM, for files of private replies (a response_url cannot carry files). */
  dm: () => Promise<string>;
  /** The channel the command or button was in, for files of public replies. */
  channel?: string;
};

/** Sends replies through a response_url, uploading their charts and files separately. */
export async function respondReplies(target: RespondTarget, replies: Reply[]): Promise<void> {
  for (const visibility of ['private', 'public'] as const) {
    const message = joinReplies(replies.filter((r) => r.visibility === visibility));
    if (!message) continue;
    // The note on where the files went is one more block: it must fit too.
    const rendered = renderMessage(message, { reserveBlocks: hasUploads(message) ? 1 : 0 });
    if (rendered.uploads.length > 0) {
      const where = await uploadTarget(target, visibility, rendered.uploads);
      rendered.blocks.push({
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text:
              where === 'dm'
                ? '_The file is in your direct messages with me._'
                : '_The file is posted above._',
          },
        ],
      });
    }
    await withReplyRetries(() =>
      target.respond({
        response_type: visibility === 'public' ? 'in_channel' : 'ephemeral',
        replace_original: false,
        text: rendered.text,
        blocks: rendered.blocks,
      }),
    );
  }
}

function hasUploads(message: Message): boolean {
  return message.blocks.some((b) => b.type === 'image' || b.type === 'file');
}

async function uploadTarget(
  target: RespondTarget,
  visibility: 'private' | 'public',
  uploads: ReturnType<typeof renderMessage>['uploads'],
): Promise<'dm' | 'channel'> {
  if (visibility === 'public' && target.channel) {
    try {
      await uploadFiles(target.client, target.channel, uploads, undefined, withReplyRetries);
      return 'channel';
    } catch {
      // Not a member of the channel, say: the person still gets the files.
    }
  }
  await uploadFiles(target.client, await target.dm(), uploads, undefined, withReplyRetries);
  return 'dm';
}
