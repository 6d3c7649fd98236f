import { plainText } from '../../../src/core/message-model.ts';

// The core's small markup (**bold**, _italic_, `code`, "• " bullets) in
// Slack's mrkdwn, and the text limits of Block Kit, counted in UTF-16 code
// units as Slack counts them.

/** Slack's three control characters; everything else is shown as typed. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The core's markup as Slack mrkdwn: `**bold**` becomes `*bold*`; `_italic_` and `code` are the same. */
export function toMrkdwn(text: string): string {
  return escapeMrkdwn(text).replace(/\*\*(.+?)\*\*/gs, '*$1*');
}

/** Plain text (no markup, no escapes) for plain_text objects: headers, labels, button texts. */
export function toPlain(text: string): string {
  return plainText(text);
}

/** Cuts `text` to at most `max` characters, ending with "…" when cut, never inside an `&amp;`-style escape. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = safeCut(text, max - 1);
  // Prefer a word boundary when one is near.
  const space = text.lastIndexOf(' ', cut);
  if (space > cut - 40 && space > 0) cut = space;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/** Splits mrkdwn into pieces of at most `max` characters, at line breaks where possible, then at spaces. */
export function splitMrkdwn(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  const flush = () => {
    if (current !== '') pieces.push(current);
    current = '';
  };
  for (const line of text.split('\n')) {
    const joined = current === '' ? line : `${current}\n${line}`;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    flush();
    let rest = line;
    while (rest.length > max) {
      let cut = safeCut(rest, max);
      const space = rest.lastIndexOf(' ', cut);
      if (space > max / 2) cut = space;
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut).replace(/^ /, '');
    }
    current = rest;
  }
  flush();
  return pieces.length > 0 ? pieces : [''];
}

/** The largest index ≤ `at` that does not fall inside an HTML-style escape or a surrogate pair. */
function safeCut(text: string, at: number): number {
  let cut = Math.max(0, at);
  const amp = text.lastIndexOf('&', cut);
  if (amp >= 0 && amp > cut - 6) {
    const semi = text.indexOf(';', amp);
    if (semi >= cut) cut = amp;
  }
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return cut;
}

/** Slack message text to what a person typed: links and mentions unwrapped, escapes undone. */
export function fromSlackText(text: string): string {
  return text
    .replace(/<((?:https?|mailto|tel):[^|>]+)\|([^>]*)>/g, (_m, url: string, label: string) =>
      label && label !== url.replace(/^mailto:/, '') ? `${label} (${url})` : label || url,
    )
    .replace(/<((?:https?|mailto|tel):[^|>]+)>/g, '$1')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}
