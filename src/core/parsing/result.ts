// What the parsers of typed text share: the failure shape and the folding of
// the variants people type. How an error repeats the input is quoted-input.ts's.

export type ParseFailure = { ok: false; error: string };

export function failure(error: string): ParseFailure {
  return { ok: false, error };
}

/**
 * Folds the variants phones and keyboards produce (full-width digits,
 * typographic dashes and minus signs, non-breaking spaces, capitals, a final
 * full stop) so that each parser only has to recognise one spelling.
 */
export function foldInput(text: string): string {
  return withoutTrailing(
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\u2212\u2012\u2013\u2014\u2015]/g, '-')
      .replace(/\s+/g, ' ')
      .trim(),
    FINAL_PUNCTUATION,
  );
}

/** Spaces and the punctuation that ends a sentence. */
export const FINAL_PUNCTUATION = /[\s.!?;:,]/;

/**
 * `text` without the characters matching `one` (a one-character pattern) at
 * its end. Parsers use this, never /[…]+$/: a regex engine tries that from
 * every character of a long run of them, which takes time growing with the
 * square of the run, and a pasted paragraph of dots would hold the bot.
 */
export function withoutTrailing(text: string, one: RegExp): string {
  let end = text.length;
  while (end > 0 && one.test(text[end - 1]!)) end -= 1;
  return text.slice(0, end);
}
