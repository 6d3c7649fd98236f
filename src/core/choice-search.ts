import type { Choice } from './message-model.ts';

// Typing part of a name finds it, whatever the case and accents ("roos"
// finds "Roosevelt High", "sao" finds "São Tomé"): the choices whose label
// starts with what was typed come first, then those with a word starting
// with it, then those containing every typed word; each group keeps the
// form's own order.

const fold = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** The choices matching `query` (all of them for an empty query), best first, at most `limit`. */
export function matchingChoices(choices: readonly Choice[], query: string, limit = 100): Choice[] {
  const q = fold(query);
  if (q === '') return choices.slice(0, limit);
  const words = q.split(' ');
  const ranked: Choice[][] = [[], [], []];
  for (const choice of choices) {
    const label = fold(choice.label);
    if (label.startsWith(q)) ranked[0]!.push(choice);
    else if (label.includes(` ${q}`)) ranked[1]!.push(choice);
    else if (words.every((w) => label.includes(w))) ranked[2]!.push(choice);
  }
  return ranked.flat().slice(0, limit);
}
