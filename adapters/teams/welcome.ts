import type { Block, Message } from '../../src/core/message-model.ts';

// What someone sees when they add the app: what taking part involves, then
// (in a 1:1 chat) their own overview from the core.

const TAKING_PART: Block[] = [
  { type: 'heading', text: 'Welcome to pdsa-bot' },
  {
    type: 'text',
    text: 'I help your improvement network run Plan-Do-Study-Act cycles: small tests of a change idea at your site, with a prediction, what happened, and what you decide next.',
  },
  {
    type: 'fields',
    fields: [
      {
        label: 'How often',
        value:
          'Four short check-ins per cycle you take part in: at the start (plan and predict), in the middle, and at the end (result and decision). Usually one or two a week, on school days, in the morning of your time zone; never in quiet hours or school breaks.',
      },
      {
        label: 'How long',
        value: 'A couple of minutes each: a few questions, answered in a card or by typing here.',
      },
      {
        label: 'Your data',
        value:
          "Your answers are kept for your network: facilitators see them, and the weekly digest shows each site's results next to its prediction, never as a ranking. `export me` gives you everything I hold about you; a facilitator can remove your personal data with `forget`.",
      },
    ],
  },
];

/** The welcome in a 1:1 chat: what taking part involves, then the person's own overview. */
export function personalWelcome(home: Message): Message {
  const homeBlocks = home.blocks.filter((b, i) => !(i === 0 && b.type === 'heading'));
  return {
    summary: 'Welcome to pdsa-bot: what taking part involves',
    blocks: [
      ...TAKING_PART,
      { type: 'divider' },
      ...homeBlocks,
      {
        type: 'context',
        text: 'Type `help` to see the commands. While I am waiting for an answer, what you type answers my question; otherwise a message that starts with a command word (or `/pdsa`) is a command.',
      },
    ],
  };
}

/** The welcome in a team channel or a group chat. */
export function channelWelcome(scope: 'channel' | 'groupChat'): Message {
  const where = scope === 'channel' ? 'this channel' : 'this chat';
  return {
    summary: 'pdsa-bot was added here',
    blocks: [
      ...TAKING_PART,
      { type: 'divider' },
      {
        type: 'text',
        text: `Check-ins come to each person in a 1:1 chat with me, not in ${where}. A facilitator can post the network's weekly digest here: mention me and type \`network channel here\`.`,
      },
      {
        type: 'context',
        text: 'Mention me with `help` to see the commands. Replies to commands typed here come to you in a 1:1 chat when they are only for you.',
      },
    ],
  };
}
