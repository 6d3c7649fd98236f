import { Parser } from 'commonmark';

// What a Markdown reader shows of a TextBlock's text: Teams reads TextBlocks
// as (a subset of) CommonMark, so the reference parser stands in for it.
// `text` is what a person sees; `formatting` names every construct that
// changed it (strong, emph, list, link, html_inline…), in order.

export type Shown = { text: string; formatting: string[] };

const PLAIN = new Set(['document', 'paragraph', 'text', 'softbreak']);

export function shown(markdown: string): Shown {
  const walker = new Parser().parse(markdown).walker();
  let text = '';
  const formatting: string[] = [];
  for (let step = walker.next(); step; step = walker.next()) {
    if (!step.entering) continue;
    const node = step.node;
    if (!PLAIN.has(node.type)) formatting.push(node.type);
    // Teams drops HTML it does not know, as the Playground does.
    if (node.type === 'text' || node.type === 'code') text += node.literal ?? '';
    if (node.type === 'softbreak') text += ' ';
  }
  return { text, formatting };
}
