// The core's light markup (**bold**, _italic_, `code`, "• " bullets, line
// breaks) as the Markdown subset that Adaptive Cards in Teams render.
//
// Teams shows **bold** and _italic_ as they are, but has no inline code: a
// `code` span (almost always a command to type) becomes bold so that it
// still stands out, or loses its backticks inside text that is bold already.
// Line breaks are not given to Markdown at all: a text is split into lines
// and each line becomes a TextBlock of its own (see render-card.ts), because
// a single "\n" is a soft break in Markdown and would run lines together.

/** One line of core markup as Adaptive Card Markdown. */
export function cardMarkdown(line: string): string {
  return line
    .split(/(\*\*.+?\*\*)/g)
    .map((part, i) => (i % 2 === 1 ? part.replace(/`([^`]+)`/g, '$1') : part.replace(/`([^`]+)`/g, '**$1**')))
    .join('');
}

/** A text split into its lines; blank lines mark paragraph breaks (returned as ''). */
export function textLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  return lines.map((l) => (l.trim() === '' ? '' : l));
}
