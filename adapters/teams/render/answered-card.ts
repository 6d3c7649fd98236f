import type { Message } from '../../../src/core/message-model.ts';

/**
 * What a submitted form's card becomes: the core's answer to it, marked as
 * answered, or a short note when the answer went elsewhere (a private reply
 * to a form in a channel) or there was none.
 */
export function answeredMessage(reply: Message | undefined, title: string | undefined): Message {
  if (reply)
    return { summary: reply.summary, blocks: [...reply.blocks, { type: 'context', text: 'Answered ✓' }] };
  return {
    summary: `${title ?? 'Form'}: answered`,
    blocks: [
      ...(title ? [{ type: 'heading' as const, text: title }] : []),
      { type: 'text', text: 'Answered ✓' },
    ],
  };
}
