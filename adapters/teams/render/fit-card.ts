import { shortened } from '../../../src/core/shortened.ts';
import type { AdaptiveCard, CardElement } from './adaptive-card.ts';
import { cardMarkdown, literalText } from './markup.ts';

// Teams refuses a bot message larger than about 28 KB (HTTP 413), counting
// the whole activity. The card gets what is left after the activity's own
// fields (conversation, recipient, service URL, summary), with room to spare.
export const CARD_BYTE_BUDGET = 24_000;

const SHORTENED_NOTE = cardMarkdown(
  'Part of this message was shortened to fit in a Teams card. Type `/pdsa help` to see how to look at the full record.',
);
const MIN_TEXT = 120;

export const cardBytes = (card: AdaptiveCard) => Buffer.byteLength(JSON.stringify(card), 'utf8');

/**
 * Makes a card fit the budget: first images give way to their alt text
 * (a chart as a data URL rarely fits), then the longest texts are cut at a
 * word with "…", and a note says so. A card that still does not fit is
 * reduced to its first heading and its summary.
 */
export function fitCard(card: AdaptiveCard, budget = CARD_BYTE_BUDGET): AdaptiveCard {
  if (cardBytes(card) <= budget) return card;
  const body = structuredClone(card.body);
  for (let i = 0; i < body.length; i++) {
    const e = body[i]!;
    if (e.type === 'Image') {
      body[i] = {
        type: 'TextBlock',
        text: `(Chart: ${literalText(String(e.altText ?? 'an image'))})`,
        wrap: true,
        isSubtle: true,
        ...(e.separator ? { separator: true } : {}),
      };
    }
  }
  const withNote = (b: CardElement[]): AdaptiveCard => ({
    ...card,
    body: [...b, { type: 'TextBlock', text: SHORTENED_NOTE, wrap: true, size: 'small', isSubtle: true }],
  });
  let fitted = withNote(body);
  for (let round = 0; round < 200 && cardBytes(fitted) > budget; round++) {
    const longest = longestText(body);
    if (!longest || longest.length <= MIN_TEXT) break;
    longest.set(cut(longest.text, Math.max(MIN_TEXT, Math.floor(longest.length / 2))));
    fitted = withNote(body);
  }
  if (cardBytes(fitted) <= budget) return fitted;
  const heading = card.body.find((e) => e.type === 'TextBlock' && e.weight === 'bolder');
  return withNote([
    ...(heading ? [heading] : []),
    { type: 'TextBlock', text: cut(literalText(card.fallbackText ?? ''), 2_000), wrap: true },
  ]);
}

type TextSlot = { text: string; length: number; set(text: string): void };

/** The longest shortenable string of the body: a TextBlock's text or a fact's value. */
function longestText(body: CardElement[]): TextSlot | undefined {
  let best: TextSlot | undefined;
  const consider = (text: unknown, set: (t: string) => void) => {
    if (typeof text !== 'string') return;
    const length = Buffer.byteLength(text, 'utf8');
    if (!best || length > best.length) best = { text, length, set };
  };
  for (const element of body) {
    if (element.type === 'TextBlock') consider(element.text, (t) => (element.text = t));
    if (element.type === 'FactSet' && Array.isArray(element.facts)) {
      for (const fact of element.facts as { value: string }[]) consider(fact.value, (t) => (fact.value = t));
    }
  }
  return best;
}

/**
 * Shortens at a word (see shortened) without leaving a **bold** span open
 * or an escape (markup.ts) cut in half.
 */
export function cut(text: string, max: number): string {
  const short = shortened(text, max);
  if (short === text) return text;
  let base = short.slice(0, -1);
  if ((/\\+$/.exec(base)?.[0].length ?? 0) % 2 === 1) base = base.slice(0, -1);
  const open = (base.match(/(?<!\\)\*\*/g) ?? []).length % 2 === 1;
  return `${base}${open ? '**' : ''}…`;
}
