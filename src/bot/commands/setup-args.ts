import { parseKeyValues, type Token, tokenizeWithQuotes } from '../../core/parsing/command-line.ts';
import { editDistance } from '../../core/parsing/edit-distance.ts';
import { shortInput } from '../../core/quoted-input.ts';
import type { HandlerContext } from '../context.ts';
import type { CommandEvent } from '../inbound.ts';
import type { HandlerResult } from '../outbound.ts';
import { UserError } from '../user-error.ts';

// How the network-setup commands read their arguments: a subcommand word
// (`site add …`), then words split at keywords (`to`, `as`, `tz`, …) so that
// quotes are needed only when a name contains a keyword.

export type Ctx = HandlerContext<CommandEvent>;

/** The words after the command name, keeping whether each was quoted (a quoted word is never a keyword). */
export function wordsOf(rest: string): Token[] {
  return tokenizeWithQuotes(rest);
}

/** The words as one string, quotes removed. */
export function joined(words: readonly Token[]): string {
  return words
    .map((w) => w.text)
    .join(' ')
    .trim();
}

/**
 * How many leading words fit in `max` characters, joined by spaces. Callers
 * that try each run of leading words try only these, so that a pasted
 * paragraph costs no more than a name or a date does.
 */
export function wordsWithin(words: readonly Token[], max: number): number {
  let length = -1;
  for (let n = 0; n < words.length; n += 1) {
    length += 1 + words[n]!.text.length;
    if (length > max) return n;
  }
  return words.length;
}

/** Words split at `keys`; a mistake is a UserError that ends with `usage`. */
export function readKeywords<K extends string>(words: readonly Token[], keys: readonly K[], usage: string) {
  const result = parseKeyValues(words, keys);
  if (!result.ok) throw new UserError(`${result.error} ${usage}`);
  return { values: result.values, positional: result.positional.join(' ').trim() };
}

/** Is this word (unquoted) one of `names`, ignoring case? */
export function isWord(word: Token | undefined, ...names: string[]): boolean {
  return word !== undefined && !word.quoted && names.includes(word.text.toLowerCase());
}

/** A name in an example command: in quotes when it has spaces. */
export function quoted(name: string): string {
  return /\s/.test(name) ? `"${name}"` : name;
}

export type Subcommand = {
  /** The first is the one shown; the others are accepted too. */
  names: string[];
  run(ctx: Ctx, words: Token[]): Promise<HandlerResult>;
};

/**
 * Runs the subcommand named by the first word. `otherwise` handles no words
 * at all, or a first word that is no subcommand (e.g. `members Lincoln`);
 * without it such words are refused with the list of subcommands.
 */
export async function runSubcommand(
  ctx: Ctx,
  rest: string,
  subcommands: Subcommand[],
  otherwise: (ctx: Ctx, words: Token[]) => Promise<HandlerResult>,
): Promise<HandlerResult> {
  const words = wordsOf(rest);
  const first = words[0];
  if (first && !first.quoted) {
    const name = first.text.toLowerCase();
    const sub = subcommands.find((s) => s.names.includes(name));
    if (sub) return sub.run(ctx, words.slice(1));
  }
  return otherwise(ctx, words);
}

/** Is `typed` one or two letters away from a subcommand's name? */
export function isNearSubcommand(typed: string, subcommands: Subcommand[]): boolean {
  const t = typed.toLowerCase();
  return subcommands.some((s) => s.names.some((n) => editDistance(t, n, 2) <= 2));
}

/** The refusal for `<command> <word>` when the word is no subcommand: what there is, and the nearest. */
export function unknownSubcommand(command: string, typed: string, subcommands: Subcommand[]): UserError {
  const names = subcommands.map((s) => s.names[0]!);
  const near = subcommands
    .flatMap((s) => s.names.map((n) => ({ shown: s.names[0]!, d: editDistance(typed.toLowerCase(), n, 2) })))
    .filter((x) => x.d <= 2)
    .sort((a, b) => a.d - b.d)[0];
  return new UserError(
    `I don't know \`${command} ${shortInput(typed)}\`. ${near ? `Did you mean \`/pdsa ${command} ${near.shown}\`? ` : ''}After \`${command}\` you can type: ${names.join(', ')}. Type \`/pdsa help ${command}\` for examples.`,
  );
}
