import { shortened } from './shortened.ts';

// How a reply repeats what someone typed: a few words of it, never all of
// it. A refusal that repeats a pasted paragraph is unreadable, and Slack
// refuses a section of more than 3,000 characters. Names the bot has
// stored are length-checked already and may be shown whole.

const QUOTE_LIMIT = 40;

/** The input as typed, on one line and cut short (at a word), for a reply that sets it off itself (in a code span). */
export function shortInput(text: string): string {
  return shortened(text.trim().replace(/\s+/g, ' '), QUOTE_LIMIT);
}

/** The input as typed, in double quotes, on one line and cut short (at a word) so one error never floods a chat. */
export function quoteInput(text: string): string {
  return `"${shortInput(text)}"`;
}
