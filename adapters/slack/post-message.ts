import type { webApi } from '@slack/bolt';
import type { Message } from '../../src/core/message-model.ts';
import { renderMessage, type Upload } from './render/blocks.ts';

// Posting one core message to a Slack conversation: its charts and files
// are uploaded first (files.uploadV2, into the same conversation and
// thread), then the rest is posted as blocks with the summary as fallback.

export type Posted = { channel: string; ts?: string; files?: string[] };

/** How each Web API call is tried: once (the outbox retries), or a few times for replies (reply-retries.ts). */
export type Retry = <T>(send: () => Promise<T>) => Promise<T>;

const once: Retry = (send) => send();

export async function postMessage(
  client: webApi.WebClient,
  channel: string,
  message: Message,
  options: { threadTs?: string; retry?: Retry } = {},
): Promise<Posted> {
  const retry = options.retry ?? once;
  const rendered = renderMessage(message);
  const files = await uploadFiles(client, channel, rendered.uploads, options.threadTs, retry);
  if (rendered.blocks.length === 0 && rendered.uploads.length > 0) return { channel, files };
  const posted = await retry(() =>
    client.chat.postMessage({
      channel,
      text: rendered.text,
      blocks: rendered.blocks,
      unfurl_links: false,
      unfurl_media: false,
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    }),
  );
  return {
    channel: posted.channel ?? channel,
    ...(posted.ts ? { ts: posted.ts } : {}),
    ...(files.length > 0 ? { files } : {}),
  };
}

export async function uploadFiles(
  client: webApi.WebClient,
  channel: string,
  uploads: Upload[],
  threadTs?: string,
  retry: Retry = once,
): Promise<string[]> {
  const ids: string[] = [];
  for (const upload of uploads) {
    const args = {
      channel_id: channel,
      file: upload.data,
      filename: upload.fileName,
      title: upload.title,
      ...(upload.altText ? { alt_text: upload.altText } : {}),
    };
    const result = await retry(() =>
      threadTs ? client.files.uploadV2({ ...args, thread_ts: threadTs }) : client.files.uploadV2(args),
    );
    for (const done of (result as { files?: { files?: { id?: string }[] }[] }).files ?? []) {
      for (const file of done.files ?? []) if (file.id) ids.push(file.id);
    }
  }
  return ids;
}

/** Replaces a sent message; charts and files cannot be added to an update and are named instead. */
export async function updateMessage(
  client: webApi.WebClient,
  channel: string,
  ts: string,
  message: Message,
): Promise<void> {
  const { text, blocks } = renderMessage(message, { canUpload: false });
  await client.chat.update({ channel, ts, text, blocks });
}
