// What the parsers of typed text share: the failure shape, and the way an
// error message repeats what the person typed.

export type ParseFailure = { ok: false; error: string };

export function failure(error: string): ParseFailure {
  return { ok: false, error };
}

const QUOTE_LIMIT = 40;

/**
 * The input as typed, in double quotes, cut short so one error never floods
 * a chat: at a space where there is one near the end, so that no word is cut
 * into another ("nulla" shown as "null…").
 */
export function quoteInput(text: string): string {
  const oneLine = text.trim().replace(/\s+/g, ' ');
  if (oneLine.length <= QUOTE_LIMIT) return `"${oneLine}"`;
  const slice = oneLine.slice(0, QUOTE_LIMIT - 1);
  const space = slice.lastIndexOf(' ');
  const short = space >= QUOTE_LIMIT * 0.6 ? slice.slice(0, space) : slice;
  return `"${short}…"`;
}

/**
 * Folds the variants phones and keyboards produce (full-width digits,
 * typographic dashes and minus signs, non-breaking spaces, capitals, a final
 * full stop) so that each parser only has to recognise one spelling.
 */
export function foldInput(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2212\u2012\u2013\u2014\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.!?;:,]+$/, '');
}
