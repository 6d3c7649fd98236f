import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChannel, parseMention, tokenizeWithQuotes } from '../../../src/core/parsing/command-line.ts';
import { parseDateRange } from '../../../src/core/parsing/dates.ts';
import { parseMeasureNumber } from '../../../src/core/parsing/numbers.ts';
import { FINAL_PUNCTUATION, foldInput, withoutTrailing } from '../../../src/core/parsing/result.ts';

// The parsers were made to do bounded work per character (no regex that
// retries from every character of a long run, no search to the end of the
// line once per opener). They must read everything exactly as before: each
// is checked here against the earlier, slower reading on lines drawn from
// the characters that matter to it.

/** The earlier tokenizer, as it was: the oracle. */
function tokenizeAsBefore(line: string) {
  const DOUBLE_CLOSERS = new Set(['"', '“', '”']);
  const SINGLE_CLOSERS = new Set(["'", '‘', '’']);
  const OPENERS = new Set([...DOUBLE_CLOSERS, '„', '«', ...SINGLE_CLOSERS]);
  const SPACE = /\s/;
  const AFTER_SINGLE_CLOSE = /[\s,.;:!?)\]}]/;
  const MARKUP = /<at>[\s\S]*?<\/at>|<[@#!][^<>\n]*>|<[a-z][a-z0-9+.-]*:[^<>\s|]+(?:\|[^<>\n]*)?>/iy;
  const closingIndex = (text: string, from: number, opener: string): number => {
    if (opener === '«') return text.indexOf('»', from);
    if (!SINGLE_CLOSERS.has(opener)) {
      for (let i = from; i < text.length; i += 1) if (DOUBLE_CLOSERS.has(text[i]!)) return i;
      return -1;
    }
    for (let i = from; i < text.length; i += 1) {
      const next = text[i + 1];
      if (SINGLE_CLOSERS.has(text[i]!) && (next === undefined || AFTER_SINGLE_CLOSE.test(next))) return i;
    }
    return -1;
  };
  const unescapeSlack = (text: string) =>
    text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  const tokens: { text: string; raw: string; quoted: boolean }[] = [];
  let i = 0;
  while (i < line.length) {
    if (SPACE.test(line[i]!)) {
      i += 1;
      continue;
    }
    const start = i;
    MARKUP.lastIndex = i;
    const markup = MARKUP.exec(line);
    if (markup) {
      tokens.push({ text: markup[0], raw: markup[0], quoted: false });
      i += markup[0].length;
      continue;
    }
    let text = '';
    let quoted = false;
    while (i < line.length && !SPACE.test(line[i]!)) {
      const ch = line[i]!;
      const canOpen = i === start || line[i - 1] === '=' || line[i - 1] === ':';
      if (canOpen && OPENERS.has(ch)) {
        const close = closingIndex(line, i + 1, ch);
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

const lineOf = (...pieces: string[]) =>
  fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join(''));

describe('parsers that do bounded work per character read as before', () => {
  it('splitting a command line into words', () => {
    const line = lineOf(
      ' ',
      'a',
      'B',
      "'",
      '‘',
      '’',
      '"',
      '“',
      '”',
      '„',
      '«',
      '»',
      '=',
      ':',
      ',',
      '.',
      '<at>',
      '</at>',
      '</AT>',
      '<@U1|x>',
      '<#C1>',
      '<a:b|c>',
      '<',
      '>',
      '&lt;',
      '\n',
      'İ',
    );
    fc.assert(
      fc.property(line, (text) => {
        expect(tokenizeWithQuotes(text)).toEqual(tokenizeAsBefore(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('reading a mention or a channel ending a sentence', () => {
    const token = lineOf('@', '#', 'a', 'é', '1', '.', ',', '!', '?', ';', ':', "'", '-', '_', ' ');
    fc.assert(
      fc.property(token, (t) => {
        const plain = /^@([\p{L}\p{N}][\p{L}\p{N}._'-]*?)[,.;:!?]*$/u.exec(t.trim());
        const mention = parseMention(t);
        if (plain && !['here', 'channel', 'everyone'].includes(plain[1]!.toLowerCase())) {
          expect(mention).toEqual({ userId: null, label: plain[1] });
        } else {
          expect(mention).toBeNull();
        }
        const channel = /^#([\p{L}\p{N}][\p{L}\p{N}._-]*?)[,.;:!?]*$/u.exec(t.trim());
        expect(parseChannel(t)).toEqual(channel ? { channelId: null, label: channel[1] } : null);
      }),
      { numRuns: 2_000 },
    );
  });

  it('dropping the punctuation that ends a sentence', () => {
    const text = lineOf(' ', '.', '!', '?', ';', ':', ',', 'a', '1', '\t', '–');
    fc.assert(
      fc.property(text, (t) => {
        expect(withoutTrailing(t, FINAL_PUNCTUATION)).toBe(t.replace(/[\s.!?;:,]+$/, ''));
        expect(foldInput(t)).toBe(
          t
            .normalize('NFKC')
            .toLowerCase()
            .replace(/[\u2212\u2012\u2013\u2014\u2015]/g, '-')
            .replace(/\s+/g, ' ')
            .trim()
            .replace(/[\s.!?;:,]+$/, ''),
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it('numbers and date ranges ending in runs of dots, commas and spaces', () => {
    const tail = lineOf(' ', '.', ',', '!');
    fc.assert(
      fc.property(fc.constantFrom('12/30', '7', '1,234', '3.5', 'about 7', '40%'), tail, (n, t) => {
        for (const kind of ['proportion', 'count', 'value'] as const) {
          const withTail = parseMeasureNumber(`${n}${t}`, kind);
          const bare = parseMeasureNumber(n, kind);
          // Refusals quote what was typed, so only readings are compared whole.
          expect(withTail.ok).toBe(bare.ok);
          if (withTail.ok) expect(withTail).toEqual(bare);
        }
      }),
    );
    expect(parseDateRange('dec 21 to jan 1 . . .', '2026-11-30')).toEqual({
      ok: true,
      startsOn: '2026-12-21',
      endsOn: '2027-01-01',
    });
  });
});
