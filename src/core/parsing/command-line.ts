import { quoteInput } from '../quoted-input.ts';
import { editDistance } from './edit-distance.ts';
import { failure, type ParseFailure, withoutTrailing } from './result.ts';

// Splits what follows `/pdsa` into words, the way people type it in chat:
// on phones quotes arrive as “…” or ‘…’, apostrophes sit inside words
// ("Lincoln's"), and Slack writes mentions, channels and links as <…>
// markup, which must stay whole.
//
// Choices:
// - A quote opens a quoted part only at the start of a word or right after
//   `=` or `:` (`site="Lincoln Elementary"`); elsewhere it is a character.
// - A single quote closes only before a space, punctuation or the end, so
//   'Lincoln's class' is one quoted part.
// - A double quote left open runs to the end of the text; a single quote
//   left open is an apostrophe and is kept.
// - Slack's escapes &lt; &gt; &amp; are undone in words, not inside <…> markup.

export type Token = {
  /** The word as meant: quotes removed, Slack escapes undone. */
  text: string;
  /** The word exactly as typed. */
  raw: string;
  /** Whether any part of it was in quotes: a quoted word is never a key. */
  quoted: boolean;
};

const DOUBLE_CLOSERS = new Set(['"', '“', '”']);
const SINGLE_CLOSERS = new Set(["'", '‘', '’']);
const OPENERS = new Set([...DOUBLE_CLOSERS, '„', '«', ...SINGLE_CLOSERS]);
const SPACE = /\s/;
const AFTER_SINGLE_CLOSE = /[\s,.;:!?)\]}]/;

// Teams mentions may hold spaces; Slack's mentions, channels, specials
// (<!here>) and links (<https://…|label>) may hold a label.
const TEAMS_MENTION = /<at>[\s\S]*?<\/at>/iy;
const SLACK_MARKUP = /<[@#!][^<>\n]*>|<[a-z][a-z0-9+.-]*:[^<>\s|]+(?:\|[^<>\n]*)?>/iy;

// Searches that fail scan to the end of the line, and a pasted line may
// hold thousands of openers with no closer ("'a 'a 'a…", "<at> <at>…"):
// each search is answered from what earlier ones found, so that a line is
// scanned a bounded number of times, not once per opener.
type Scans = {
  /** No single-quote closer at or after this index. */
  noSingleCloseFrom: number;
  /** No double-quote closer at or after this index. */
  noDoubleCloseFrom: number;
  /** Where the last `</at>` starts; -1 when there is none. */
  lastTeamsClose: number;
};

function closingIndex(text: string, from: number, opener: string, scans: Scans): number {
  if (opener === '«') return text.indexOf('»', from);
  if (!SINGLE_CLOSERS.has(opener)) {
    if (from >= scans.noDoubleCloseFrom) return -1;
    for (let i = from; i < text.length; i += 1) if (DOUBLE_CLOSERS.has(text[i]!)) return i;
    scans.noDoubleCloseFrom = from;
    return -1;
  }
  if (from >= scans.noSingleCloseFrom) return -1;
  for (let i = from; i < text.length; i += 1) {
    const next = text[i + 1];
    if (SINGLE_CLOSERS.has(text[i]!) && (next === undefined || AFTER_SINGLE_CLOSE.test(next))) return i;
  }
  scans.noSingleCloseFrom = from;
  return -1;
}

function lastTeamsClose(line: string): number {
  let last = -1;
  for (const close of line.matchAll(/<\/at>/gi)) last = close.index;
  return last;
}

function markupAt(line: string, i: number, scans: Scans): string | undefined {
  if (i < scans.lastTeamsClose) {
    TEAMS_MENTION.lastIndex = i;
    const mention = TEAMS_MENTION.exec(line);
    if (mention) return mention[0];
  }
  SLACK_MARKUP.lastIndex = i;
  return SLACK_MARKUP.exec(line)?.[0];
}

function unescapeSlack(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** The words of a command line with what is known about each. A leading `/pdsa` is dropped. Never throws. */
export function tokenizeWithQuotes(line: string): Token[] {
  const tokens: Token[] = [];
  const scans: Scans = {
    noSingleCloseFrom: Number.POSITIVE_INFINITY,
    noDoubleCloseFrom: Number.POSITIVE_INFINITY,
    lastTeamsClose: lastTeamsClose(line),
  };
  let i = 0;
  while (i < line.length) {
    if (SPACE.test(line[i]!)) {
      i += 1;
      continue;
    }
    const start = i;
    const markup = markupAt(line, i, scans);
    if (markup) {
      tokens.push({ text: markup, raw: markup, quoted: false });
      i += markup.length;
      continue;
    }
    let text = '';
    let quoted = false;
    while (i < line.length && !SPACE.test(line[i]!)) {
      const ch = line[i]!;
      const canOpen = i === start || line[i - 1] === '=' || line[i - 1] === ':';
      if (canOpen && OPENERS.has(ch)) {
        const close = closingIndex(line, i + 1, ch, scans);
        if (close !== -1) {
          text += unescapeSlack(line.slice(i + 1, close));
          quoted = true;
          i = close + 1;
          continue;
        }
        if (!SINGLE_CLOSERS.has(ch)) {
          text += unescapeSlack(line.slice(i + 1));
          quoted = true;
          i = line.length;
          break;
        }
      }
      text += ch;
      i += 1;
    }
    if (!quoted) text = unescapeSlack(text);
    tokens.push({ text, raw: line.slice(start, i), quoted });
  }
  const first = tokens[0];
  if (first && !first.quoted && first.text.toLowerCase() === '/pdsa') tokens.shift();
  return tokens;
}

/** The words of a command line, quotes removed. A leading `/pdsa` is dropped. Never throws. */
export function tokenize(line: string): string[] {
  return tokenizeWithQuotes(line).map((token) => token.text);
}

/** A person named in a command: by platform id when the platform gave one, else by the name typed. */
export type Mention = { userId: string; label?: string } | { userId: null; label: string };

const BROADCASTS = new Set(['here', 'channel', 'everyone']);
const SENTENCE_END = /[,.;:!?]/;

/** `<@U024BE7LH|bob>`, `<@U024BE7LH>`, Teams' `<at>Ana Lopez</at>`, or a plain `@ana`; else null. */
export function parseMention(token: string): Mention | null {
  const t = token.trim();
  const slack = /^<@([A-Z0-9]+)(?:\|([^<>]*))?>$/.exec(t);
  if (slack) {
    const label = slack[2]?.trim();
    return label ? { userId: slack[1]!, label } : { userId: slack[1]! };
  }
  const teams = /^<at>([\s\S]*?)<\/at>$/i.exec(t);
  if (teams) {
    const label = teams[1]!.trim();
    return label ? { userId: null, label } : null;
  }
  // "@ana," at the end of a sentence still names ana.
  const plain = /^@([\p{L}\p{N}][\p{L}\p{N}._'-]*)$/u.exec(withoutTrailing(t, SENTENCE_END));
  if (plain && !BROADCASTS.has(plain[1]!.toLowerCase())) return { userId: null, label: plain[1]! };
  return null;
}

export type ChannelRef = { channelId: string; label?: string } | { channelId: null; label: string };

/** `<#C123|general>`, `<#C123>` or a plain `#general`; else null. */
export function parseChannel(token: string): ChannelRef | null {
  const t = token.trim();
  const slack = /^<#([A-Z0-9]+)(?:\|([^<>]*))?>$/.exec(t);
  if (slack) {
    const label = slack[2]?.trim();
    return label ? { channelId: slack[1]!, label } : { channelId: slack[1]! };
  }
  const plain = /^#([\p{L}\p{N}][\p{L}\p{N}._-]*)$/u.exec(withoutTrailing(t, SENTENCE_END));
  return plain ? { channelId: null, label: plain[1]! } : null;
}

export type KeyValuesResult<K extends string> =
  | {
      ok: true;
      /** Each key given, with the words after it up to the next key, joined by single spaces. */
      values: Partial<Record<K, string>>;
      /** The words before the first key. */
      positional: string[];
    }
  | ParseFailure;

type KeyHit<K> = { key: K; width: number; inline?: string };

function closeKey<K extends string>(word: string, keys: readonly K[]): K | undefined {
  const w = word.toLowerCase();
  if (w.length < 4) return undefined;
  return keys.find((key) => {
    const k = key.toLowerCase();
    // "sites" next to the key "site" is a plural, not a typo.
    if (w === `${k}s` || w === `${k}es`) return false;
    return k.length >= 4 && !k.includes(' ') && editDistance(w, k, 1) === 1;
  });
}

function listKeys(keys: readonly string[]): string {
  return keys.join(', ');
}

/**
 * Reads `key value key value…` forms such as
 * `site Lincoln measure "Attendance" owner @ana from 2026-12-01 to +14d`.
 * A value runs until the next known key, so quotes are needed only when a
 * value contains a key word. Keys match without regard to case, may be
 * several words ("change idea"), and may be written `key:` or `key=value`.
 * Pass the tokens of `tokenizeWithQuotes`; plain strings are taken as
 * unquoted words.
 */
export function parseKeyValues<K extends string>(
  tokens: readonly (Token | string)[],
  knownKeys: readonly K[],
): KeyValuesResult<K> {
  const list: Token[] = tokens.map((t) => (typeof t === 'string' ? { text: t, raw: t, quoted: false } : t));
  // Longest keys first, so that "change idea" wins over "change".
  const keys = [...knownKeys].sort((a, b) => b.split(/\s+/).length - a.split(/\s+/).length);

  const keyAt = (i: number): KeyHit<K> | ParseFailure | undefined => {
    for (const key of keys) {
      const words = key.toLowerCase().split(/\s+/);
      const matches = words.every((word, j) => {
        const token = list[i + j];
        if (!token || token.quoted) return false;
        const typed = token.text.toLowerCase();
        return typed === word || (j === words.length - 1 && (typed === `${word}:` || typed === `${word}=`));
      });
      if (matches) return { key, width: words.length };
    }
    const token = list[i]!;
    const inline = /^(\p{L}[\p{L}\p{N}_-]*)([=:])(.+)$/su.exec(token.raw);
    if (!inline) return undefined;
    const name = inline[1]!.toLowerCase();
    const key = keys.find((k) => k.toLowerCase() === name);
    if (key !== undefined) return { key, width: 1, inline: token.text.slice(name.length + 1) };
    // A colon is common in prose ("Note: …"); an equals sign is only ever a key.
    if (inline[2] !== '=') return undefined;
    const near = closeKey(name, keys);
    return failure(
      `I don't know the key ${quoteInput(inline[1]!)}. ${near ? `Did you mean "${near}"? ` : ''}The keys here are: ${listKeys(knownKeys)}.`,
    );
  };

  const collected = new Map<K, string[]>();
  const positional: string[] = [];
  let current: K | undefined;
  for (let i = 0; i < list.length; ) {
    const hit = keyAt(i);
    if (hit && 'ok' in hit) return hit;
    if (hit) {
      if (collected.has(hit.key)) {
        return failure(
          `"${hit.key}" is given twice. Give it once; if a value contains the word "${hit.key}", put that value in quotes.`,
        );
      }
      collected.set(hit.key, hit.inline === undefined ? [] : [hit.inline]);
      current = hit.key;
      i += hit.width;
      continue;
    }
    const token = list[i]!;
    if (current === undefined) {
      // Before any key, a near miss of a key is most likely a typo of it.
      const near = token.quoted ? undefined : closeKey(token.text, keys);
      if (near !== undefined) {
        return failure(
          `I don't know the key ${quoteInput(token.text)}. Did you mean "${near}"? If ${quoteInput(token.text)} is meant as text, put it in quotes. The keys here are: ${listKeys(knownKeys)}.`,
        );
      }
      positional.push(token.text);
    } else {
      collected.get(current)!.push(token.text);
    }
    i += 1;
  }

  const values: Partial<Record<K, string>> = {};
  for (const [key, words] of collected) {
    if (words.length === 0) {
      return failure(
        `"${key}" needs a value right after it, like ${key} "your value". The keys here are: ${listKeys(knownKeys)}.`,
      );
    }
    values[key] = words.join(' ');
  }
  return { ok: true, values, positional };
}
