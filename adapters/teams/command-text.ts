// Teams has no slash commands: people type to the bot. A message is a
// command when it starts with `/pdsa` or with one of the command words
// below; anything else is a reply (an answer to a check-in question).
//
// The words are listed here rather than taken from the core's command list
// so that the adapter does not depend on it; a command the core adds later
// still works with the `/pdsa` prefix. The manifest's command list offers
// the common ones in the compose box.

const COMMAND_WORDS =
  /^(help|network|site|sites|member|members|join|approve|measure|measures|idea|ideas|start|status|cycles|cycle|remind|close|pause|resume|learnings|learning|export|forget|digest|answer)\b/i;

export function isCommandText(text: string): boolean {
  const t = text.trimStart();
  return /^\/pdsa(\s|$)/i.test(t) || COMMAND_WORDS.test(t);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Plain text of what someone typed: Teams may send `&nbsp;` and other
 * entities, a trailing newline after a mention, and non-breaking spaces.
 */
export function cleanText(text: string): string {
  return text
    .replace(/&(amp|lt|gt|quot|apos|nbsp);|&#(\d+);|&#x([0-9a-f]+);/gi, (whole, name, dec, hex) => {
      if (name) return ENTITIES[String(name).toLowerCase()] ?? whole;
      const code = dec ? Number(dec) : Number.parseInt(String(hex), 16);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    })
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}
