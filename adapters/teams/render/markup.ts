// The core's light markup (**bold**, _italic_, `code`, "• " bullets, line
// breaks) as the Markdown subset that Adaptive Cards in Teams render, with
// everything else shown as typed.
//
// Teams reads a TextBlock as Markdown: "<site>" disappears as an HTML tag,
// "- " and "1. " start lists, "*x*" and "[t](url)" format, so text the
// core did not mark up (placeholders such as <site>, names, answers, CSV
// lines) has those characters escaped with a backslash, as CommonMark
// defines. Teams shows **bold** and _italic_ as they are, but has no inline
// code: a `code` span (almost always a command to type) becomes bold so
// that it still stands out, or loses its backticks inside text that is bold
// already. Line breaks are not given to Markdown at all: a text is split
// into lines and each line becomes a TextBlock of its own (see
// card.ts), because a single "\n" is a soft break in Markdown and
// would run lines together.

const BOLD = /(\*\*.+?\*\*)/;
const CODE = /`([^`]+)`/;
const ITALIC = /(^|[^\p{L}\p{N}_])_(.+?)_(?=[^\p{L}\p{N}_]|$)/u;

/** One line of core markup as Adaptive Card Markdown. */
export function cardMarkdown(line: string): string {
  return atLineStart(
    line
      .split(BOLD)
      .map((part, i) => (i % 2 === 1 ? `**${inBold(part.slice(2, -2))}**` : outsideBold(part)))
      .join(''),
  );
}

/** A line shown exactly as typed: nothing in it is read as Markdown. */
export function literalText(line: string): string {
  return atLineStart(escapeInline(line));
}

/** A text split into its lines; blank lines mark paragraph breaks (returned as ''). */
export function textLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  return lines.map((l) => (l.trim() === '' ? '' : l));
}

function outsideBold(text: string): string {
  return text
    .split(CODE)
    .map((part, i) => (i % 2 === 1 ? `**${escapeInline(part)}**` : withItalic(part)))
    .join('');
}

function inBold(text: string): string {
  return withItalic(text.replace(new RegExp(CODE, 'g'), '$1'));
}

function withItalic(text: string): string {
  let out = '';
  let rest = text;
  for (let m = ITALIC.exec(rest); m; m = ITALIC.exec(rest)) {
    out += `${escapeInline(rest.slice(0, m.index))}${escapeInline(m[1]!)}_${escapeInline(m[2]!)}_`;
    rest = rest.slice(m.index + m[0].length);
  }
  return out + escapeInline(rest);
}

/** Characters that format text anywhere in a line. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, '\\$&').replace(/&(?=#?\w+;)/g, '\\&');
}

/**
 * What starts a list, a heading or a rule when it opens a line. Leading
 * spaces go: Markdown shows none of them, and four make a code block.
 */
function atLineStart(line: string): string {
  return line
    .trimStart()
    .replace(/^(?:([-+#])|(\d+)([.)])(?=\s|$))/, (_m, mark, digits, dot) =>
      mark ? `\\${mark}` : `${digits}\\${dot}`,
    );
}
